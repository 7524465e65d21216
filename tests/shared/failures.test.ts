/**
 * The thirteen failure kinds: what each does to a team's network (the effect a player notices) and how
 * it ends (the recovery, or what the design says happens for the kinds that do not end by themselves).
 * Every match is a built-in scenario whose timeline is replaced by the single event under test.
 */
import { describe, expect, it } from "vitest";
import { ownerDelayTicks } from "../../shared/bots";
import {
  type Architecture,
  askedServer,
  type DropReason,
  debrief,
  eventWords,
  FAILURE_KINDS,
  type FailureEvent,
  type Link,
  LOGIN_TICKS,
  type Match,
  matchResult,
  runMatch,
  type SimNode,
  stepMatch,
  submitIntent,
  TICKS_PER_SECOND,
  type World,
} from "../../shared/index";
import { attachedTo } from "../../shared/nodes";
import { lostItems } from "../../shared/scoring";
import { idleSeats, match, node, runUntil, usefulBetween, withoutOrigin, world } from "./helpers";

const TEAMS: Architecture[] = ["hub", "swarm"];

/** A built-in scenario whose failure timeline is just `event`. */
function only(event: FailureEvent, name = "calm"): Match {
  return match(name, { failures: [event] });
}

/** What a player sees as "down": crashed, out of power, being patched, or gone for good. */
function isDown(m: Match, n: SimNode): boolean {
  return n.gone || n.downUntil > m.tick;
}

function drops(w: World, reason: DropReason): number {
  return w.stats.dropped[reason];
}

function linkOf(w: World, id: string): Link {
  const i = w.linkIndex.get(id);
  if (i === undefined) throw new Error(`no link ${id} on ${w.team}`);
  return w.links[i]!;
}

/** The failure log entry's effect on one team. */
function effectOn(m: Match, team: Architecture, log = m.failureLog.length - 1) {
  const effect = m.failureLog[log]?.effects.find((e) => e.team === team);
  if (!effect) throw new Error(`failure ${log} has no effect recorded for ${team}`);
  // Its event in words, as a screen shows it.
  return { ...effect, note: eventWords(effect.event) };
}

/** Runs to the start of second `at` (the failure due then has not started yet) and one tick past it. */
function stepInto(m: Match, at: number): void {
  runUntil(m, at);
  stepMatch(m);
}

const tickOf = (seconds: number) => Math.round(seconds * TICKS_PER_SECOND);

describe("every failure kind", () => {
  for (const kind of FAILURE_KINDS) {
    it(`${kind} hits both worlds of a versus match at the same tick and is logged for each team`, () => {
      const m = only({ kind, at: 12.3 });
      runUntil(m, 12.3);
      expect(m.failureLog).toHaveLength(0);
      stepMatch(m);
      expect(m.failureLog).toHaveLength(1);
      const record = m.failureLog[0]!;
      expect(record.kind).toBe(kind);
      expect(record.source).toBe("scheduled");
      expect(record.startTick).toBe(tickOf(12.3));
      expect(record.effects.map((e) => e.team)).toEqual(TEAMS);
      for (const e of record.effects) expect(eventWords(e.event).length).toBeGreaterThan(0);
      const logged = m.log.filter((l) => l.tick === tickOf(12.3) && l.team !== null);
      expect(logged.map((l) => l.team)).toEqual(TEAMS);
    });
  }
});

describe("sessions: stateful and stateless servers", () => {
  /** The hub's S1 crashes at 30 s for 10 s; its holder turned the shared session store on, or not. */
  function crashS1(stateless: boolean, replica = false) {
    const m = match("calm", {
      topology: "hub",
      failures: [{ kind: "crash", at: 30, duration: 10, target: "S1" }],
    });
    const hub = world(m, "hub");
    const s1 = node(hub, "S1");
    submitIntent(m, { kind: "host" }, { type: "assign", team: "hub", node: "S1", player: "sam" });
    stepMatch(m); // the host's seating takes effect at the next tick
    const sam = { kind: "player" as const, id: "sam" };
    if (stateless)
      expect(submitIntent(m, sam, { type: "stateless", team: "hub", node: "S1", on: true }).ok).toBe(true);
    if (replica) expect(submitIntent(m, sam, { type: "replica", team: "hub", node: "S1" }).ok).toBe(true);
    runUntil(m, 29.9);
    // S1's users: the clients that ask it and still want something.
    const users = hub.users
      .map((u) => hub.nodes[u]!)
      .filter((c) => askedServer(hub, c) === s1.index && c.user!.current < c.user!.wants.length);
    const got = users.map((c) => c.user!.got);
    runUntil(m, 30.1);
    const loggedOut = users.filter((c) => c.user!.relogin || c.user!.loginUntil >= 300 + LOGIN_TICKS - 1);
    return { m, hub, users, got, loggedOut };
  }

  it("a stateful server that goes down logs its users out: they sign in again and start their download over", () => {
    const { m, hub, users, got, loggedOut } = crashS1(false);
    expect(users.length).toBeGreaterThanOrEqual(4);
    expect(loggedOut).toEqual(users);
    expect(hub.stats.sessionsLost).toBe(users.length);
    users.forEach((c, i) => {
      if (got[i] !== m.ctx.full) expect(c.user!.got).toBe(0);
      // The chunks fetched again do not count as useful a second time.
      if (got[i] !== m.ctx.full) expect(c.user!.redo).toBe(got[i]);
    });
    runMatch(m);
    const r = matchResult(m);
    expect(r.teams[0]!.sessionsLost).toBe(users.length);
    const line =
      users.length === 1
        ? "1 user of Team Hub was logged out when their server went down"
        : `${users.length} users of Team Hub were logged out when their server went down`;
    expect(debrief(r).some((l) => l.text.includes(line))).toBe(true);
  });

  it("a stateless service keeps sessions in a shared store: its users carry on at the other server, for a price", () => {
    const safe = crashS1(true);
    expect(safe.users.length).toBeGreaterThanOrEqual(4);
    expect(safe.loggedOut).toEqual([]);
    expect(safe.hub.stats.sessionsLost).toBe(0);
    expect(safe.users.map((c) => c.user!.got)).toEqual(safe.got);
    const stateful = crashS1(false);
    expect(safe.hub.spent.running).toBeGreaterThan(stateful.hub.spent.running);
    // Moving to Server 2 costs the stateful server's users a sign-in as well: less arrives meanwhile.
    runUntil(safe.m, 45);
    runUntil(stateful.m, 45);
    expect(usefulBetween(safe.hub, 30, 45)).toBeGreaterThan(usefulBetween(stateful.hub, 30, 45));
  });

  it("a replica shares its server's sessions: a crash of one logs nobody out", () => {
    const { hub, users, loggedOut } = crashS1(false, true);
    expect(users.length).toBeGreaterThan(0);
    expect(loggedOut).toEqual([]);
    expect(hub.stats.sessionsLost).toBe(0);
  });
});

