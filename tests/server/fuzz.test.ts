/**
 * Fuzzing a live room: several clients send thousands of malformed, oversized, out-of-order and
 * unauthorised messages (bounded in count and time). The room keeps running, no bad message is ever
 * accepted, and the honest players' match is exactly the match it would have been without the noise:
 * its final state hash equals a headless twin's with the same seats and the same length.
 */
import type { Room } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MatchResult } from "../../shared/index";
import {
  boot,
  CRAFTED_PAYLOADS,
  CRAFTED_TYPES,
  caughtUp,
  type Harness,
  nextMessage,
  quiet,
  seatsOf,
  stateOf,
  twinHash,
  until,
} from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await boot();
});
afterAll(async () => {
  await h.server.close();
});

/** A small seeded generator, so a failing run can be replayed. */
function generator(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, pick };
}

type Target = { team: string; node: string };

/** One bad message: never a valid decision for the sender's own node. */
function badMessage(rng: ReturnType<typeof generator>, others: Target[]): [string, unknown] {
  const other = rng.pick(others);
  const deep = (n: number): unknown => (n === 0 ? "x" : { a: deep(n - 1) });
  const kinds: (() => [string, unknown])[] = [
    () => [
      rng.pick(["hack", "__proto__", "constructor", "admin", "__test:break-tick", "", "intent "]),
      { x: 1 },
    ],
    () => ["intent", rng.pick([null, 42, "route", [], [1, 2], true, { type: null }, {}])],
    () => ["intent", { type: "route", team: other.team }],
    () => ["intent", { type: "upgrade", ...other, extra: "field" }],
    () => ["intent", { type: "route", ...other, dest: "x".repeat(3000), link: "y" }],
    () => ["intent", deep(60)],
    () => [
      "intent",
      { type: rng.pick(["route", "upgrade", "strategy", "policy", "leave", "autopilot"]), ...other },
    ],
    () => ["intent", { type: "prioritise", ...other, kind: "request" }],
    () => ["intent", { type: "autopilot", ...other, on: true }],
    () => ["intent", { type: "leave", ...other }],
    () => ["host", { type: rng.pick(["start", "end", "pause", "resume", "lock"]) }],
    () => ["host", { type: "trigger", failure: { kind: "crash", target: "random" } }],
    () => ["host", { type: "add-time", seconds: 600 }],
    () => ["host", { type: "kick", player: "anyone" }],
    () => ["host", rng.pick([null, "start", { type: "explode" }, []])],
    () => ["ping", rng.pick([null, { t: "now" }, { t: 1, extra: 2 }, "ping"])],
    () => [rng.pick(CRAFTED_TYPES) as string, rng.pick(CRAFTED_PAYLOADS)],
  ];
  return rng.pick(kinds)();
}

interface Attacker {
  room: Room;
  sent: number;
  errors: number;
  oks: number;
}

