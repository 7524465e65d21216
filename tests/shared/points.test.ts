/**
 * Player points: what a player's decisions added to their team's total, measured by playing the round
 * again without them. Doing nothing scores 0, a decision with no effect scores nothing, sabotage never
 * earns, and a decision that helps scores what it was worth.
 */
import { describe, expect, it } from "vitest";
import {
  applyNow,
  BUILT_IN_SCENARIOS,
  createMatch,
  decisionPoints,
  type Match,
  matchResult,
  POINTS_PER_TEAM_POINT,
  parOf,
  runMatch,
  submitIntent,
  type World,
} from "../../shared/index";
import { teamValue } from "../../shared/scoring";
import { playClassMatch } from "./classes";
import { match, node, runUntil, world } from "./helpers";

const me = { kind: "player", id: "me" } as const;

/** Hands a node of the hub to "me". */
function take(m: Match, id: string, team: "hub" | "swarm" = "hub") {
  submitIntent(m, { kind: "host" }, { type: "assign", team, node: id, player: "me" });
  runUntil(m, 0.1);
  return node(world(m, team), id);
}

/** The busiest router of an all-bot run: the seat a saboteur would want. */
function busiest(w: World): string {
  return w.nodes.filter((n) => n.kind === "router").sort((a, b) => b.counters.work - a.counters.work)[0]!.id;
}

describe("player points", () => {
  it("a player who never decides scores 0, and so does a seat the room hands to the autopilot while they are away", () => {
    const m = match("server-crash", { topology: "hub" });
    take(m, "S1");
    runUntil(m, 30);
    // Away: the room puts the autopilot on at once; back: off again. Neither is the player's decision.
    applyNow(m, me, { type: "autopilot", team: "hub", node: "S1", on: true });
    runUntil(m, 90);
    applyNow(m, me, { type: "autopilot", team: "hub", node: "S1", on: false });
    runMatch(m);
    expect(decisionPoints(m, parOf(m)).size).toBe(0);
    expect(
      matchResult(m, parOf(m), undefined, decisionPoints(m, parOf(m))).players.every((p) => p.points === 0),
    ).toBe(true);
  });

  it("a decision that changes nothing earns nothing", () => {
    const m = match("calm", { topology: "hub" });
    const client = node(world(m, "hub"), world(m, "hub").nodes[world(m, "hub").users[0]!]!.id);
    take(m, client.id);
    runUntil(m, 5);
    // The server the client asks already: accepted, and the round plays exactly as it would have.
    const asked = world(m, "hub").nodes[world(m, "hub").servers[client.user!.slot % 2]!]!.id;
    expect(submitIntent(m, me, { type: "server", team: "hub", node: client.id, server: asked }).ok).toBe(
      true,
    );
    runMatch(m);
    expect(decisionPoints(m, parOf(runMatch(match("calm")))).get("me")).toBe(0);
  });

  it("a router that sends every destination back over one link earns nothing, and its team loses", () => {
    const bots = runMatch(match("calm", { topology: "hub" }));
    const id = busiest(world(bots, "hub"));
    const m = match("calm", { topology: "hub" });
    const r = take(m, id);
    const hub = world(m, "hub");
    const link = hub.links[r.links[0]!]!;
    for (const dest of hub.nodes)
      if (dest.kind !== "router" && dest.index !== r.index)
        submitIntent(m, me, { type: "route", team: "hub", node: id, dest: dest.id, link: link.id });
    runMatch(m);
    expect(r.counters.work).toBeGreaterThan(node(world(bots, "hub"), id).counters.work); // round and round
    const par = parOf(bots);
    expect(teamValue(m, hub, par)).toBeLessThan(teamValue(bots, world(bots, "hub"), par));
    expect(decisionPoints(m, par).get("me")).toBe(0);
  });

  it("a server that patches a breach at once earns what the patch was worth to the team", () => {
    const m = match("server-breach", { topology: "hub" });
    const hub = world(m, "hub");
    const hacked = () => hub.nodes.find((n) => n.server?.breached);
    while (!hacked() && !m.ended) runUntil(m, m.tick / 10 + 1);
    const s = hacked()!;
    submitIntent(m, { kind: "host" }, { type: "assign", team: "hub", node: s.id, player: "me" });
    runUntil(m, m.tick / 10 + 0.1);
    expect(submitIntent(m, me, { type: "patch", team: "hub", node: s.id }).ok).toBe(true);
    runMatch(m);
    const par = parOf(runMatch(match("server-breach")));
    // The idle server would have served hacked files for the rest of the round.
    const points = decisionPoints(m, par).get("me")!;
    expect(points).toBeGreaterThan(10 * POINTS_PER_TEAM_POINT);
  });

  it("one engaged student among classmates who never act tops the board, in any role that has a decision to make", () => {
    // A swarm's seed blocks a flood; a hub's server patches a breach; a hub's client encrypts its
    // own connection while a wiretap is reported.
    for (const [name, team, kind] of [
      ["ddos", "swarm", "peer"],
      ["server-breach", "hub", "server"],
      ["wiretap", "hub", "client"],
    ] as const) {
      const sc = { ...BUILT_IN_SCENARIOS[name]!, seed: 1 };
      const id = world(createMatch(sc), team).nodes.find((n) => n.kind === kind)!.id;
      const m = playClassMatch(sc, { hub: "idle", swarm: "idle" }, { team, node: id, kind: "engaged" });
      const points = decisionPoints(m, parOf(runMatch(createMatch(sc))));
      const mine = points.get(`${team}:${id}`) ?? 0;
      expect(mine, `${name} ${team} ${id}`).toBeGreaterThan(0);
      for (const [who, p] of points) if (who !== `${team}:${id}`) expect(p, who).toBe(0);
    }
  });

  it("a class of saboteurs earns nothing, even where a routing loop happened to keep a cheat out", () => {
    // In malicious-peer a swarm router's loop cut the cheat off (it earned 1,200 when loops could earn).
    for (const [name, team] of [
      ["malicious-peer", "swarm"],
      ["big-school", "hub"],
    ] as const) {
      const sc = { ...BUILT_IN_SCENARIOS[name]!, seed: 1 };
      const m = playClassMatch(sc, { [team]: "saboteur" });
      expect(
        m.record.some((r) => m.loopRoutes.has(r.intent)),
        name,
      ).toBe(true);
      const points = decisionPoints(m, parOf(runMatch(createMatch(sc))));
      expect(points.size, `${name}: saboteurs who decided something`).toBeGreaterThan(0);
      for (const [who, p] of points) expect(p, `${name} ${who}`).toBe(0);
    }
    // A replay for every saboteur of a big school: 9 s quiet, three times that on a busy machine.
  }, 90_000);
});