describe("replicas", () => {
  it("a replica goes to another region, so a power cut where the server sits leaves the copy serving", () => {
    const play = (replica: boolean) => {
      const m = match("regional-outage", { topology: "hub" }); // East goes dark at 60 s for 30 s
      const hub = world(m, "hub");
      submitIntent(m, { kind: "host" }, { type: "assign", team: "hub", node: "S1", player: "sam" });
      stepMatch(m);
      if (replica)
        expect(
          submitIntent(m, { kind: "player", id: "sam" }, { type: "replica", team: "hub", node: "S1" }).ok,
        ).toBe(true);
      runUntil(m, 88);
      return { m, hub, delivered: usefulBetween(hub, 65, 88) };
    };
    const copy = play(true);
    const r1 = copy.hub.nodes.find((n) => n.server?.replica)!;
    expect(node(copy.hub, "S1").region).toBe("East");
    expect(r1.region).not.toBe("East");
    expect(r1.label).toContain(`(${r1.region})`);
    expect(isDown(copy.m, r1)).toBe(false);
    const alone = play(false);
    expect(alone.delivered).toBeLessThan(20);
    expect(copy.delivered).toBeGreaterThan(5 * Math.max(1, alone.delivered));
  });

  it("a replica can be asked for in a named region, and an unknown region is refused", () => {
    const m = match("calm", { topology: "hub" });
    submitIntent(m, { kind: "host" }, { type: "assign", team: "hub", node: "S1", player: "sam" });
    stepMatch(m);
    const sam = { kind: "player" as const, id: "sam" };
    const bad = submitIntent(m, sam, { type: "replica", team: "hub", node: "S1", region: "Mars" });
    expect(bad).toEqual({
      ok: false,
      refusal: { code: "no-region", params: { region: "Mars" } },
      reason: "there is no region Mars on this map",
    });
    expect(submitIntent(m, sam, { type: "replica", team: "hub", node: "S1", region: "North" }).ok).toBe(true);
    stepMatch(m);
    const hub = world(m, "hub");
    expect(hub.nodes.find((n) => n.server?.replica)!.region).toBe("North");
  });
});

describe("the cloud", () => {
  it("a server in the cloud stands in a region of its own: a power cut where it stood leaves it serving", () => {
    const play = (cloud: boolean) => {
      const m = match("regional-outage", { topology: "hub" }); // East goes dark at 60 s for 30 s
      const hub = world(m, "hub");
      submitIntent(m, { kind: "host" }, { type: "assign", team: "hub", node: "S1", player: "sam" });
      stepMatch(m);
      if (cloud)
        expect(
          submitIntent(m, { kind: "player", id: "sam" }, { type: "cloud", team: "hub", node: "S1", on: true })
            .ok,
        ).toBe(true);
      runUntil(m, 88);
      return { m, hub, delivered: usefulBetween(hub, 65, 88) };
    };
    const home = play(false);
    const s1 = node(home.hub, "S1");
    expect(s1.region).toBe("East");
    expect(isDown(home.m, s1)).toBe(true);
    const moved = play(true);
    const c1 = node(moved.hub, "S1");
    expect(c1.region).toBe("Cloud");
    expect(isDown(moved.m, c1)).toBe(false);
    // Reached through a router of another region, over a longer line.
    const access = moved.hub.nodes[attachedTo(moved.hub, c1)]!;
    expect(access.region).not.toBe("East");
    expect(moved.hub.links[c1.links[0]!]!.latency).toBeGreaterThan(home.hub.links[s1.links[0]!]!.latency);
    expect(home.delivered).toBeLessThan(20);
    expect(moved.delivered).toBeGreaterThan(5 * Math.max(1, home.delivered));
  });

  it("moving back puts the server where it stood, on the same line", () => {
    const m = match("calm", { topology: "hub" });
    const hub = world(m, "hub");
    submitIntent(m, { kind: "host" }, { type: "assign", team: "hub", node: "S1", player: "sam" });
    stepMatch(m);
    const sam = { kind: "player" as const, id: "sam" };
    const s1 = node(hub, "S1");
    const before = { router: attachedTo(hub, s1), x: s1.x, y: s1.y, region: s1.region, link: s1.links[0]! };
    const latency = hub.links[before.link]!.latency;
    expect(submitIntent(m, sam, { type: "cloud", team: "hub", node: "S1", on: true }).ok).toBe(true);
    runUntil(m, 20);
    expect(attachedTo(hub, s1)).not.toBe(before.router);
    expect(hub.nodes[before.router]!.links).not.toContain(before.link);
    expect(submitIntent(m, sam, { type: "cloud", team: "hub", node: "S1", on: false }).ok).toBe(true);
    runUntil(m, 40);
    expect({ router: attachedTo(hub, s1), x: s1.x, y: s1.y, region: s1.region, link: s1.links[0]! }).toEqual(
      before,
    );
    expect(hub.links[before.link]!.latency).toBe(latency);
    expect(hub.nodes[before.router]!.links).toContain(before.link);
    // Its clients kept finishing downloads throughout.
    expect(hub.stats.itemsCompleted).toBeGreaterThan(0);
    // The debrief names the rent, from the seconds the cost score charged (20 s in the cloud).
    runMatch(m);
    const r = matchResult(m);
    expect(r.teams[0]!.cloudSeconds).toBe(20);
    expect(
      debrief(r).some(
        (l) =>
          l.text === "Team Hub rented 0:20 of server time in the cloud, at 60 coins a minute per server.",
      ),
    ).toBe(true);
  });
});

