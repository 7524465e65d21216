/** The guard's own rules, without a server: per-address buckets and whose address a request is. */
import type { IncomingMessage } from "node:http";
import { LocalPresence } from "@colyseus/core";
import { describe, expect, it } from "vitest";
import {
  ADDRESS_HEADER,
  addressOf,
  addressOfAuth,
  parseProxyTrust,
  stampAddress,
} from "../../game-server/src/edge/addresses";
import { AddressLimiter, BUDGETS, SharedLimits } from "../../game-server/src/edge/limits";
import { guardRequests, originAllowed } from "../../game-server/src/http/guard";
import { readRefusalText } from "../../shared/index";

const request = (headers: Record<string, string>, remote = "10.0.0.9") =>
  ({ headers, socket: { remoteAddress: remote } }) as unknown as IncomingMessage;

describe("per-address limits", () => {
  it("allow the limit in a burst, refuse the next, and refill over the window", () => {
    const l = new AddressLimiter(3, 60_000);
    expect([1, 2, 3, 4].map(() => l.take("a", 1, 0))).toEqual([true, true, true, false]);
    expect(l.take("b", 1, 0)).toBe(true); // another address has its own bucket
    expect(l.take("a", 1, 20_000)).toBe(true); // a third of the window gives one back
    expect(l.take("a", 1, 20_001)).toBe(false);
  });

  it("shared budgets: the limit in a burst, then refused, refilled as the window slides", async () => {
    const limits = new SharedLimits(new LocalPresence(), 1);
    const minute = BUDGETS.failures.windowMs;
    const t0 = 10 * minute + minute / 2; // half way through a window
    const answers: boolean[] = [];
    for (let i = 0; i < 31; i++) answers.push(await limits.take("failures", "a", t0));
    expect(answers.filter(Boolean)).toHaveLength(30);
    expect(answers.at(-1)).toBe(false);
    expect(await limits.has("failures", "a", t0)).toBe(false);
    expect(await limits.take("failures", "b", t0)).toBe(true); // another address has its own
    // Just past the window's edge the burst still counts (a guesser gains one try, not thirty), ...
    let after = 0;
    for (let i = 0; i < 10; i++) after += Number(await limits.take("failures", "a", 11 * minute + 1000));
    expect(after).toBeLessThanOrEqual(1);
    // ... and once the window has slid past it, the budget is whole again.
    expect(await limits.has("failures", "a", 12 * minute + 1)).toBe(true);
  });

  it("two processes on one presence spend from one budget", async () => {
    const presence = new LocalPresence(); // stands for the Redis both processes share
    const one = new SharedLimits(presence, 1);
    const two = new SharedLimits(presence, 1);
    const t = 5 * BUDGETS.classes.windowMs;
    let granted = 0;
    for (let i = 0; i < 15; i++) granted += Number(await one.take("classes", "school", t));
    for (let i = 0; i < 15; i++) granted += Number(await two.take("classes", "school", t));
    expect(granted).toBe(BUDGETS.classes.limit);
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
  it("uses the socket's address unless the connection comes from a trusted proxy", () => {
    const forged = request({ "x-forwarded-for": "1.2.3.4, 198.51.100.7", "x-real-ip": "9.9.9.9" });
    expect(addressOf(forged, false)).toBe("10.0.0.9");
    // TRUST_PROXY=1 trusts a proxy on this machine only: a client reaching the port directly is not one.
    expect(addressOf(forged, true)).toBe("10.0.0.9");
    expect(addressOf(forged, ["10.0.0.9"])).toBe("198.51.100.7");
    const viaProxy = request({ "x-forwarded-for": "1.2.3.4, 198.51.100.7" }, "127.0.0.1");
    expect(addressOf(viaProxy, true)).toBe("198.51.100.7");
    expect(addressOf(request({}, "::ffff:127.0.0.1"), true)).toBe("::ffff:127.0.0.1");
    expect(parseProxyTrust(undefined)).toBe(false);
    expect(parseProxyTrust("1")).toBe(true);
    expect(parseProxyTrust("10.0.0.2, 10.0.0.3")).toEqual(["10.0.0.2", "10.0.0.3"]);
  });

  it("rooms read only the address the edge stamped, never one a client wrote", () => {
    const req = request({
      [ADDRESS_HEADER]: "6.6.6.6",
      "x-real-ip": "7.7.7.7",
      "x-forwarded-for": "8.8.8.8",
    });
    expect(stampAddress(req, false)).toBe("10.0.0.9");
    expect(addressOfAuth({ headers: req.headers })).toBe("10.0.0.9");
    expect(addressOfAuth({ headers: { "x-real-ip": "7.7.7.7" } })).toBe("unknown");
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

  it("answers a budget it cannot check (its store away) with a busy server's code, never a hang", async () => {
    const failing = {
      take: async () => Promise.reject(new Error("the store is away")),
      has: async () => Promise.reject(new Error("the store is away")),
    } as unknown as SharedLimits;
    const handler = guardRequests(
      () => {},
      { allowedOrigins: [], trustProxy: false, limitScale: 1 },
      failing,
    );
    const answer = (method: string, url: string) =>
      new Promise<{ status: number; body: Record<string, unknown> }>((resolve) => {
        let status = 0;
        const res = {
          headersSent: false,
          writeHead: (s: number) => {
            status = s;
          },
          end: (text: string) => resolve({ status, body: JSON.parse(text) }),
        };
        const req = { method, url, headers: {}, socket: { remoteAddress: "10.0.0.9" } };
        handler(req as unknown as IncomingMessage, res as never);
      });
    // An API call: words for a person and the code beside them.
    expect(await answer("POST", "/api/classes")).toEqual({
      status: 503,
      body: {
        code: 503,
        error: "The server is busy: try again in a moment.",
        refusal: { code: "server-busy", params: {} },
      },
    });
    // A matchmaking call: the code packed in `error`, which colyseus.js shows.
    const join = await answer("POST", "/matchmake/create/solo");
    expect(join.status).toBe(503);
    expect(readRefusalText(String(join.body.error))).toEqual({ code: "server-busy", params: {} });
  });
});
