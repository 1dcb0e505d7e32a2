import { describe, expect, it } from "vitest";
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
