import { invalidRequest } from "./errors";
import type { StripeObject, Store } from "./store";

// Fields Stripe leaves out unless expanded, computed on demand (for example `charge.refunds`).
export type VirtualField = (obj: StripeObject, store: Store) => unknown;
const virtualFields = new Map<string, Record<string, VirtualField>>();

export function registerVirtualField(type: string, field: string, fn: VirtualField): void {
  const fields = virtualFields.get(type) ?? {};
  fields[field] = fn;
  virtualFields.set(type, fields);
}

function expandInto(node: unknown, parts: string[], store: Store, full: string): unknown {
  if (parts.length === 0 || node === null || typeof node !== "object") return node;
  const [head, ...rest] = parts as [string, ...string[]];
  if (Array.isArray(node)) return node.map((item) => expandInto(item, parts, store, full));
  const record = node as Record<string, unknown>;
  let value = record[head];
  const type = typeof record.object === "string" ? record.object : "";
  const virtual = virtualFields.get(type)?.[head];
  if (virtual && (value === undefined || typeof value === "string" || value === null)) {
    value = virtual(record as StripeObject, store);
  } else if (typeof value === "string") {
    const target = store.get(value);
    if (target) value = structuredClone(target);
  } else if (value === undefined) {
    throw invalidRequest(`This property cannot be expanded (${full}).`, { param: "expand" });
  }
  record[head] = expandInto(value, rest, store, full);
  return record;
}

function expandPaths(raw: unknown): string[] {
  if (raw === undefined) return [];
  if (typeof raw === "string") return [raw];
  if (Array.isArray(raw)) return raw.filter((x): x is string => typeof x === "string");
  if (typeof raw === "object" && raw !== null) return Object.values(raw).filter((x): x is string => typeof x === "string");
  return [];
}

/** A deep copy of `value` with the requested `expand[]` paths replaced by the objects they name. */
export function render(value: unknown, rawExpand: unknown, store: Store): unknown {
  const paths = expandPaths(rawExpand);
  if (paths.length === 0) return value;
  let out = structuredClone(value);
  for (const path of paths) {
    const parts = path.split(".");
    if (parts.length > 4) throw invalidRequest(`You cannot expand more than 4 levels of a property. Property: ${path}`, { param: "expand" });
    out = expandInto(out, parts, store, path);
  }
  return out;
}
