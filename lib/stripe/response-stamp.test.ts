import { describe, expect, it } from "vitest";
import { responseStamp, stampFromDate, UNDATED_RESPONSE } from "./response-stamp";

const SERVED = "Tue, 08 Dec 2026 09:30:07 GMT";
const SERVED_AT = new Date("2026-12-08T09:30:07Z");

/** As stripe-node returns an object: the raw response hidden on a non-enumerable `lastResponse`. */
function answered<T extends object>(body: T, headers: unknown): T {
  return Object.defineProperty(body, "lastResponse", { value: { headers, requestId: "req_1", statusCode: 200 }, enumerable: false });
}

describe("responseStamp", () => {
  it("is the second in the Date header of the response the SDK returned", () => {
    expect(responseStamp(answered({ id: "re_1" }, { date: SERVED, "request-id": "req_1" }))).toEqual(SERVED_AT);
    // A fetch-based client hands over a Headers object.
    expect(responseStamp(answered({ id: "re_1" }, new Headers({ Date: SERVED })))).toEqual(SERVED_AT);
  });

  it("reads an error's headers, for the objects Stripe puts in an error", () => {
    expect(responseStamp(Object.assign(new Error("declined"), { headers: { date: SERVED }, statusCode: 402 }))).toEqual(SERVED_AT);
  });

  it("is older than anything held when there is no Date to read", () => {
    expect(responseStamp({ id: "re_1" })).toBe(UNDATED_RESPONSE);
    expect(responseStamp(answered({ id: "re_1" }, {}))).toBe(UNDATED_RESPONSE);
    expect(responseStamp(null)).toBe(UNDATED_RESPONSE);
    expect(UNDATED_RESPONSE.getTime()).toBe(0);
  });

  it("takes only an HTTP date, which names a whole second", () => {
    expect(stampFromDate("Sun, 06 Nov 1994 08:49:37 GMT")).toEqual(new Date("1994-11-06T08:49:37Z"));
    expect(stampFromDate("yesterday")).toBe(UNDATED_RESPONSE);
    expect(stampFromDate("2026-12-08T09:30:07.250Z")).toBe(UNDATED_RESPONSE);
    expect(stampFromDate(1_765_186_207)).toBe(UNDATED_RESPONSE);
  });
});
