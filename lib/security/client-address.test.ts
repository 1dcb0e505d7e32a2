import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientAddress, installPeerAddressStamp, parseTrustedProxyHops, peerHeaderName } from "./client-address";

const stamped = (peer: string, forwardedFor?: string) =>
  new Headers({ [peerHeaderName()]: peer, ...(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor }) });

describe("clientAddress", () => {
  it("believes no X-Forwarded-For by default: the client is the socket's peer", () => {
    expect(clientAddress(stamped("203.0.113.7", "198.51.100.1"), 0)).toBe("203.0.113.7");
    expect(clientAddress(stamped("::ffff:203.0.113.7"), 0)).toBe("203.0.113.7");
    expect(clientAddress(new Headers({ "x-forwarded-for": "198.51.100.1" }), 0)).toBeNull();
  });

  it("believes as many hops as configured, counted from the peer, and never a client-written entry beyond them", () => {
    // The client wrote 6.6.6.6; the proxy appended the address it saw; the proxy is our peer.
    const headers = stamped("10.0.0.2", "6.6.6.6, 203.0.113.7");
    expect(clientAddress(headers, 1)).toBe("203.0.113.7");
    expect(clientAddress(stamped("10.0.0.3", "6.6.6.6, 203.0.113.7, 10.0.0.2"), 2)).toBe("203.0.113.7");
    // Fewer entries than hops: the farthest one there is.
    expect(clientAddress(stamped("10.0.0.2", "203.0.113.7"), 3)).toBe("203.0.113.7");
    expect(clientAddress(stamped("10.0.0.2"), 1)).toBe("10.0.0.2");
  });

  it("refuses what is not an address", () => {
    expect(clientAddress(stamped("10.0.0.2", "203.0.113.7, not-an-ip"), 1)).toBeNull();
    expect(clientAddress({ [peerHeaderName()]: "2001:DB8::1" }, 0)).toBe("2001:db8::1");
    expect(clientAddress(undefined, 0)).toBeNull();
  });

  it("reads TRUSTED_PROXY_HOPS as a small whole number", () => {
    expect(parseTrustedProxyHops(undefined)).toBe(0);
    expect(parseTrustedProxyHops("")).toBe(0);
    expect(parseTrustedProxyHops("2")).toBe(2);
    for (const bad of ["-1", "1.5", "all", "11", "true"]) expect(parseTrustedProxyHops(bad)).toBeNull();
  });
});

describe("installPeerAddressStamp", () => {
  it("stamps the socket's address on a Node server's requests, whatever X-Forwarded-For or stamp the client sent", async () => {
    await installPeerAddressStamp();
    await installPeerAddressStamp(); // once per process, however often called
    const server = createServer((req, res) => res.end(JSON.stringify(clientAddress(req.headers as Record<string, unknown>, 0))));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const body = await new Promise<string>((resolve, reject) => {
        const req = httpRequest({ host: "127.0.0.1", port, headers: { "x-forwarded-for": "6.6.6.6", "x-ledgerline-peer": "6.6.6.6" } }, (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => (text += chunk.toString()));
          res.on("end", () => resolve(text));
        });
        req.on("error", reject);
        req.end();
      });
      expect(JSON.parse(body)).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});
