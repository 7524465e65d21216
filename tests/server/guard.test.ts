/** The guard's own rules, without a server: per-address buckets and whose address a request is. */
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { AddressLimiter, addressOf, addressOfAuth, originAllowed } from "../../game-server/src/http/guard";

const request = (headers: Record<string, string>, remote = "10.0.0.9") =>
  ({ headers, socket: { remoteAddress: remote } }) as unknown as IncomingMessage;

describe("per-address limits", () => {
  it("allow the limit in a burst, refuse the next, and refill over the window", () => {
    const l = new AddressLimiter(3, 60_000);
    expect([1, 2, 3, 4].map(() => l.take("a", 1, 0))).toEqual([true, true, true, false]);
    expect(l.take("b", 1, 0)).toBe(true); // another address has its own bucket
    expect(l.take("a", 1, 20_000)).toBe(true); // a third of the window gives one back
    expect(l.take("a", 1, 20_001)).toBe(false);
    expect(l.has("a", 20_001)).toBe(false);
    expect(l.has("a", 60_000)).toBe(true);
  });

  it("forget addresses whose bucket has refilled, so memory is bounded by recent visitors", () => {
    const l = new AddressLimiter(10, 1000);
    for (let i = 0; i < 5000; i++) l.take(`10.0.${i >> 8}.${i & 255}`, 1, 0);
    expect(l.size).toBe(5000);
    l.sweep(1000);
    expect(l.size).toBe(0);
  });
});

describe("addresses and origins", () => {
  it("uses the socket's address unless a proxy is trusted, then the entry the proxy added", () => {
    const forged = request({ "x-forwarded-for": "1.2.3.4, 198.51.100.7" });
    expect(addressOf(forged, false)).toBe("10.0.0.9");
    expect(addressOf(forged, true)).toBe("198.51.100.7");
    expect(addressOfAuth({ req: forged }, true)).toBe("198.51.100.7");
    expect(addressOfAuth({ headers: { "x-forwarded-for": "5.6.7.8" }, ip: "5.6.7.8" }, false)).toBe(
      "5.6.7.8",
    );
  });

  it("accepts the server's own pages and programs without an origin, refuses other sites", () => {
    const host = { host: "school.example.org" };
    expect(originAllowed(request({ ...host }), [])).toBe(true);
    expect(originAllowed(request({ ...host, origin: "https://school.example.org" }), [])).toBe(true);
    expect(originAllowed(request({ ...host, origin: "https://evil.example" }), [])).toBe(false);
    expect(originAllowed(request({ ...host, origin: "null" }), [])).toBe(false);
    expect(
      originAllowed(request({ ...host, origin: "http://localhost:5173" }), ["http://localhost:5173"]),
    ).toBe(true);
  });
});
