import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxyHops } from "./client-address";

const from = (forwardedFor?: string) => new Headers(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor });

describe("clientAddress", () => {
  it("believes the entry written by the nearest trusted proxy, or Next's own with none", () => {
    // Next writes the socket's address when the request carries no X-Forwarded-For.
    expect(clientAddress(from("198.51.100.4"), 0)).toBe("198.51.100.4");
    // One proxy appended what it saw; what the client wrote before it is not believed.
    expect(clientAddress(from("10.9.9.9, 198.51.100.4"), 1)).toBe("198.51.100.4");
    expect(clientAddress(from("10.9.9.9, 198.51.100.4, 172.16.0.2"), 2)).toBe("198.51.100.4");
    // Fewer entries than trusted hops: the leftmost is all there is.
    expect(clientAddress(from("198.51.100.4"), 3)).toBe("198.51.100.4");
    expect(clientAddress(from(), 0)).toBe("unknown");
  });

  it("counts IPv6 per /64 and IPv4-mapped addresses as IPv4", () => {
    expect(clientAddress(from("2001:db8:1:2:aaaa::1"), 0)).toBe("2001:db8:1:2::/64");
    expect(clientAddress(from("2001:db8:1:2:ffff:ffff:ffff:ffff"), 0)).toBe("2001:db8:1:2::/64");
    expect(clientAddress(from("2001:db8::1"), 0)).toBe("2001:db8:0:0::/64");
    expect(clientAddress(from("[2001:db8:1:2::9]:4431"), 0)).toBe("2001:db8:1:2::/64");
    expect(clientAddress(from("::ffff:203.0.113.7"), 0)).toBe("203.0.113.7");
    expect(clientAddress(from("x".repeat(500)), 0)).toHaveLength(64);
  });

  it("reads TRUSTED_PROXY_HOPS, refusing anything but a small whole number", () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: "2" })).toBe(2);
    for (const bad of ["-1", "1.5", "eleven", "11"]) expect(() => trustedProxyHops({ TRUSTED_PROXY_HOPS: bad })).toThrow(/TRUSTED_PROXY_HOPS must be a whole number from 0 to 10/);
  });
});
