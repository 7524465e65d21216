import { matchMaker } from "@colyseus/core";
import { getStateCallbacks, type Room } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeWords, errorWords } from "../../game-client/src/net/error-words";
import { bannerWords } from "../../game-client/src/net/event-words";
import {
  type Banner,
  BUILT_IN_SCENARIOS,
  CLOSE,
  type Crossing,
  effectWords,
  type FailureView,
  isRefusalCode,
  type Match,
  type Refusal,
  refusal,
  refusalWords,
  unpackTransits,
} from "../../shared/index";
import {
  boot,
  dropConnection,
  type Harness,
  joinRefusal,
  nextMessage,
  quiet,
  stateOf,
  until,
} from "./harness";

let h: Harness;
beforeAll(async () => {
  // Rounds run five times as fast as in class: the same ticks, sooner (waits below are on ticks).
  h = await boot("memory://", 100, { timeScale: 5 });
});
afterAll(async () => {
  await h.server.close();
});

async function classWithStudents(names: string[], body: Record<string, unknown> = {}) {
  const { code, hostKey } = await h.createClass(body);
  const c = h.client();
  const host = quiet(await c.joinById(code, { hostKey }));
  const students: Room[] = [];
  for (const nickname of names) students.push(quiet(await c.joinById(code, { nickname })));
  // Every screen has the whole class (a test reads a student's state next).
  for (const r of [host, ...students])
    await until(() => stateOf(r).players?.size === names.length, 5000, "players in state");
  return { code, hostKey, host, students, c };
}

/**
 * Makes a change Ann's screen shows (the host adds ten seconds) and waits until `watcher` sees it:
 * patches arrive in order, so every change the room made before is on that screen by then.
 */
async function laterPatch(host: Room, watcher: Room): Promise<void> {
  const end = stateOf(watcher).endTick as number;
  host.send("host", { type: "add-time", seconds: 10 });
  await until(() => stateOf(watcher).endTick === end + 100, 3000, "a later patch");
}

/** Waits until a room's simulation interval has fired `n` more times (whatever its phase). */
async function roomTicks(code: string, n: number): Promise<void> {
  const room = matchMaker.getLocalRoomById(code) as unknown as { tick(): void };
  let fired = 0;
  const tick = room.tick;
  room.tick = function (this: unknown) {
    fired++;
    tick.call(this);
  };
  try {
    await until(() => fired >= n, 5000, `${n} ticks of the room's clock`);
  } finally {
    room.tick = tick;
  }
}

