import { z } from "zod";
import { type ApiError, invalidRequest, missingParam } from "./errors";
import { paramName } from "../wire/form";

// Form-encoded params arrive as strings; these read them the way Stripe's API does.
export const int = z.union([
  z.number().int(),
  z.string().regex(/^-?\d+$/, "Invalid integer").transform(Number),
]);
export const bool = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);
export const str = z.string();
export const id = z.string().min(1);
/** `metadata[k]=v`; an empty string unsets the whole hash (stripe-node sends `null` as ""). */
export const metadata = z.union([z.literal(""), z.record(z.string(), z.string())]);
export const expand = z.unknown().optional();
export const rangeFilter = z
  .union([int, z.object({ gt: int.optional(), gte: int.optional(), lt: int.optional(), lte: int.optional() })])
  .optional();

function validationError(message: string, param: string): ApiError {
  const error = invalidRequest(message, param ? { param } : {});
  // Stripe does not store idempotent results for requests that fail validation.
  error.isValidation = true;
  return error;
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node: unknown = input;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw validationError("Invalid request.", "");
  const name = paramName(issue.path);
  const raw = valueAt(input, issue.path);
  if (raw === undefined) {
    const error = missingParam(name);
    error.isValidation = true;
    throw error;
  }
  if (issue.code === "invalid_value" || issue.code === "invalid_union") {
    throw validationError(`Invalid ${name}: must be one of the accepted values; got ${JSON.stringify(raw)}.`, name);
  }
  if (typeof raw === "string" && /integer|number/i.test(issue.message + JSON.stringify(issue))) {
    throw validationError(`Invalid integer: ${raw}`, name);
  }
  throw validationError(`Invalid ${name}: ${issue.message}`, name);
}

/**
 * Stripe's refusal of a string over its `maxLength`: the value shortened to its first and last ten
 * characters (seen as `Invalid string: Lottery Re...iting line; must be at most 40 characters`).
 */
export function refuseOverlongString(value: string, max: number, param: string): void {
  if (value.length <= max) return;
  throw validationError(`Invalid string: ${value.slice(0, 10)}...${value.slice(-10)}; must be at most ${max} characters`, param);
}

/** Merges Stripe's metadata update semantics: "" clears all, a key set to "" is removed. */
export function mergeMetadata(current: Record<string, string>, update: "" | Record<string, string> | undefined): Record<string, string> {
  if (update === undefined) return current;
  if (update === "") return {};
  const out = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === "") delete out[k];
    else out[k] = v;
  }
  if (Object.keys(out).length > 50) throw invalidRequest("Metadata can have up to 50 keys.", { param: "metadata" });
  return out;
}