describe("crash", () => {
  it("takes the node down in both worlds for the duration, loses its queue, and brings it back", () => {
    const m = only({ kind: "crash", at: 30, duration: 20, target: "S1" });
    runUntil(m, 30);
    const hub = world(m, "hub");
    const swarm = world(m, "swarm");
    const nodeDownBefore = TEAMS.map((t) => drops(world(m, t), "node-down"));
    for (const w of [hub, swarm]) expect(isDown(m, node(w, "S1"))).toBe(false);
    stepMatch(m);
    const seedServed = node(swarm, "S1").counters.chunksServed;
    for (const w of [hub, swarm]) {
      const s1 = node(w, "S1");
      expect(isDown(m, s1), w.team).toBe(true);
      expect(s1.downSince, w.team).toBe(tickOf(30));
      expect(s1.queue).toHaveLength(0);
    }
    expect(effectOn(m, "hub")).toMatchObject({ target: "S1", note: "Server 1 crashed" });
    expect(effectOn(m, "swarm")).toMatchObject({ target: "S1", note: "Seed 1 crashed" });
    expect(m.failureLog[0]!.endTick).toBe(tickOf(50));

    // While it is down, whatever still comes its way is dropped at the door.
    runUntil(m, 49.9);
    TEAMS.forEach((t, i) => {
      expect(isDown(m, node(world(m, t), "S1")), t).toBe(true);
      expect(drops(world(m, t), "node-down"), t).toBeGreaterThan(nodeDownBefore[i]!);
    });
    runUntil(m, 50);
    for (const w of [hub, swarm]) expect(isDown(m, node(w, "S1")), w.team).toBe(false);
    expect(node(swarm, "S1").counters.chunksServed).toBe(seedServed);
    runUntil(m, 60);
    expect(node(swarm, "S1").counters.chunksServed).toBeGreaterThan(seedServed);
  });

  it("a crashed node does no work while it is down", () => {
    const m = only({ kind: "crash", at: 30, duration: 20, target: "R2" });
    stepInto(m, 30);
    const works = TEAMS.map((t) => node(world(m, t), "R2").counters.work);
    runUntil(m, 50);
    TEAMS.forEach((t, i) => {
      expect(node(world(m, t), "R2").counters.work, t).toBe(works[i]);
    });
    runUntil(m, 60);
    TEAMS.forEach((t, i) => {
      expect(node(world(m, t), "R2").counters.work, t).toBeGreaterThan(works[i]!);
    });
  });

  it("the hub's only server crashing stops its goodput until the server is back; the swarm keeps delivering", () => {
    const m = only({ kind: "crash", at: 30, duration: 20, target: "role:source" }, "server-crash");
    runUntil(m, 75);
    const hub = world(m, "hub");
    const swarm = world(m, "swarm");
    const before = usefulBetween(hub, 10, 30) / 20;
    expect(before).toBeGreaterThan(5);
    // A couple of seconds for chunks already on their way to land.
    expect(usefulBetween(hub, 33, 50)).toBe(0);
    expect(usefulBetween(hub, 55, 75) / 20).toBeGreaterThan(0.6 * before);
    expect(usefulBetween(swarm, 33, 50)).toBeGreaterThan(0);
  });

  it("a hub server back from a crash gets its share of the clients again", () => {
    const crashed = only({ kind: "crash", at: 30, duration: 20, target: "S1" });
    runUntil(crashed, 55);
    const s1 = node(world(crashed, "hub"), "S1");
    const workAt55 = s1.counters.work;
    runUntil(crashed, 120);
    expect(s1.counters.work - workAt55).toBeGreaterThan(100);
    const calm = runUntil(match("calm"), 120);
    const after = usefulBetween(world(crashed, "hub"), 60, 120);
    expect(after).toBeGreaterThan(0.85 * usefulBetween(world(calm, "hub"), 60, 120));
  });
});

describe("disk-failure", () => {
  it("a hub server with backups loses its content, the server bot restores it, and nothing is lost", () => {
    const m = match("calm", {
      failures: [{ kind: "disk-failure", at: 30, target: "S1" }],
      ...withoutOrigin("calm"),
    });
    runUntil(m, 30);
    const hub = world(m, "hub");
    const s1 = node(hub, "S1").server!;
    expect(s1.backup).toBe(true); // with no origin the data exists nowhere else: the bot backs it up
    const held = s1.content.slice();
    expect(held.some((c) => c === m.ctx.full)).toBe(true);
    stepMatch(m);
    expect(s1.content.every((c) => c === 0)).toBe(true);
    expect(s1.diskFailed).toBe(true);
    expect(effectOn(m, "hub")).toMatchObject({ target: "S1" });
    expect(effectOn(m, "hub").note).toContain("a backup exists");
    expect(m.failureLog[0]!.endTick).toBeNull();

    // The bot orders a restore within a bot round or two; the content is back a few seconds later.
    runUntil(m, 31);
    expect(s1.restoreAt).toBeGreaterThan(m.tick);
    expect(node(hub, "S1").points).toBeGreaterThan(0);
    runUntil(m, 40);
    expect(s1.diskFailed).toBe(false);
    expect(s1.restoreAt).toBe(0);
    held.forEach((mask, item) => {
      expect((s1.content[item]! & mask) >>> 0, `item ${item}`).toBe(mask);
    });
    expect(lostItems(m, hub)).toEqual([]);
  });

  it("a restore from backup brings back everything the server held before the failure", () => {
    const m = match("calm", {
      failures: [{ kind: "disk-failure", at: 30, target: "S1" }],
      ...withoutOrigin("calm"),
    });
    runUntil(m, 30);
    const s1 = node(world(m, "hub"), "S1").server!;
    const held = s1.content.slice();
    runUntil(m, 31);
    expect(s1.restoreAt).toBeGreaterThan(0);
    while (s1.restoreAt > 0) stepMatch(m);
    held.forEach((mask, item) => {
      expect((s1.content[item]! & mask) >>> 0, `item ${item}`).toBe(mask);
    });
  });

  it("a hub server without backups refetches what clients ask for from the origin", () => {
    const m = only({ kind: "disk-failure", at: 30, target: "S1" });
    // An idle player holds S1 from the start: nobody turns backups on.
    submitIntent(m, { kind: "host" }, { type: "assign", team: "hub", node: "S1", player: "idle" });
    stepInto(m, 30);
    const hub = world(m, "hub");
    const s1 = node(hub, "S1").server!;
    expect(s1.backup).toBe(false);
    expect(effectOn(m, "hub").note).toContain("no backup");
    expect(s1.content.every((c) => c === 0)).toBe(true);
    const restore = submitIntent(
      m,
      { kind: "player", id: "idle" },
      { type: "restore", team: "hub", node: "S1" },
    );
    expect(restore).toEqual({
      ok: false,
      refusal: { code: "no-backup", params: {} },
      reason: "there is no backup to restore from",
    });
    runUntil(m, 60);
    expect(s1.content.filter((c) => c === m.ctx.full).length).toBeGreaterThan(0);
    expect(s1.diskFailed).toBe(true);
    expect(lostItems(m, hub)).toEqual([]); // the origin still has everything
  });

  it("a seed's chunks are gone for good, but the copies already spread keep the file alive", () => {
    const m = only({ kind: "disk-failure", at: 30, target: "S1" });
    runUntil(m, 30);
    const swarm = world(m, "swarm");
    const seed = node(swarm, "S1");
    const availableBefore = swarm.availability.flat().reduce((a, b) => a + b, 0);
    stepMatch(m);
    expect(seed.peer!.have.every((c) => c === 0)).toBe(true);
    expect(isDown(m, seed)).toBe(false);
    expect(effectOn(m, "swarm").target).toBe("S1");
    // Rarest-first sees the loss at once: each chunk is counted on the live peers that hold it, not on the seed.
    const availableAfter = swarm.availability.flat().reduce((a, b) => a + b, 0);
    expect(availableAfter).toBeLessThan(availableBefore);
    swarm.availability.forEach((counts, item) => {
      counts.forEach((count, c) => {
        const holders = swarm.peers.filter((p) => {
          const n = swarm.nodes[p]!;
          return !n.gone && (n.peer!.have[item]! & (1 << c)) !== 0;
        });
        expect(count, `item ${item} chunk ${c}`).toBe(holders.length);
        expect(holders).not.toContain(seed.index);
      });
    });
    runUntil(m, 90);
    expect(seed.peer!.have.every((c) => c === 0)).toBe(true); // a seed wants nothing: it never refetches
    expect(lostItems(m, swarm)).toEqual([]);
  });
});