describe("classroom room", () => {
  it("the HTTP API creates a class with a readable code and a host key", async () => {
    const { code, hostKey } = await h.createClass({ scenario: "server-crash", mode: "versus" });
    expect(code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{5}$/);
    expect(hostKey.length).toBeGreaterThanOrEqual(16);
    const found = await h.get(`/api/classes/${code.toLowerCase()}`);
    expect(found.status).toBe(200);
    expect(found.json.code).toBe(code);
  });

  it("refuses bad class requests with a 4xx and a message", async () => {
    const unknown = await h.post("/api/classes", { scenario: "no-such" });
    expect(unknown.json.error).toMatch(/no scenario "no-such"/);
    // The teacher's screen words it from the code; `error` is for someone reading the JSON.
    expect(unknown.json.refusal).toEqual({ code: "no-scenario", params: { scenario: "no-such" } });
    const bad = await h.post("/api/classes", { scenario: "calm", mode: "battle" });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/mode: must be versus or coop/);
    expect((await h.post("/api/classes", { scenario: "calm", extra: 1 })).status).toBe(400);
    const res = await fetch(`${h.server.url}/api/classes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{oops",
    });
    expect(res.status).toBe(400);
    const missing = await h.get("/api/classes/AAAAA");
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatch(/No class with code AAAAA/);
    expect(missing.json.refusal).toEqual({ code: "no-class", params: { code: "AAAAA" } });
    const malformed = await h.get("/api/classes/hello!");
    expect(malformed.status).toBe(400);
    expect(malformed.json.refusal).toMatchObject({ code: "bad-class-code" });
    expect((await h.get("/health")).json.ok).toBe(true);
  });

  it("students join by code; a wrong code, a taken or missing nickname get clear errors", async () => {
    const { code, host, students, c } = await classWithStudents(["Ann", "Bob", "Cy"]);
    // Each refusal crosses the wire as a code with parameters; the words are made from them.
    const noClass = await joinRefusal(c.joinById("ZZZZZ", { nickname: "Dee" }));
    expect(noClass).toMatchObject({ code: "no-class", params: { code: "ZZZZZ" } });
    expect(noClass.words).toMatch(/No class with code ZZZZZ. Check the code on the big screen/);
    const taken = await joinRefusal(c.joinById(code, { nickname: "ann" }));
    expect(taken).toMatchObject({ code: "nickname-taken", params: { nickname: "ann" } });
    expect(taken.words).toMatch(/"ann" is taken/);
    const nameless = await joinRefusal(c.joinById(code, {}));
    expect(nameless.code).toBe("nickname-needed");
    expect(nameless.words).toMatch(/Choose a nickname/);
    const reserved = await joinRefusal(c.joinById(code, { nickname: "Host" }));
    expect(reserved.code).toBe("nickname-reserved");
    expect(reserved.words).toMatch(/belongs to the host, a bot or a node/);
    const long = await joinRefusal(c.joinById(code, { nickname: "x".repeat(17) }));
    expect(long).toMatchObject({ code: "nickname-too-long", params: { max: 16 } });
    expect((await joinRefusal(c.joinById(code, { nickname: "<b>" }))).code).toBe("nickname-characters");
    expect((await joinRefusal(c.joinById(code, { nickname: "Dee", extra: 1 }))).code).toBe("unreadable-join");
    const key = await joinRefusal(c.joinById(code, { hostKey: "x".repeat(20) }));
    expect(key.code).toBe("wrong-host-key");
    expect(key.words).toMatch(/host key does not open/);
    expect((await joinRefusal(c.joinById(code, { hostKey: "short" }))).code).toBe("wrong-host-key");
    // Teams and roles are balanced: two on one team, one on the other, each on a different node.
    const players = [...stateOf(host).players.values()];
    const teams = players.map((p: { team: string }) => p.team);
    expect(new Set(teams).size).toBe(2);
    expect(new Set(players.map((p: { team: string; node: string }) => `${p.team}/${p.node}`)).size).toBe(3);
    // The state names the holder of each node and never carries the host key.
    const hub = stateOf(host).teams.get("hub");
    const held = [...hub.nodes.values()].filter((n: { holder: string }) => n.holder !== "");
    expect(held.length).toBe(teams.filter((t: string) => t === "hub").length);
    expect(JSON.stringify(stateOf(students[0]!).toJSON())).not.toContain("hostKey");
    for (const r of [host, ...students]) await r.leave();
  });

  it("a student who joins a full class watches, and is told why with a code", async () => {
    // One router, one server and two users on one co-op hub: four seats.
    const base = BUILT_IN_SCENARIOS.calm!;
    const map = { ...(base.map as object), routers: 1, regions: 1, servers: 1, users: 2 };
    const saved = await h.post("/api/scenarios", { scenario: { ...base, name: "Four seats", map } });
    expect(saved.status).toBe(201);
    const { code, host, c } = await classWithStudents(["Ann", "Bob", "Cy", "Dee"], {
      scenario: saved.json.id,
      mode: "coop",
      architecture: "hub",
    });
    const late = await c.joinById(code, { nickname: "Eve" });
    const full = await nextMessage<{ code: string; refusal: { code: string } }>(late, "error");
    expect(full).toEqual({ code: "full", refusal: { code: "class-full", params: {} } });
    expect(refusalWords(refusal("class-full"))).toMatch(/Every seat is taken: you are watching/);
    expect(stateOf(host).players.size).toBe(4);
    await late.leave();
  });

  it("plays a short round with bots to results, shown to everyone", async () => {
    const { host, students } = await classWithStudents(["Ann", "Bob"], {
      scenario: "server-crash",
      duration: 10,
    });
    const done = [host, ...students].map((r) =>
      nextMessage<{ teams: { scores: { total: number } }[] }>(r, "results", 20000),
    );
    host.send("host", { type: "start" });
    await until(() => stateOf(host).phase === "playing", 10_000, "playing");
    const results = await Promise.all(done);
    // Everyone gets the same results.
    for (const r of results) expect(r).toEqual(results[0]);
    expect(results[0]!.teams).toHaveLength(2);
    for (const t of results[0]!.teams) {
      expect(t.scores.total).toBeGreaterThan(0);
      expect(t.scores.total).toBeLessThanOrEqual(100);
    }
    await until(() => stateOf(host).phase === "results", 2000, "results phase");
    expect(stateOf(host).tick).toBe(100);
    expect(stateOf(host).teams.get("hub").itemsCompleted).toBeGreaterThan(0);
    // A latecomer after the round still sees the results.
    for (const r of [host, ...students]) await r.leave();
  }, 30000);

  it("syncs each packet once per link crossing, with its enter and arrive ticks", async () => {
    const { host, students } = await classWithStudents(["Ann"]);
    const ann = students[0]!;
    const seen: Crossing[] = [];
    const $ = getStateCallbacks(ann);
    // biome-ignore lint/suspicious/noExplicitAny: decoded schema state
    $(ann.state as any).teams.onAdd((team: any, key: string) => {
      $(team).listen("transits", (v: string) => {
        if (key === "hub") seen.push(...unpackTransits(v));
      });
    });
    host.send("host", { type: "start" });
    await until(() => stateOf(ann).tick > 40, 8000, "four seconds of play");
    expect(seen.length).toBeGreaterThan(20);
    const links = stateOf(ann).teams.get("hub").links;
    const latency = new Map(
      [...links.values()].map((l: { index: number; latency: number }) => [l.index, l.latency]),
    );
    for (const t of seen) {
      expect(latency.has(t.link)).toBe(true);
      expect(t.arrive - t.enter).toBe(latency.get(t.link));
    }
    // Exactly once each: after a pause, what the student saw equals what the server's hub carried.
    host.send("host", { type: "pause" });
    await until(() => stateOf(ann).phase === "paused", 3000, "paused");
    // A change after the pause: once Ann has it, she has every patch sent before it.
    await laterPatch(host, ann);
    const room = matchMaker.getLocalRoomById(stateOf(ann).code) as unknown as { match: Match };
    const hub = room.match.worlds.find((w) => w.team === "hub")!;
    expect(seen.length).toBe(hub.stats.hopsCarried);
    for (const r of [host, ...students]) await r.leave();
  });

  it("refuses host-only actions to students and changes nothing", async () => {
    const { host, students } = await classWithStudents(["Ann"]);
    const ann = students[0]!;
    for (const action of [
      { type: "start" },
      { type: "end" },
      { type: "pause" },
      { type: "add-time", seconds: 30 },
      { type: "lock", locked: true },
    ]) {
      const err = nextMessage<{ code: string; message: string }>(ann, "error");
      ann.send("host", action);
      expect((await err).code).toBe("not-host");
    }
    // The host's own change comes after Ann's attempts: once it shows, theirs would have too.
    await laterPatch(host, host);
    expect(stateOf(host).phase).toBe("lobby");
    expect(stateOf(host).locked).toBe(false);
    const endTick = stateOf(host).endTick;
    host.send("host", { type: "start" });
    await until(() => stateOf(ann).phase === "playing");
    const err = nextMessage<{ code: string }>(ann, "error");
    ann.send("host", { type: "trigger", failure: { kind: "crash", target: "R1" } });
    expect((await err).code).toBe("not-host");
    expect(stateOf(ann).failures.size).toBe(0);
    expect(stateOf(ann).endTick).toBe(endTick);
    for (const r of [host, ...students]) await r.leave();
  });

  it("the host adds time, pauses and resumes; every screen follows", async () => {
    const { host, students } = await classWithStudents(["Ann"]);
    const ann = students[0]!;
    const end = stateOf(ann).endTick;
    host.send("host", { type: "add-time", seconds: 30 });
    await until(() => stateOf(ann).endTick === end + 300, 3000, "30 s more on Ann's clock");
    host.send("host", { type: "start" });
    await until(() => stateOf(ann).tick > 5, 10_000, "playing");
    host.send("host", { type: "pause" });
    await until(() => stateOf(ann).phase === "paused", 3000, "paused");
    const frozen = stateOf(ann).tick;
    host.send("host", { type: "add-time", seconds: 10 });
    await until(() => stateOf(ann).endTick === end + 400, 3000, "time added while paused");
    // The room's clock fires five more times while paused; then a later patch reaches Ann.
    await roomTicks(stateOf(ann).code, 5);
    await laterPatch(host, ann);
    expect(stateOf(ann).tick).toBe(frozen);
    host.send("host", { type: "resume" });
    await until(() => stateOf(ann).tick > frozen + 3, 3000, "ticking again");
    for (const r of [host, ...students]) await r.leave();
  });

  it("the host's failure console reaches every screen", async () => {
    const { host, students } = await classWithStudents(["Ann"]);
    host.send("host", { type: "start" });
    await until(() => stateOf(host).phase === "playing");
    const banners = [host, ...students].map((r) =>
      nextMessage<Banner>(r, "banner", 5000, (m) => m.event.code === "crashed"),
    );
    host.send("host", { type: "trigger", failure: { kind: "crash", target: "R2", duration: 5 } });
    // A code and parameters cross the wire; the words are the screen's.
    for (const b of await Promise.all(banners)) {
      expect(b).toEqual({
        team: "hub",
        tick: expect.any(Number),
        event: { code: "crashed", params: { node: "Router 2" } },
      });
      expect(bannerWords(b)).toBe("Router 2 crashed");
    }
    // The failure's effect syncs as an event too: the console's timeline words it from the state.
    await until(() => stateOf(students[0]!).failures.size === 1, 2000, "the failure in the student's state");
    const [synced] = [...stateOf(students[0]!).failures.values()] as FailureView[];
    expect(synced!.hubEvent.code).toBe("crashed");
    expect(effectWords(synced!)).toContain("Router 2 crashed");
    await until(
      () => stateOf(students[0]!).teams.get("hub").nodes.get("R2").down === true,
      2000,
      "R2 down on the student's screen",
    );
    for (const r of [host, ...students]) await r.leave();
  });

  it("refuses every kind of bad message while the room and everyone else carry on", async () => {
    const { host, students } = await classWithStudents(["Ann", "Bob"]);
    const [ann, bob] = students as [Room, Room];
    host.send("host", { type: "start" });
    await until(() => stateOf(ann).phase === "playing");
    const me = [...stateOf(ann).players.entries()].find(([id]) => id === ann.sessionId)![1] as {
      team: string;
      node: string;
    };
    const other = [...stateOf(ann).players.entries()].find(([id]) => id === bob.sessionId)![1] as {
      team: string;
      node: string;
    };
    const cases: [string, unknown, string][] = [
      ["intent", "hello", "malformed"],
      ["intent", { type: "upgrade" }, "malformed"],
      ["intent", { type: "teleport", team: me.team, node: me.node }, "malformed"],
      ["intent", { type: "upgrade", team: me.team, node: me.node, extra: true }, "malformed"],
      ["intent", { type: "autopilot", team: other.team, node: other.node, on: true }, "refused"],
      ["intent", { type: "block", team: "hub", node: "R4", source: "R5" }, "refused"],
      ["dance", { steps: 3 }, "unknown-type"],
      ["host", { type: "start" }, "not-host"],
    ];
    for (const [type, body, code] of cases) {
      const err = nextMessage<{ code: string; message?: string; refusal?: Refusal }>(ann, "error");
      ann.send(type, body);
      const e = await err;
      expect(e.code, `${type} ${JSON.stringify(body)}`).toBe(code);
      // A refused decision or host action, and a message the room cannot read, travel as a code and
      // its parameters, never as words.
      expect(e.message).toBeUndefined();
      expect(isRefusalCode(e.refusal!.code)).toBe(true);
      expect(refusalWords(e.refusal!).length).toBeGreaterThan(5);
      if (code === "unknown-type")
        expect(e.refusal).toEqual(refusal("unknown-message-type", { type: '"dance"' }));
    }
    // A decision that breaks its schema names the field and the rule (zod's issue code), not a sentence.
    const bad = nextMessage<{ refusal?: Refusal }>(ann, "error");
    ann.send("intent", { type: "upgrade" });
    expect((await bad).refusal).toEqual(
      refusal("bad-decision", { field: "team", rule: "invalid_value", values: "hub, swarm" }),
    );
    const tick = stateOf(bob).tick;
    await until(() => stateOf(bob).tick > tick + 5, 3000, "the room keeps ticking");
    // An honest decision from Bob still works.
    const ok = nextMessage<{ type: string }>(bob, "ok");
    bob.send("intent", { type: "autopilot", team: other.team, node: other.node, on: true });
    expect((await ok).type).toBe("autopilot");
    await until(
      () => stateOf(host).teams.get(other.team).nodes.get(other.node).autopilot === true,
      2000,
      "Bob's autopilot on",
    );
    for (const r of [host, ...students]) await r.leave();
  });

  it("rate-limits a flood and keeps serving others", async () => {
    const { host, students } = await classWithStudents(["Ann", "Bob"]);
    const [ann, bob] = students as [Room, Room];
    const limited = nextMessage<{ code: string }>(ann, "error", 5000, (m) => m.code === "rate-limited");
    for (let i = 0; i < 200; i++) ann.send("ping", { t: i });
    expect(await limited).toEqual({
      code: "rate-limited",
      refusal: { code: "too-many-messages", params: {} },
    });
    expect(errorWords(await limited).message).toBe("Too many messages: slow down a little.");
    const pong = nextMessage<{ t: number }>(bob, "pong");
    bob.send("ping", { t: 42 });
    expect((await pong).t).toBe(42);
    for (const r of [host, ...students]) await r.leave();
  });

  it("a dropped student reconnects within the window to the same node and decisions; the autopilot covers meanwhile", async () => {
    const { host, students, c } = await classWithStudents(["Ann"], { scenario: "calm" });
    const ann = students[0]!;
    host.send("host", { type: "start" });
    await until(() => stateOf(host).tick > 30, 8000, "a few ticks");
    const before = stateOf(host).players.get(ann.sessionId) as {
      team: string;
      node: string;
      decisions: number;
    };
    const seat = { team: before.team, node: before.node };
    const token = ann.reconnectionToken;
    dropConnection(ann);
    await until(() => stateOf(host).players.get(ann.sessionId)?.connected === false, 3000, "marked away");
    expect(stateOf(host).teams.get(seat.team).nodes.get(seat.node).autopilot).toBe(true);
    const back = quiet(await c.reconnect(token));
    expect(back.sessionId).toBe(ann.sessionId);
    await until(() => stateOf(host).players.get(ann.sessionId)?.connected === true, 3000, "back");
    const after = stateOf(host).players.get(ann.sessionId) as {
      team: string;
      node: string;
      decisions: number;
    };
    expect({ team: after.team, node: after.node }).toEqual(seat);
    // The room's hand-overs to the autopilot and back are not her decisions.
    expect(after.decisions).toBe(before.decisions);
    expect(stateOf(host).teams.get(seat.team).nodes.get(seat.node).autopilot).toBe(false);
    expect(stateOf(host).teams.get(seat.team).nodes.get(seat.node).holder).toBe("Ann");
    // The reconnected student can act again.
    const ok = nextMessage<{ type: string }>(back, "ok");
    back.send("intent", { type: "autopilot", team: seat.team, node: seat.node, on: true });
    expect((await ok).type).toBe("autopilot");
    for (const r of [host, back]) await r.leave();
  });

  it("on a flaky link (dropped four times in a round) a student keeps node and decisions, and the results carry her points", async () => {
    const { host, students, c } = await classWithStudents(["Ann"], { scenario: "calm" });
    let ann = students[0]!;
    host.send("host", { type: "start" });
    await until(() => stateOf(host).tick > 20, 8000, "a few ticks");
    const first = stateOf(host).players.get(ann.sessionId) as { team: string; node: string };
    const seat = { team: first.team, node: first.node };
    const id = ann.sessionId;
    // One decision of her own before the drops: it stays counted through all four.
    const kind = stateOf(host).teams.get(seat.team).nodes.get(seat.node).kind as string;
    const ok = nextMessage<{ type: string }>(ann, "ok");
    ann.send(
      "intent",
      kind === "router"
        ? { type: "prioritise", team: seat.team, node: seat.node, kind: "message" }
        : { type: "encrypt", team: seat.team, node: seat.node, on: true },
    );
    await ok;
    await until(() => stateOf(host).players.get(id)?.decisions === 1, 3000, "her decision counted");
    for (let drop = 0; drop < 4; drop++) {
      const token = ann.reconnectionToken;
      dropConnection(ann);
      await until(
        () => stateOf(host).players.get(id)?.connected === false,
        3000,
        `away after drop ${drop + 1}`,
      );
      const away = stateOf(host).tick as number;
      await until(() => stateOf(host).tick >= away + 3 + 2 * drop, 5000, `away for ${3 + 2 * drop} ticks`);
      ann = quiet(await c.reconnect(token));
      expect(ann.sessionId).toBe(id);
      await until(
        () => stateOf(ann).players?.get(id)?.connected === true,
        3000,
        `back after drop ${drop + 1}`,
      );
      const now = stateOf(host).players.get(id) as { team: string; node: string; decisions: number };
      expect({ team: now.team, node: now.node }).toEqual(seat);
      // Nothing started again from zero, and the room's hand-overs did not count as hers.
      expect(now.decisions).toBe(1);
      await until(() => stateOf(ann).tick > stateOf(host).tick - 5, 3000, "caught up");
    }
    // Still the same player at the end: the results carry Ann on her node.
    type Results = {
      pointsPending?: boolean;
      players: { holder: string | null; node: string; points: number }[];
    };
    const ended = nextMessage<Results>(ann, "results");
    const counted = nextMessage<Results>(ann, "results", 15_000, (r) => !r.pointsPending);
    host.send("host", { type: "end" });
    // The results come at once with the points still being counted, then again with them.
    expect((await ended).pointsPending).toBe(true);
    const mine = (await counted).players.find((p) => p.holder === "Ann");
    expect(mine?.node).toBe(seat.node);
    // Her points (what her one decision added, counted by playing the round again without it) are
    // the same in the results and on every screen's player list.
    expect(Number.isInteger(mine!.points) && mine!.points >= 0).toBe(true);
    await until(() => stateOf(ann).players.get(id)?.points === mine!.points, 3000, "points on the screen");
    for (const r of [host, ann]) await r.leave();
  });

  it("a late joiner takes over a bot's node", async () => {
    const { code, host, students, c } = await classWithStudents(["Ann"]);
    host.send("host", { type: "start" });
    await until(() => stateOf(host).tick > 10);
    const late = quiet(await c.joinById(code, { nickname: "Late" }));
    await until(() => stateOf(host).players.has(late.sessionId), 3000, "late player seated");
    const p = stateOf(host).players.get(late.sessionId) as { team: string; node: string };
    const node = stateOf(host).teams.get(p.team).nodes.get(p.node);
    expect(node.holder).toBe("Late");
    expect(node.autopilot).toBe(false);
    for (const r of [host, ...students, late]) await r.leave();
  });

  it("the host kicks a student, who cannot come back; the seat goes back to the bots", async () => {
    const { code, host, students, c } = await classWithStudents(["Ann", "Bob"]);
    const [ann] = students as [Room];
    const seat = stateOf(host).players.get(ann.sessionId) as { team: string; node: string };
    const left = new Promise<[number, string | undefined]>((r) =>
      ann.onLeave((codeNo, why) => r([codeNo, why])),
    );
    host.send("host", { type: "kick", player: ann.sessionId });
    // The close carries the code only, no words; Ann's screen words it.
    const [closed, why] = await left;
    expect(closed).toBe(CLOSE.kicked);
    expect(why ?? "").toBe("");
    expect(closeWords(CLOSE.kicked)).toBe("You were removed from this class by the host.");
    await until(() => !stateOf(host).players.has(ann.sessionId), 3000, "Ann removed");
    expect(stateOf(host).teams.get(seat.team).nodes.get(seat.node).holder).toBe("");
    const removed = await joinRefusal(c.joinById(code, { nickname: "Ann" }));
    expect(removed.code).toBe("removed-from-class");
    expect(removed.words).toMatch(/removed from this class/);
    // Locking keeps newcomers out too.
    host.send("host", { type: "lock", locked: true });
    await until(() => stateOf(host).locked === true);
    const locked = await joinRefusal(c.joinById(code, { nickname: "Newbie" }));
    expect(locked.code).toBe("class-locked");
    expect(locked.words).toMatch(/locked/);
    for (const r of [host, ...students.slice(1)]) await r.leave();
  });

  it("the host moves a student to another node", async () => {
    const { host, students } = await classWithStudents(["Ann"], { mode: "versus" });
    const ann = students[0]!;
    const ok = nextMessage<{ type: string }>(host, "ok", 3000, (m) => m.type === "move");
    host.send("host", { type: "move", player: ann.sessionId, team: "swarm", node: "R3" });
    await ok;
    await until(() => stateOf(host).players.get(ann.sessionId)?.node === "R3", 3000, "moved");
    expect(stateOf(host).players.get(ann.sessionId).team).toBe("swarm");
    expect(stateOf(host).teams.get("swarm").nodes.get("R3").holder).toBe("Ann");
    for (const r of [host, ...students]) await r.leave();
  });
});
