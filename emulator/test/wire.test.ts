import { describe, expect, it } from "vitest";
import { ApiError } from "../core/errors";
import { parseForm } from "../wire/form";

describe("form parser", () => {
  it("reads nested objects, indexed and appended arrays, and metadata as stripe-node encodes them", () => {
    const body =
      "amount=2000&expand[0]=customer&expand[1]=latest_charge.balance_transaction&metadata[order_id]=A%2017&card[exp_month]=12" +
      "&items[0][price]=p1&items[0][quantity]=2&items[1][price]=p2&types[]=charge.succeeded&types[]=refund.created&description=a+b";
    expect(parseForm(body)).toEqual({
      amount: "2000",
      expand: ["customer", "latest_charge.balance_transaction"],
      metadata: { order_id: "A 17" },
      card: { exp_month: "12" },
      items: [{ price: "p1", quantity: "2" }, { price: "p2" }],
      types: ["charge.succeeded", "refund.created"],
      description: "a b",
    });
  });

  it("accepts percent-encoded brackets and empty values (stripe-node sends null as empty)", () => {
    expect(parseForm("metadata%5Bk%5D=&email=")).toEqual({ metadata: { k: "" }, email: "" });
  });
});

describe("form parser on hostile input", () => {
  const refusal = (body: string) => {
    try {
      parseForm(body);
    } catch (err) {
      return err instanceof ApiError ? { status: err.status, body: err.body, isValidation: err.isValidation } : err;
    }
    return "accepted";
  };

  it("refuses prototype keys as unknown parameters, as validation failures", () => {
    expect(refusal("__proto__[polluted]=1")).toEqual({ status: 400, isValidation: true, body: { type: "invalid_request_error", message: "Received unknown parameter: __proto__", param: "__proto__" } });
    expect(refusal("a[b][constructor][prototype][polluted]=1")).toMatchObject({ body: { param: "a[b][constructor]" } });
    expect(refusal("a[prototype]=1")).toMatchObject({ body: { param: "a[prototype]" } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("gives inherited names no special meaning", () => {
    expect(parseForm("metadata[toString]=a&metadata[hasOwnProperty][x]=b&valueOf=c")).toEqual({ metadata: { toString: "a", hasOwnProperty: { x: "b" } }, valueOf: "c" });
    expect((Object.prototype.toString as unknown as Record<string, unknown>).x).toBeUndefined();
  });

  it("refuses bad percent-encodings, depth over 32, more than 4,096 pairs, repeats and shape conflicts", () => {
    for (const body of ["a=%E0%A4%A", "a=%", "%zz=1", "a=%C3%28", `a${"[b]".repeat(33)}=1`, Array(4097).fill("a[]=1").join("&"), "a=1&a=2", "a=1&a[b]=2", "a[b]=2&a=1", "a[0]=1&a[0]=2"]) {
      expect(refusal(body), body).toMatchObject({ status: 400, isValidation: true, body: { type: "invalid_request_error", message: expect.stringMatching(/^Invalid request \(check your POST parameters\)/) } });
    }
    expect(parseForm(`a${"[b]".repeat(32)}=1`)).toBeTypeOf("object");
    expect(parseForm(Array(4096).fill("a[]=1").join("&")).a).toHaveLength(4096);
  });

  it("makes an array only of indexes 0..n-1; other numeric keys stay hash keys", () => {
    expect(parseForm("a[1]=y&a[0]=x")).toEqual({ a: ["x", "y"] });
    expect(parseForm("a[99999999]=x")).toEqual({ a: { "99999999": "x" } });
    expect(parseForm("metadata[1001]=x&metadata[1002]=y")).toEqual({ metadata: { "1001": "x", "1002": "y" } });
    expect(parseForm("a[0]=x&a[2]=z")).toEqual({ a: { "0": "x", "2": "z" } });
  });
});
