// Decodes Stripe's bracket-notation form encoding (`a[b][0][c]=v`, `expand[]=x`) into nested
// objects and arrays, the way Stripe's API reads what stripe-node and Stripe.js send.
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

function splitKey(key: string): string[] {
  const open = key.indexOf("[");
  if (open <= 0) return [key];
  const parts = [key.slice(0, open)];
  const re = /\[([^\]]*)\]/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(key.slice(open))) !== null) parts.push(match[1] ?? "");
  return parts;
}

function isIndex(part: string): boolean {
  return part === "" || /^\d+$/.test(part);
}

function assign(target: FormObject, parts: string[], value: string): void {
  let node: FormObject | FormValue[] = target;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const last = i === parts.length - 1;
    const nextIsIndex = !last && isIndex(parts[i + 1] as string);
    if (Array.isArray(node)) {
      // `[]` appends; `[3]` addresses a slot (sparse indexes collapse later).
      const index = part === "" ? node.length : Number(part);
      if (last) {
        node[index] = value;
        return;
      }
      let child: FormValue | undefined = node[index];
      if (child === undefined || typeof child === "string") {
        child = nextIsIndex ? [] : {};
        node[index] = child;
      }
      node = child as FormObject | FormValue[];
    } else {
      if (last) {
        node[part] = value;
        return;
      }
      let child: FormValue | undefined = node[part];
      if (child === undefined || typeof child === "string") {
        child = nextIsIndex ? [] : {};
        node[part] = child;
      }
      node = child as FormObject | FormValue[];
    }
  }
}

function compact(value: FormValue): FormValue {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compact);
  const out: FormObject = {};
  for (const [k, v] of Object.entries(value)) out[k] = compact(v);
  return out;
}

export function parseForm(body: string): FormObject {
  const out: FormObject = {};
  if (!body) return out;
  for (const pair of body.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? "" : pair.slice(eq + 1);
    const key = decodeURIComponent(rawKey.replace(/\+/g, " "));
    const value = decodeURIComponent(rawValue.replace(/\+/g, " "));
    assign(out, splitKey(key), value);
  }
  return compact(out) as FormObject;
}

/** Renders a param path the way Stripe names it in errors: `card[exp_month]`. */
export function paramName(path: ReadonlyArray<PropertyKey>): string {
  const [head, ...rest] = path.map(String);
  return (head ?? "") + rest.map((p) => `[${p}]`).join("");
}
