import { ApiError, invalidRequest } from "../core/errors";

// Decodes Stripe's bracket-notation form encoding (`a[b][0][c]=v`, `expand[]=x`) into nested
// objects and arrays, the way Stripe's API reads what stripe-node and Stripe.js send. The tree is
// built in Maps, so no key can reach an object's prototype, and becomes plain objects at the end.
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

/** Rack 3's defaults (`param_depth_limit` 32, `params_limit` 4096); Stripe's own are not published. */
export const MAX_DEPTH = 32;
export const MAX_PARAMS = 4096;
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** What Stripe answers for a body it cannot decode (seen for stray `%` and malformed bodies). */
export const UNDECODABLE_MESSAGE =
  "Invalid request (check your POST parameters): For assistance, contact support at https://support.stripe.com/contact/.";

type Node = string | Map<string, Node>;

function refusal(message: string, param?: string): ApiError {
  const error = invalidRequest(message, param ? { param } : {});
  // Stripe saves no idempotent result for a request that fails before its endpoint runs.
  error.isValidation = true;
  return error;
}

const undecodable = () => refusal(UNDECODABLE_MESSAGE);

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    // A `%` not followed by two hex digits, or bytes that are not UTF-8.
    throw undecodable();
  }
}

/** `a[b][]` → ["a", "b", ""]; a key whose brackets do not close is one literal name. */
function splitKey(key: string): string[] {
  const open = key.indexOf("[");
  if (open <= 0) return [key];
  const parts = [key.slice(0, open)];
  let rest = key.slice(open);
  while (rest.length > 0) {
    const match = /^\[([^[\]]*)\]/.exec(rest);
    if (!match) return [key];
    parts.push(match[1] ?? "");
    rest = rest.slice(match[0].length);
  }
  return parts;
}

/** Renders a param path the way Stripe names it in errors: `card[exp_month]`. */
export function paramName(path: ReadonlyArray<PropertyKey>): string {
  const [head, ...rest] = path.map(String);
  return (head ?? "") + rest.map((p) => `[${p}]`).join("");
}

function assign(root: Map<string, Node>, parts: string[], value: string): void {
  let node = root;
  for (let i = 0; i < parts.length; i++) {
    // `[]` appends: the next free index of this hash.
    const part = parts[i] === "" && i > 0 ? String(node.size) : (parts[i] as string);
    if (RESERVED_KEYS.has(part)) {
      const name = paramName([...parts.slice(0, i), part]);
      throw refusal(`Received unknown parameter: ${name}`, name);
    }
    const existing = node.get(part);
    if (i === parts.length - 1) {
      // A key given twice, or given both as a value and as a hash: Stripe would have to guess.
      if (existing !== undefined) throw undecodable();
      node.set(part, value);
      return;
    }
    if (typeof existing === "string") throw undecodable();
    const child = existing ?? new Map<string, Node>();
    node.set(part, child);
    node = child;
  }
}

/** A hash whose keys are exactly 0..n-1 is an array; any other numeric keys stay hash keys. */
function finish(node: Node): FormValue {
  if (typeof node === "string") return node;
  const keys = [...node.keys()];
  if (keys.length > 0 && keys.every((k) => /^(0|[1-9]\d*)$/.test(k) && Number(k) < keys.length)) {
    return keys.map((_, i) => finish(node.get(String(i)) as Node));
  }
  const out: FormObject = {};
  for (const [key, child] of node) out[key] = finish(child);
  return out;
}

export function parseForm(body: string): FormObject {
  const root = new Map<string, Node>();
  if (!body) return {};
  const pairs = body.split("&").filter((pair) => pair !== "");
  if (pairs.length > MAX_PARAMS) throw undecodable();
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = decode(eq === -1 ? "" : pair.slice(eq + 1));
    const parts = splitKey(key);
    if (parts.length - 1 > MAX_DEPTH) throw undecodable();
    assign(root, parts, value);
  }
  const out: FormObject = {};
  for (const [key, child] of root) out[key] = finish(child);
  return out;
}