describe("link-cut", () => {
  it("takes the link down for the duration, drops what was on it or waiting for it, and restores it", () => {
    const m = only({ kind: "link-cut", at: 30, duration: 20, target: "R1-R2" });
    runUntil(m, 30);
    const before = TEAMS.map((t) => drops(world(m, t), "link-down"));
    for (const t of TEAMS) expect(linkOf(world(m, t), "R1-R2").up).toBe(true);
    stepMatch(m);
    for (const t of TEAMS) {
      const link = linkOf(world(m, t), "R1-R2");
      expect(link.up, t).toBe(false);
      expect(link.inFlight, t).toHaveLength(0);
      expect(effectOn(m, t)).toMatchObject({ target: "R1-R2", note: "Link R1-R2 was cut" });
    }
    runUntil(m, 49.9);
    const atEnd = TEAMS.map((t) => drops(world(m, t), "link-down"));
    TEAMS.forEach((t, i) => {
      expect(linkOf(world(m, t), "R1-R2").up, t).toBe(false);
      expect(atEnd[i], t).toBeGreaterThan(before[i]!);
    });
    runUntil(m, 50.1);
    for (const t of TEAMS) expect(linkOf(world(m, t), "R1-R2").up, t).toBe(true);
    const carried = TEAMS.map((t) => linkOf(world(m, t), "R1-R2").carried);
    runUntil(m, 70);
    TEAMS.forEach((t, i) => {
      expect(drops(world(m, t), "link-down"), t).toBe(atEnd[i]);
      expect(linkOf(world(m, t), "R1-R2").carried, t).toBeGreaterThan(carried[i]!);
      expect(usefulBetween(world(m, t), 55, 70), t).toBeGreaterThan(0);
    });
  });

  it("the autopilot notices the cut late, routes around it, and goes back to the link once it is repaired", () => {
    const m = only({ kind: "link-cut", at: 30, duration: 20, target: "R1-R2" }, "calm");
    const hub = world(m, "hub");
    const r1 = node(hub, "R1").router!;
    const r2 = node(hub, "R2").index;
    const cut = hub.linkIndex.get("R1-R2")!;
    const detour = hub.linkIndex.get("R6-R1")!;
    stepInto(m, 30);
    expect(r1.table[r2]).toBe(cut); // the protocol has not noticed yet
    runUntil(m, 49);
    expect(r1.table[r2]).toBe(detour);
    runUntil(m, 62);
    expect(r1.table[r2]).toBe(cut);
  });
});

describe("congestion", () => {
  it("cuts the link's bandwidth and multiplies its latency for the duration, then both are back to base", () => {
    const m = only({ kind: "congestion", at: 30, duration: 20, target: "R1-R2", magnitude: 0.25 });
    m.recordTransits = true;
    runUntil(m, 30);
    const base = TEAMS.map((t) => {
      const l = linkOf(world(m, t), "R1-R2");
      return { latency: l.baseLatency, bandwidth: l.baseBandwidth };
    });
    stepMatch(m);
    TEAMS.forEach((t, i) => {
      const l = linkOf(world(m, t), "R1-R2");
      expect(l.bandwidth, t).toBe(base[i]!.bandwidth * 0.25);
      expect(l.latency, t).toBe(base[i]!.latency * 4);
      expect(effectOn(m, t)).toMatchObject({ target: "R1-R2", note: "Link R1-R2 is congested" });
    });

    // Packets entering the link now arrive four times later, and fewer fit in each tick.
    const seen = (from: number, to: number) => {
      const delays = new Set<number>();
      let most = 0;
      while (m.tick < tickOf(to) && m.tick >= tickOf(from)) {
        stepMatch(m);
        const here = new Map<string, number>();
        for (const tr of m.transits) {
          const w = world(m, tr.team);
          if (w.links[tr.link]!.id !== "R1-R2") continue;
          delays.add(tr.packet.arrive - (m.tick - 1));
          const key = `${tr.team}:${tr.from}`;
          here.set(key, (here.get(key) ?? 0) + 1);
        }
        for (const n of here.values()) most = Math.max(most, n);
      }
      return { delays: [...delays], most };
    };
    const during = seen(30.1, 49.9);
    expect(during.delays).toEqual([base[0]!.latency * 4]);
    expect(during.most).toBeGreaterThan(0);
    expect(during.most).toBeLessThanOrEqual(base[0]!.bandwidth * 0.25);

    runUntil(m, 50);
    stepMatch(m);
    TEAMS.forEach((t, i) => {
      const l = linkOf(world(m, t), "R1-R2");
      expect(l.bandwidth, t).toBe(base[i]!.bandwidth);
      expect(l.latency, t).toBe(base[i]!.latency);
    });
    const after = seen(50.1, 70);
    expect(after.delays).toEqual([base[0]!.latency]);
  });
});