describe("fuzzing a running class", () => {
  it("thousands of bad messages: the room runs on, nothing bad is accepted, the honest match is unchanged", async () => {
    const made = await h.createClass({ scenario: "calm" });
    const c = h.client();
    const host = quiet(await c.joinById(made.code, { hostKey: made.hostKey }));
    const honest = [
      quiet(await c.joinById(made.code, { nickname: "Ann" })),
      quiet(await c.joinById(made.code, { nickname: "Bob" })),
    ];
    const attackers: Attacker[] = [];
    for (const nickname of ["Mal", "Trudy", "Oscar", "Eve"]) {
      const room = await c.joinById(made.code, { nickname });
      const a: Attacker = { room, sent: 0, errors: 0, oks: 0 };
      for (const t of ["you", "banner", "pong", "results", "room-error"]) room.onMessage(t, () => {});
      room.onMessage("error", () => a.errors++);
      room.onMessage("ok", () => a.oks++);
      attackers.push(a);
    }
    await until(() => stateOf(host).players.size === 6, 5000, "everyone seated");
    const seats = seatsOf(host);
    const targets: Target[] = [];
    stateOf(host).teams.forEach((t: { nodes: Map<string, unknown> }, team: string) => {
      for (const node of t.nodes.keys()) targets.push({ team, node });
    });

    const heapBefore = process.memoryUsage().heapUsed;
    const attack = async (a: Attacker, seed: number, ms: number) => {
      const rng = generator(seed);
      const own = seats.get(a.room.sessionId)!;
      const others = targets.filter((t) => !(t.team === own.team && t.node === own.node));
      const end = Date.now() + ms;
      while (Date.now() < end) {
        // Mostly a steady stream, now and then a burst far over the rate limit.
        const burst = rng.next() < 0.05 ? 150 : 1;
        for (let i = 0; i < burst; i++) {
          const [type, payload] = badMessage(rng, others);
          a.room.send(type, payload);
          a.sent++;
        }
        await new Promise((r) => setTimeout(r, 15));
      }
    };

    // Out of order: before the round starts.
    await Promise.all(attackers.map((a, i) => attack(a, 100 + i, 1000)));
    await Promise.all(attackers.map((a) => caughtUp(a.room)));
    // A change of the host's after theirs, one that leaves the match alone (locking the class):
    // once the host's screen shows it, any change the attackers made would show too.
    host.send("host", { type: "lock", locked: true });
    await until(() => stateOf(host).locked === true, 3000, "the class locked");
    host.send("host", { type: "lock", locked: false });
    await until(() => stateOf(host).locked === false, 3000, "the class open again");
    expect(stateOf(host).phase).toBe("lobby");

    host.send("host", { type: "start" });
    await until(() => stateOf(honest[0]!).phase === "playing", 10_000, "playing");
    // The honest players keep receiving the game, with no long silence, as fast as without the attack:
    // first three seconds of play unattacked (the pace this machine manages now), then the attack.
    let lastPatch = Date.now();
    let longestGap = 0;
    honest[0]!.onStateChange(() => {
      longestGap = Math.max(longestGap, Date.now() - lastPatch);
      lastPatch = Date.now();
    });
    const tickOf = () => stateOf(honest[0]!).tick as number;
    const calm0 = { tick: tickOf(), at: Date.now() };
    await until(() => tickOf() >= calm0.tick + 30, 20_000, "three seconds of play");
    const calmRate = (tickOf() - calm0.tick) / ((Date.now() - calm0.at) / 1000);
    const calmGap = longestGap;
    longestGap = 0;
    const tick0 = tickOf();
    const t0 = Date.now();
    await Promise.all(attackers.map((a, i) => attack(a, 200 + i, 3000)));
    const ticks = tickOf() - tick0;
    const seconds = (Date.now() - t0) / 1000;

    const results = nextMessage<MatchResult>(honest[0]!, "results", 10_000);
    host.send("host", { type: "end" });
    const result = await results;
    // Out of order: after the end.
    await Promise.all(attackers.map((a, i) => attack(a, 300 + i, 500)));
    // Every attacker's messages have all been answered (or dropped) before the counts are read.
    await Promise.all(attackers.map((a) => caughtUp(a.room)));

    const sent = attackers.reduce((n, a) => n + a.sent, 0);
    expect(sent).toBeGreaterThan(2000);
    expect(attackers.map((a) => a.oks)).toEqual([0, 0, 0, 0]);
    for (const a of attackers) expect(a.errors).toBeGreaterThan(10); // answered or dropped, never done
    // At least half the unattacked pace. The attackers' clients run in this same process and encode as
    // many messages as the server decodes: on a busy 2-core machine they alone slow it by a third.
    expect(ticks / seconds, `ticks a second: ${calmRate.toFixed(1)} unattacked`).toBeGreaterThan(
      calmRate * 0.5,
    );
    expect(longestGap, `longest silence unattacked: ${calmGap} ms`).toBeLessThan(Math.max(1000, 2 * calmGap));
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 2 ** 20);

    // The twin: the same scenario, the same seats, no messages at all, ended at the same tick.
    expect(twinHash("calm", seats, result)).toBe(result.stateHash);
    const points = (m: MatchResult, nick: string) => m.players.find((p) => p.holder === nick)?.points;
    expect(points(result, "Ann")).toBeDefined();
    expect(points(result, "Bob")).toBeDefined();
  }, 60_000);

  it("oversized messages and binary garbage close only the sender's connection; the room runs on", async () => {
    const made = await h.createClass({ scenario: "calm" });
    const c = h.client();
    const host = quiet(await c.joinById(made.code, { hostKey: made.hostKey }));
    const ann = quiet(await c.joinById(made.code, { nickname: "Ann" }));
    host.send("host", { type: "start" });
    await until(() => stateOf(ann).phase === "playing", 10_000, "playing");
    for (let i = 0; i < 6; i++) {
      const mal = quiet(await c.joinById(made.code, { nickname: `Mal ${i}` }));
      // biome-ignore lint/suspicious/noExplicitAny: the raw websocket, to send what no SDK would
      const ws = (mal.connection as any).transport.ws as WebSocket;
      const closed = new Promise<void>((resolve) => mal.onLeave(() => resolve()));
      const garbage = new Uint8Array(i % 2 ? 5000 : 64 + i * 100).map((_, j) => (j * 37 + i * 11) % 256);
      for (let k = 0; k < 20; k++) ws.send(garbage);
      ws.send(new Uint8Array(8000));
      await closed;
    }
    const tick = stateOf(ann).tick as number;
    await until(() => (stateOf(ann).tick as number) >= tick + 10, 3000, "the room still ticking");
    expect(stateOf(ann).phase).toBe("playing");
    const pong = nextMessage<{ t: number }>(ann, "pong");
    ann.send("ping", { t: 7 });
    expect((await pong).t).toBe(7);
  }, 60_000);
});
