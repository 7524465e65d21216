/**
 * Player points measure what a decision did for the team: sabotage, junk and clicks with no effect
 * earn nothing.
 */
import { describe, expect, it } from "vitest";
import {
  BUILT_IN_SCENARIOS,
  type Match,
  matchResult,
  parOf,
  playerPoints,
  runMatch,
  submitIntent,
  type World,
} from "../../shared/index";
import { playClasses } from "./classes";
import { match, node, runUntil, world } from "./helpers";

const me = { kind: "player", id: "me" } as const;

/** Hands router `id` of the hub to "me" and returns it. */
function take(m: Match, id: string) {
  submitIntent(m, { kind: "host" }, { type: "assign", team: "hub", node: id, player: "me" });
  runUntil(m, 0.1);
  return node(world(m, "hub"), id);
}

/** The busiest router of an all-bot run: the seat a saboteur would want. */
function busiest(w: World): string {
  return w.nodes.filter((n) => n.kind === "router").sort((a, b) => b.counters.work - a.counters.work)[0]!.id;
}

describe("player points", () => {
  it("a router that sends every destination back over one link earns less than one that routes well", () => {
    const bots = runMatch(match("calm", { topology: "hub" }));
    const id = busiest(world(bots, "hub"));
    const good = node(world(bots, "hub"), id);

    const m = match("calm", { topology: "hub" });
    const r = take(m, id);
    const hub = world(m, "hub");
    const link = hub.links[r.links[0]!]!;
    for (const dest of hub.nodes)
      if (dest.kind !== "router" && dest.index !== r.index)
        submitIntent(m, me, { type: "route", team: "hub", node: id, dest: dest.id, link: link.id });
    runMatch(m);
    const bad = node(hub, id);
    expect(bad.counters.work).toBeGreaterThan(good.counters.work); // it forwarded more, round and round
    expect(playerPoints(bad, "hub", m)).toBeLessThan(playerPoints(good, "hub", bots));
    const total = (x: Match) => matchResult(x).teams[0]!.scores.total;
    expect(total(m)).toBeLessThan(total(bots));
  });

  it("forwarding a botnet's junk earns nothing: routers that block it lose no points", () => {
    const play = (block: boolean, ddos = true) => {
      const m = match("ddos", { topology: "hub", ...(ddos ? {} : { failures: [] }) });
      const hub = world(m, "hub");
      const routers = hub.nodes.filter((n) => n.kind === "router");
      for (const r of routers)
        submitIntent(m, { kind: "host" }, { type: "assign", team: "hub", node: r.id, player: "me" });
      runUntil(m, 61); // the flood starts at 60 s
      const botnet = hub.nodes.filter((n) => n.kind === "botnet");
      expect(botnet.length > 0).toBe(ddos);
      if (block)
        for (const r of routers)
          for (const b of botnet)
            submitIntent(m, me, { type: "block", team: "hub", node: r.id, source: b.id });
      runMatch(m);
      return routers.reduce((n, r) => n + playerPoints(r, "hub", m), 0);
    };
    const flooded = play(false);
    // Blocking costs nothing (when junk counted, it cost a good router 40 % of its points), and the
    // flood's junk, forwarded, adds nothing: a quiet day earns as much. "As much" is within 1 %: a
    // chunk sent twice after a retry is counted twice.
    expect(play(true)).toBeGreaterThanOrEqual(0.99 * flooded);
    expect(play(false, false)).toBeGreaterThanOrEqual(0.99 * flooded);
  });

  it("a decision with no effect on the failure earns no bonus, however soon after it", () => {
    const m = match("server-crash", { topology: "hub" }); // the source crashes at 60 s
    const r = take(m, "R1");
    runUntil(m, 61);
    expect(submitIntent(m, me, { type: "prioritise", team: "hub", node: "R1", kind: "message" }).ok).toBe(
      true,
    );
    runUntil(m, 63);
    expect(r.points).toBe(0);
  });

  it("each seat is measured against the autopilot in it: with bots everywhere every seat scores 100", () => {
    const m = runMatch(match("link-cut"));
    const r = matchResult(m, parOf(m));
    const work = r.players.filter((p) => p.role !== "server" && p.role !== "seed");
    expect(work.length).toBeGreaterThan(20);
    // Bots' bonuses aside (servers may patch or restore), every seat did what the autopilot did there.
    for (const p of work) expect(p.points, `${p.team} ${p.node}`).toBe(100);
  });

  it("live points follow the autopilot's own pace: a seat played like it reads about 100 all round", () => {
    const par = parOf(runMatch(match("server-crash")));
    const m = match("server-crash");
    const seen: number[] = [];
    for (let second = 5; second <= 180; second += 5) {
      runUntil(m, second);
      for (const w of m.worlds)
        for (const n of w.nodes)
          if (n.kind !== "origin" && n.kind !== "botnet" && n.kind !== "tracker")
            seen.push(playerPoints(n, w.team, m, par));
    }
    // Servers do most of their work early and crash at 1:00: an even pace would read far off (a
    // server read 372 at 1:03). A file finished a little sooner or later than the autopilot's
    // still moves a client's points a little.
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(60);
    expect(Math.max(...seen)).toBeLessThanOrEqual(140);
  });

  it("one engaged router among classmates who never act finishes in the top third, on either team", () => {
    // The busiest link, R3-R4, is cut: the hub's R2 sends its clients' requests to the server (at
    // R4) across it, the swarm's R3 is at one end of it.
    for (const [team, node] of [
      ["hub", "R2"],
      ["swarm", "R3"],
    ] as const) {
      const sc = { ...BUILT_IN_SCENARIOS["link-cut"]!, seed: 3 };
      const r = playClasses(sc, { hub: "idle", swarm: "idle" }, undefined, { team, node, kind: "engaged" });
      const students = r.players.filter((p) => p.holder);
      const rank = students.findIndex((p) => p.team === team && p.node === node) + 1;
      expect(rank, `${team} ${node}`).toBeGreaterThan(0);
      expect(rank, `${team} ${node}`).toBeLessThanOrEqual(Math.ceil(students.length / 3));
    }
  });

  it("a client whose player moves off a crashed server earns more than one left waiting", () => {
    const play = (move: boolean) => {
      const m = match("calm", {
        topology: "hub",
        failures: [{ kind: "crash", at: 20, duration: 60, target: "S1" }],
      });
      const hub = world(m, "hub");
      // A client that starts on S1 (DNS spreads users over the servers by slot).
      const u = hub.users
        .map((i) => hub.nodes[i]!)
        .find((n) => hub.servers[n.user!.slot % 2] === node(hub, "S1").index)!;
      submitIntent(m, { kind: "host" }, { type: "assign", team: "hub", node: u.id, player: "me" });
      runUntil(m, 21);
      if (move)
        expect(submitIntent(m, me, { type: "server", team: "hub", node: u.id, server: "S2" }).ok).toBe(true);
      runMatch(m);
      return playerPoints(
        u,
        "hub",
        m,
        parOf(
          runMatch(
            match("calm", {
              topology: "hub",
              failures: [{ kind: "crash", at: 20, duration: 60, target: "S1" }],
            }),
          ),
        ),
      );
    };
    // Both must sign in again (S1 kept its sessions in memory); the one who moved gets the file it
    // was fetching 18 s sooner. The one who waited later has the restarted S1 to itself, which wins
    // some of it back: about 113 against 106.
    expect(play(true)).toBeGreaterThan(play(false) + 5);
  });
});