describe("packet-loss", () => {
  it("loses about the given share of the link's packets (counted as dropped: loss), then stops", () => {
    const m = only({ kind: "packet-loss", at: 30, duration: 30, target: "R2-R3", magnitude: 0.3 });
    runUntil(m, 30);
    const start = TEAMS.map((t) => ({
      carried: linkOf(world(m, t), "R2-R3").carried,
      loss: drops(world(m, t), "loss"),
    }));
    expect(start.every((s) => s.loss === 0)).toBe(true);
    stepMatch(m);
    for (const t of TEAMS) {
      expect(linkOf(world(m, t), "R2-R3").loss, t).toBe(0.3);
      expect(effectOn(m, t).note).toBe("Link R2-R3 is losing 30% of packets");
    }
    runUntil(m, 60);
    const end = TEAMS.map((t) => drops(world(m, t), "loss"));
    TEAMS.forEach((t, i) => {
      const lost = end[i]! - start[i]!.loss;
      const carried = linkOf(world(m, t), "R2-R3").carried - start[i]!.carried;
      expect(lost, t).toBeGreaterThan(20);
      const share = lost / (lost + carried);
      expect(share, t).toBeGreaterThan(0.2);
      expect(share, t).toBeLessThan(0.4);
    });
    runUntil(m, 60.1);
    for (const t of TEAMS) expect(linkOf(world(m, t), "R2-R3").loss, t).toBe(0);
    runUntil(m, 90);
    TEAMS.forEach((t, i) => {
      expect(drops(world(m, t), "loss"), t).toBe(end[i]);
    });
  });
});

describe("flash-crowd", () => {
  it("adds the same new users, at the same routers and wanting the same item, to both worlds", () => {
    const m = only({ kind: "flash-crowd", at: 30, magnitude: 5 });
    runUntil(m, 30);
    for (const t of TEAMS) expect(world(m, t).users).toHaveLength(12);
    stepMatch(m);
    const crowd = (t: Architecture) => {
      const w = world(m, t);
      return w.users.slice(12).map((u) => {
        const n = w.nodes[u]!;
        return {
          id: n.id,
          router: w.nodes[attachedTo(w, n)]!.id,
          wants: n.user!.wants,
          from: n.user!.wantFrom,
        };
      });
    };
    const hub = crowd("hub");
    expect(hub.map((c) => c.id)).toEqual(["U13", "U14", "U15", "U16", "U17"]);
    expect(crowd("swarm")).toEqual(hub);
    expect(new Set(hub.map((c) => c.wants.join())).size).toBe(1); // one hot item for everyone
    for (const c of hub) {
      expect(c.from).toBeGreaterThanOrEqual(tickOf(30));
      expect(c.from).toBeLessThan(tickOf(32));
    }
    for (const id of ["U13", "U17"]) {
      expect(node(world(m, "hub"), id).kind).toBe("client");
      expect(node(world(m, "swarm"), id).kind).toBe("peer");
    }
    for (const t of TEAMS) expect(effectOn(m, t)).toMatchObject({ note: "A crowd of 5 new users arrived" });

    // Every router can reach the newcomers at once, and they get what they came for.
    for (const t of TEAMS) {
      const w = world(m, t);
      const newcomer = node(w, "U15").index;
      for (const r of w.nodes.filter((n) => n.kind === "router"))
        expect(r.router!.table[newcomer]).toBeGreaterThanOrEqual(0);
    }
    runUntil(m, 32);
    for (const t of TEAMS)
      expect(world(m, t).stats.demand.at(-1)!).toBeGreaterThan(world(m, t).stats.demand[28]!);
    runUntil(m, 70);
    for (const t of TEAMS) {
      const w = world(m, t);
      for (const u of w.users.slice(12))
        expect(w.nodes[u]!.user!.completed, `${t} ${w.nodes[u]!.id}`).toBe(1);
    }
  });
});

describe("ddos", () => {
  it("botnet sources flood the victim with junk until its admin or owner has them filtered; they are gone after", () => {
    const m = only({ kind: "ddos", at: 30, duration: 20, target: "S1", magnitude: 15 });
    const served = () => node(world(m, "hub"), "S1").counters.cleanServed;
    runUntil(m, 20);
    const calmFrom = served();
    runUntil(m, 29);
    const calm = served() - calmFrom;
    runUntil(m, 30);
    for (const t of TEAMS) expect(world(m, t).nodes.some((n) => n.kind === "botnet")).toBe(false);
    const blockedBefore = TEAMS.map((t) => drops(world(m, t), "blocked"));
    stepMatch(m);
    for (const t of TEAMS) {
      const w = world(m, t);
      const bots = w.nodes.filter((n) => n.kind === "botnet");
      expect(
        bots.map((b) => b.id),
        t,
      ).toEqual(["B1", "B2", "B3"]);
      for (const b of bots) {
        expect(b.gone).toBe(false);
        expect(b.botnet!.target).toBe(node(w, "S1").index);
      }
      expect(effectOn(m, t).target).toBe("S1");
      expect(effectOn(m, t).note).toContain("DDoS");
    }
    // The hub's admin notices the flood only after BOT_FLOOD_DETECT_TICKS (15 s): until then it lands.
    runUntil(m, 35);
    const floodFrom = served();
    runUntil(m, 44);
    const hub = world(m, "hub");
    const bots = (w: World) => w.nodes.filter((n) => n.kind === "botnet");
    expect(node(hub, "S1").counters.junkSeen).toBeGreaterThan(0);
    expect(bots(hub).some((b) => node(hub, "S1").blocked.has(b.index))).toBe(false);
    expect(served() - floodFrom).toBeLessThan(calm / 2);
    runUntil(m, 46);
    for (const b of bots(hub)) expect(node(hub, "S1").blocked.has(b.index), b.id).toBe(true);
    expect(drops(hub, "blocked")).toBeGreaterThan(blockedBefore[0]!);
    // The block is filtered upstream, at S1's router: S1 delivers more than when nobody blocks.
    const open = only({ kind: "ddos", at: 30, duration: 20, target: "S1", magnitude: 15 });
    submitIntent(open, { kind: "host" }, { type: "assign", team: "hub", node: "S1", player: "idle" });
    runUntil(open, 50);
    runUntil(m, 50);
    expect(usefulBetween(hub, 46, 50)).toBeGreaterThan(usefulBetween(world(open, "hub"), 46, 50));
    // A seed's owner acts in their own time, or never: nobody watches a peer but its owner.
    const swarm = world(m, "swarm");
    const seed = node(swarm, "S1");
    const delay = ownerDelayTicks(m, swarm, seed);
    const blocked = bots(swarm).every((b) => seed.blocked.has(b.index));
    if (delay <= 15 * TICKS_PER_SECOND) expect(blocked).toBe(true);
    if (delay > 20 * TICKS_PER_SECOND) expect(blocked).toBe(false);

    runUntil(m, 50.1);
    for (const t of TEAMS) {
      for (const b of world(m, t).nodes.filter((n) => n.kind === "botnet")) {
        expect(b.gone, `${t} ${b.id}`).toBe(true);
        expect(b.botnet).toBeNull();
      }
    }
    runUntil(m, 52);
    const quiet = TEAMS.map((t) => ({
      junk: node(world(m, t), "S1").counters.junkSeen,
      blocked: drops(world(m, t), "blocked"),
    }));
    runUntil(m, 70);
    TEAMS.forEach((t, i) => {
      expect(node(world(m, t), "S1").counters.junkSeen, t).toBe(quiet[i]!.junk);
      expect(drops(world(m, t), "blocked"), t).toBe(quiet[i]!.blocked);
    });
  });
});

