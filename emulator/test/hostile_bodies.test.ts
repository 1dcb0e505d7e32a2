import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRET_KEY, startTestEmulator, type LooseJson, type TestEmulator } from "./helpers";

// Bodies no SDK sends: each must get Stripe's 400 and change nothing, in this process or the store.
let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

const UNDECODABLE = {
  error: {
    type: "invalid_request_error",
    message: "Invalid request (check your POST parameters): For assistance, contact support at https://support.stripe.com/contact/.",
  },
};
const unknownParam = (param: string) => ({ error: { type: "invalid_request_error", message: `Received unknown parameter: ${param}`, param } });

async function post(path: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; body: LooseJson; headers: Headers }> {
  const res = await fetch(`${emu.url}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${SECRET_KEY}`, "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body,
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

async function customerCount(): Promise<number> {
  return (await emu.stripe.customers.list({ limit: 100 })).data.length;
}

describe("hostile request bodies", () => {
  it("refuses prototype keys at any depth, and Object.prototype stays clean", async () => {
    const before = await customerCount();
    expect(await post("/v1/customers", "__proto__[x]=1")).toMatchObject({ status: 400, body: unknownParam("__proto__") });
    expect(await post("/v1/customers", "constructor[prototype][x]=1")).toMatchObject({ status: 400, body: unknownParam("constructor") });
    expect(await post("/v1/customers", "email=a%40example.com&metadata[__proto__][x]=1")).toMatchObject({ status: 400, body: unknownParam("metadata[__proto__]") });
    expect(await post("/v1/customers", "metadata[toString][x]=1")).toMatchObject({ status: 400 });
    expect(await post("/v1/customers", "%5F%5Fproto%5F%5F%5Bx%5D=1")).toMatchObject({ status: 400, body: unknownParam("__proto__") });
    const res = await fetch(`${emu.url}/v1/customers?__proto__[x]=1`, { headers: { Authorization: `Bearer ${SECRET_KEY}` } });
    expect(res.status).toBe(400);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(typeof Object.prototype.toString).toBe("function");
    expect((Object.prototype.toString as unknown as Record<string, unknown>).x).toBeUndefined();
    // A normal create and list still work, and nothing was created by the refused bodies.
    expect(await customerCount()).toBe(before);
    const created = await emu.stripe.customers.create({ email: "after@example.com", metadata: { order: "7" } });
    const list = await emu.stripe.customers.list({ limit: 100 });
    expect(list.data.map((c) => c.id)).toContain(created.id);
  });

  it("answers a malformed percent-encoding with 400 and does not keep it under the idempotency key", async () => {
    const before = await customerCount();
    for (const body of ["name=%E0%A4%A", "name=%", "name=%zz", "na%2me=x", "name=%C3%28"]) {
      expect(await post("/v1/customers", body), body).toMatchObject({ status: 400, body: UNDECODABLE });
    }
    const key = "hostile-percent-1";
    const first = await post("/v1/customers", "name=%E0%A4%A", { "Idempotency-Key": key });
    expect(first).toMatchObject({ status: 400, body: UNDECODABLE });
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    // Nothing was saved under the key: the corrected request runs as new, not as a mismatch or a replay.
    const second = await post("/v1/customers", "name=Jenny", { "Idempotency-Key": key });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ object: "customer", name: "Jenny" });
    expect(second.headers.get("idempotent-replayed")).toBeNull();
    expect(await customerCount()).toBe(before + 1);
  });

  it("refuses nesting deeper than 32 levels and more than 4,096 parameters", async () => {
    const deep = (levels: number) => `metadata${"[a]".repeat(levels)}=1`;
    expect(await post("/v1/customers", deep(33))).toMatchObject({ status: 400, body: UNDECODABLE });
    // 32 levels decode; the customer endpoint then refuses a nested metadata value as Stripe does.
    expect((await post("/v1/customers", deep(32))).body).not.toEqual(UNDECODABLE);
    const many = Array.from({ length: 4097 }, (_, i) => `metadata[k${i}]=v`).join("&");
    expect(await post("/v1/customers", many)).toMatchObject({ status: 400, body: UNDECODABLE });
  });

  it("reads a huge array index as a hash key, quickly, so the parameter is refused without allocating it", async () => {
    const started = Date.now();
    expect(await post("/v1/customers", "expand[99999999]=default_source")).toMatchObject({ status: 400, body: { error: { type: "invalid_request_error", message: "Invalid array", param: "expand" } } });
    expect(await post("/v1/customers", "expand[4294967296]=x")).toMatchObject({ status: 400, body: { error: { message: "Invalid array", param: "expand" } } });
    expect(await post("/v1/customers", "items[99999999][price]=p")).toMatchObject({ status: 400, body: unknownParam("items") });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("refuses a key given twice and a key used both as a value and as a hash", async () => {
    const before = await customerCount();
    for (const body of ["name=a&name=b", "metadata[k]=1&metadata%5Bk%5D=2", "expand[0]=x&expand[0]=y", "metadata=&metadata[k]=v", "metadata[k]=v&metadata=", "expand[]=a&expand[0]=b"]) {
      expect(await post("/v1/customers", body), body).toMatchObject({ status: 400, body: UNDECODABLE });
    }
    expect(await customerCount()).toBe(before);
  });

  it("keeps every encoding the SDK sends working", async () => {
    const created = await emu.stripe.customers.create({
      name: "A & B = C+D %",
      email: "sdk@example.com",
      metadata: { "order id": "A [17]", empty_next: "x" },
      expand: ["invoice_settings.default_payment_method"],
    });
    expect(created).toMatchObject({ name: "A & B = C+D %", metadata: { "order id": "A [17]", empty_next: "x" } });
    const raw = await post("/v1/customers", "name=R&expand[]=invoice_settings.default_payment_method&metadata[a]=1&metadata[b]=");
    expect(raw).toMatchObject({ status: 200, body: { name: "R", metadata: { a: "1" } } });
  });
});
