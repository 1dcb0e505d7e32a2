import { evidenceFieldLabel, type FileField, type TextField } from "./evidence-fields";
import { evidenceWeights, type EvidenceField } from "./evidence-weights";

/**
 * How complete a dispute's evidence packet is for its reason: the weights of the fields that hold
 * something, out of 100, and what is still missing, heaviest first, with why it matters. Plain code,
 * so the form scores what staff type before it is saved.
 */

export interface CompletenessItem {
  field: EvidenceField;
  label: string;
  weight: number;
  why: string;
  provided: boolean;
}

export interface Completeness {
  /** 0–100, rounded down, so a packet shows 100 only when nothing that counts is missing. */
  score: number;
  items: CompletenessItem[];
  missing: CompletenessItem[];
}

export interface PacketContents {
  text: Partial<Record<TextField, string>> | Record<string, string>;
  files: Partial<Record<FileField, unknown>>;
}

function provided(field: EvidenceField, packet: PacketContents): boolean {
  const text = (packet.text as Record<string, string | undefined>)[field];
  if (typeof text === "string" && text.trim() !== "") return true;
  return Boolean((packet.files as Record<string, unknown>)[field]);
}

export function evidenceCompleteness(reason: string, packet: PacketContents): Completeness {
  const items = evidenceWeights(reason).map((w) => ({ ...w, label: evidenceFieldLabel(w.field), provided: provided(w.field, packet) }));
  const total = items.reduce((n, i) => n + i.weight, 0);
  const earned = items.filter((i) => i.provided).reduce((n, i) => n + i.weight, 0);
  const missing = items.filter((i) => !i.provided).sort((a, b) => b.weight - a.weight);
  return { score: total === 0 ? 0 : Math.floor((earned * 100) / total), items, missing };
}