describe("breach", () => {
  it("a breached hub server serves corrupt chunks until the server bot isolates and patches it", () => {
    const m = only({ kind: "breach", at: 30, target: "S1" });
    stepInto(m, 30);
    const hub = world(m, "hub");
    const s1 = node(hub, "S1");
    expect(s1.server!.breached).toBe(true);
    expect(effectOn(m, "hub")).toMatchObject({
      target: "S1",
      note: "Server 1 was hacked: it serves corrupt data",
    });
    expect(hub.stats.corruptDelivered).toBe(0);
    runUntil(m, 35);
    expect(hub.stats.corruptDelivered).toBeGreaterThan(0);
    expect(s1.server!.breached).toBe(true);
    // The bot notices after ten seconds: the server goes offline to be patched, and comes back clean.
    runUntil(m, 44);
    expect(s1.server!.breached).toBe(false);
    expect(isDown(m, s1)).toBe(true);
    expect(s1.points).toBeGreaterThan(0);
    runUntil(m, 49);
    expect(isDown(m, s1)).toBe(false);
    const corrupt = hub.stats.corruptDelivered;
    const served = s1.counters.chunksServed;
    runUntil(m, 120);
    expect(hub.stats.corruptDelivered).toBe(corrupt);
    expect(s1.counters.chunksServed).toBeGreaterThan(served);
  });

  it("a breached seed's tampered chunks fail every peer's hash check: thrown away, never delivered, the seed banned", () => {
    const m = only({ kind: "breach", at: 30, target: "S1" });
    stepInto(m, 30);
    const swarm = world(m, "swarm");
    const seed = node(swarm, "S1");
    expect(seed.peer!.breached).toBe(true);
    expect(seed.peer!.malicious).toBe(false);
    expect(effectOn(m, "swarm").target).toBe("S1");
    runUntil(m, 60);
    expect(swarm.stats.corruptDiscarded).toBeGreaterThan(0);
    expect(swarm.stats.corruptDelivered).toBe(0);
    const blockers = swarm.users.filter((u) => swarm.nodes[u]!.blocked.has(seed.index));
    expect(blockers.length).toBeGreaterThan(0);
    runUntil(m, 120);
    expect(swarm.stats.corruptDelivered).toBe(0);
    for (const u of swarm.users) expect(swarm.nodes[u]!.peer!.corrupt.every((c) => c === 0)).toBe(true);
  });
});

describe("churn", () => {
  it("seeds that leave for good before a full copy spread take the file with them; the hub has none to lose", () => {
    const m = only({ kind: "churn", at: 8, target: "role:seed", magnitude: 99 });
    stepInto(m, 8);
    const swarm = world(m, "swarm");
    const hub = world(m, "hub");
    expect(effectOn(m, "swarm").target.split(",").sort()).toEqual(["S1", "S2"]);
    expect(effectOn(m, "swarm").note).toContain("for good");
    expect(effectOn(m, "hub")).toMatchObject({ target: "" });
    expect(effectOn(m, "hub").note).toContain("no effect");
    expect(m.failureLog[0]!.endTick).toBeNull();
    for (const id of ["S1", "S2"]) expect(isDown(m, node(swarm, id))).toBe(true);
    runUntil(m, 120);
    for (const id of ["S1", "S2"]) expect(node(swarm, id).gone).toBe(true);
    expect(lostItems(m, swarm).length).toBeGreaterThan(0);
    expect(lostItems(m, hub)).toEqual([]);
  });

  it("peers that leave for a while come back and carry on; peers that leave for good do not", () => {
    const run = (duration?: number) => {
      const m = only({
        kind: "churn",
        at: 30,
        target: "role:peer",
        magnitude: 4,
        ...(duration ? { duration } : {}),
      });
      stepInto(m, 30);
      return m;
    };
    const back = run(20);
    const gone = run();
    const leavers = effectOn(back, "swarm").target.split(",");
    expect(leavers).toHaveLength(4);
    expect(effectOn(gone, "swarm").target.split(",")).toEqual(leavers); // the same peers, the same seed
    expect(effectOn(back, "swarm").note).toContain("for a while");
    expect(effectOn(gone, "swarm").note).toContain("for good");
    expect(back.failureLog[0]!.endTick).toBe(tickOf(50));
    expect(effectOn(back, "hub").note).toContain("no effect");

    for (const m of [back, gone]) {
      const sw = world(m, "swarm");
      for (const id of leavers) expect(isDown(m, node(sw, id))).toBe(true);
    }
    const users = leavers.filter((id) => id.startsWith("U"));
    expect(users.length).toBeGreaterThan(0);
    const completedAt = (m: Match) => users.map((id) => node(world(m, "swarm"), id).user!.completed);
    runUntil(back, 49.9);
    const whileAway = completedAt(back);
    for (const id of leavers) expect(isDown(back, node(world(back, "swarm"), id))).toBe(true);
    runUntil(back, 50.1);
    for (const id of leavers) expect(isDown(back, node(world(back, "swarm"), id)), id).toBe(false);
    runUntil(back, 80);
    runUntil(gone, 80);
    completedAt(back).forEach((c, i) => {
      expect(c, users[i]).toBeGreaterThan(whileAway[i]!);
    });
    expect(completedAt(gone)).toEqual(whileAway);
    for (const id of leavers) expect(node(world(gone, "swarm"), id).gone, id).toBe(true);
    expect(usefulBetween(world(back, "swarm"), 50, 80)).toBeGreaterThan(
      usefulBetween(world(gone, "swarm"), 50, 80),
    );
  });
});

describe("malicious-peer", () => {
  it("a stranger joins the swarm only; its harmful file passes hash checks and shows only when opened", () => {
    const m = only({ kind: "malicious-peer", at: 30, magnitude: 1 });
    stepInto(m, 30);
    const hub = world(m, "hub");
    const swarm = world(m, "swarm");
    expect(effectOn(m, "hub").target).toBe("");
    expect(effectOn(m, "hub").note).toContain("no effect");
    expect(hub.nodes.some((n) => n.id.startsWith("X"))).toBe(false);
    expect(effectOn(m, "swarm").target).toBe("X1");
    const cheat = node(swarm, "X1");
    expect(cheat.kind).toBe("peer");
    expect(cheat.peer!.malicious).toBe(true);
    expect(swarm.peers).toContain(cheat.index);

    runUntil(m, 80);
    // Every peer checks hashes, and the cheat's chunks pass them: none is thrown away on arrival.
    expect(swarm.users.every((u) => swarm.nodes[u]!.peer!.verify)).toBe(true);
    expect(swarm.stats.corruptDelivered).toBeGreaterThan(0);
    expect(swarm.stats.corruptDiscarded).toBe(0);
    expect(hub.stats.corruptDelivered).toBe(0);
    // Users who opened a harmful file blame its senders; their owners block in their own time.
    expect(swarm.stats.itemsCorrupt).toBeGreaterThan(0);
    const blamers = swarm.users.filter((u) => swarm.nodes[u]!.peer!.blamed.has(cheat.index));
    expect(blamers.length).toBeGreaterThan(0);
    runMatch(m);
    const blockers = swarm.users.filter((u) => swarm.nodes[u]!.blocked.has(cheat.index));
    expect(blockers.length).toBeGreaterThan(0);
    expect(blockers.length).toBeLessThan(swarm.users.length);
  });
});

describe("outage", () => {
  it("takes down every node of the region, the same nodes in both worlds, until the power is back", () => {
    const m = only({ kind: "outage", at: 30, duration: 20, target: "North" });
    runUntil(m, 30);
    const nodeDown = TEAMS.map((t) => drops(world(m, t), "node-down"));
    stepMatch(m);
    const downIds = (t: Architecture) =>
      world(m, t)
        .nodes.filter((n) => isDown(m, n))
        .map((n) => n.id)
        .sort();
    const hubDown = downIds("hub");
    expect(hubDown).toEqual(["R1", "R2", "S1", "U1", "U2", "U7", "U8"]);
    expect(downIds("swarm")).toEqual(hubDown);
    for (const t of TEAMS) {
      const w = world(m, t);
      for (const n of w.nodes) expect(isDown(m, n), `${t} ${n.id}`).toBe(n.region === "North");
      expect(effectOn(m, t)).toMatchObject({ target: "North", note: "Power outage in the North region" });
    }
    runUntil(m, 49.9);
    TEAMS.forEach((t, i) => {
      expect(downIds(t), t).toEqual(hubDown);
      expect(drops(world(m, t), "node-down"), t).toBeGreaterThan(nodeDown[i]!);
    });
    const u1Done = TEAMS.map((t) => node(world(m, t), "U1").user!.completed);
    runUntil(m, 50);
    for (const t of TEAMS) expect(downIds(t), t).toEqual([]);
    runUntil(m, 80);
    // A third of the map dark: both teams deliver less, and pick up again once the power is back.
    for (const t of TEAMS) {
      const w = world(m, t);
      const before = usefulBetween(w, 10, 30) / 20;
      const during = usefulBetween(w, 32, 50) / 18;
      expect(during, t).toBeLessThan(0.8 * before);
      expect(usefulBetween(w, 55, 80) / 25, t).toBeGreaterThan(during);
    }
    TEAMS.forEach((t, i) => {
      expect(node(world(m, t), "U1").user!.completed, t).toBeGreaterThan(u1Done[i]!);
    });
  });
});

describe("wiretap", () => {
  it("the busiest router leaks unencrypted data while it is tapped, and stops leaking after", () => {
    // Nobody encrypts: every seat is held by a player who never acts.
    const m = idleSeats(only({ kind: "wiretap", at: 30, duration: 20, target: "busiest" }));
    runUntil(m, 30);
    const busiest = TEAMS.map(
      (t) =>
        world(m, t)
          .nodes.filter((n) => n.kind === "router")
          .reduce((b, n) => (n.counters.work > b.counters.work ? n : b)).id,
    );
    for (const t of TEAMS) expect(world(m, t).stats.leaked).toBe(0);
    stepMatch(m);
    TEAMS.forEach((t, i) => {
      expect(effectOn(m, t).target, t).toBe(busiest[i]);
      expect(effectOn(m, t).note).toContain("wiretapped");
    });
    runUntil(m, 40);
    const mid = TEAMS.map((t) => world(m, t).stats.leaked);
    runUntil(m, 50);
    const end = TEAMS.map((t) => world(m, t).stats.leaked);
    TEAMS.forEach((t, i) => {
      expect(mid[i], t).toBeGreaterThan(0);
      expect(end[i], t).toBeGreaterThan(mid[i]!); // it keeps leaking for the whole window
      const tapped = node(world(m, t), busiest[i]!);
      expect(tapped.router!.leaked, t).toBe(end[i]);
    });
    runUntil(m, 80);
    TEAMS.forEach((t, i) => {
      expect(world(m, t).stats.leaked, t).toBe(end[i]);
    });
  });
});

describe("failure targets", () => {
  it("a node id that fits one world but not the other hits only that world", () => {
    // A client is not something a crash can hit; the swarm's peer in the same slot is.
    const m = only({ kind: "crash", at: 10, duration: 5, target: "U3" });
    stepInto(m, 10);
    expect(effectOn(m, "hub").target).toBe("");
    expect(effectOn(m, "hub").note).toContain("no effect");
    expect(isDown(m, node(world(m, "hub"), "U3"))).toBe(false);
    expect(effectOn(m, "swarm")).toMatchObject({ target: "U3", note: "Peer 3 crashed" });
    expect(isDown(m, node(world(m, "swarm"), "U3"))).toBe(true);
  });

  it('"random" picks an eligible node from the match seed: the same run picks the same one', () => {
    const picks = (seed: number) => {
      const m = match("calm", { seed, failures: [{ kind: "crash", at: 10, duration: 5, target: "random" }] });
      stepInto(m, 10);
      return TEAMS.map((t) => {
        const id = effectOn(m, t).target;
        const n = node(world(m, t), id);
        expect(["router", "server", "peer"]).toContain(n.kind);
        expect(isDown(m, n)).toBe(true);
        expect(world(m, t).nodes.filter((x) => isDown(m, x))).toHaveLength(1);
        return id;
      });
    };
    expect(picks(5)).toEqual(picks(5));
    const seen = new Set([1, 2, 3, 4, 5, 6].map((s) => picks(s).join()));
    expect(seen.size).toBeGreaterThan(1);
  });

  it('"busiest" picks each world\'s own busiest eligible node', () => {
    const m = only({ kind: "crash", at: 20, duration: 5, target: "busiest" });
    runUntil(m, 20);
    const expected = TEAMS.map((t) => {
      const eligible = world(m, t).nodes.filter((n) => ["router", "server", "peer"].includes(n.kind));
      return eligible.reduce((b, n) => (n.counters.work > b.counters.work ? n : b)).id;
    });
    stepMatch(m);
    TEAMS.forEach((t, i) => {
      expect(effectOn(m, t).target, t).toBe(expected[i]);
      expect(isDown(m, node(world(m, t), expected[i]!)), t).toBe(true);
    });
  });

  it('"role:router" crashes the same router in both worlds and packets arriving there are dropped', () => {
    for (const seed of [1, 2, 3]) {
      const m = match("calm", {
        seed,
        failures: [{ kind: "crash", at: 20, duration: 10, target: "role:router" }],
      });
      runUntil(m, 20);
      const nodeDown = TEAMS.map((t) => drops(world(m, t), "node-down"));
      stepMatch(m);
      const hubTarget = effectOn(m, "hub").target;
      expect(hubTarget, `seed ${seed}`).toMatch(/^R[1-6]$/);
      expect(effectOn(m, "swarm").target, `seed ${seed}`).toBe(hubTarget);
      runUntil(m, 25);
      TEAMS.forEach((t, i) => {
        expect(isDown(m, node(world(m, t), hubTarget)), t).toBe(true);
        expect(drops(world(m, t), "node-down"), t).toBeGreaterThan(nodeDown[i]!);
      });
    }
  });

  it("an outage names a region, in any case; an unknown region has no effect", () => {
    const m = only({ kind: "outage", at: 10, duration: 5, target: "south" });
    stepInto(m, 10);
    for (const t of TEAMS) {
      expect(effectOn(m, t).target).toBe("South");
      expect(node(world(m, t), "R5").downUntil).toBe(tickOf(15));
      expect(isDown(m, node(world(m, t), "R1"))).toBe(false);
    }
    const nowhere = only({ kind: "outage", at: 10, duration: 5, target: "Atlantis" });
    stepInto(nowhere, 10);
    for (const t of TEAMS) {
      expect(effectOn(nowhere, t).target).toBe("");
      expect(effectOn(nowhere, t).note).toContain("no effect");
      expect(world(nowhere, t).nodes.some((n) => isDown(nowhere, n))).toBe(false);
    }
    const random = only({ kind: "outage", at: 10, duration: 5, target: "random" });
    stepInto(random, 10);
    expect(["North", "East", "South"]).toContain(effectOn(random, "hub").target);
    expect(effectOn(random, "swarm").target).toBe(effectOn(random, "hub").target);
  });

  it("a link is named R<a>-R<b>, either way round; a link that does not exist has no effect", () => {
    const m = only({ kind: "link-cut", at: 10, duration: 5, target: "R3-R2" });
    stepInto(m, 10);
    for (const t of TEAMS) {
      expect(effectOn(m, t).target).toBe("R2-R3");
      expect(linkOf(world(m, t), "R2-R3").up).toBe(false);
      expect(world(m, t).links.filter((l) => !l.up)).toHaveLength(1);
    }
    const none = only({ kind: "link-cut", at: 10, duration: 5, target: "R1-R4" });
    stepInto(none, 10);
    for (const t of TEAMS) {
      expect(effectOn(none, t).note).toContain("no effect");
      expect(world(none, t).links.every((l) => l.up)).toBe(true);
    }
    const busiest = only({ kind: "link-cut", at: 20, duration: 5, target: "busiest" });
    runUntil(busiest, 20);
    const expected = TEAMS.map(
      (t) =>
        world(busiest, t)
          .links.filter((l) => /^R\d+-R\d+$/.test(l.id))
          .reduce((b, l) => (l.carried > b.carried ? l : b)).id,
    );
    stepMatch(busiest);
    TEAMS.forEach((t, i) => {
      expect(effectOn(busiest, t).target, t).toBe(expected[i]);
    });
  });

  it("a failure the host triggers takes effect on the next tick, in both worlds", () => {
    const m = match("calm", { failures: [] });
    runUntil(m, 10);
    const before = m.tick;
    const result = submitIntent(
      m,
      { kind: "host" },
      { type: "trigger", failure: { kind: "crash", at: 0, duration: 5, target: "S2" } },
    );
    expect(result).toEqual({ ok: true });
    expect(m.failureLog).toHaveLength(0);
    for (const t of TEAMS) expect(isDown(m, node(world(m, t), "S2"))).toBe(false);
    stepMatch(m);
    expect(m.failureLog).toHaveLength(1);
    expect(m.failureLog[0]).toMatchObject({
      kind: "crash",
      source: "host",
      startTick: before,
      endTick: before + 50,
    });
    for (const t of TEAMS) {
      expect(isDown(m, node(world(m, t), "S2")), t).toBe(true);
      expect(node(world(m, t), "S2").downSince, t).toBe(before);
    }
    runUntil(m, 15);
    for (const t of TEAMS) expect(isDown(m, node(world(m, t), "S2")), t).toBe(false);
  });
});
