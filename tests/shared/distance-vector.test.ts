import { describe, expect, it } from "vitest";
import { DV_INFINITY, DV_PERIOD } from "../../shared/constants";
import {
  createMatch,
  isDown,
  type Match,
  type Scenario,
  stateHash,
  stepMatch,
  submitIntent,
  type World,
} from "../../shared/index";
import { scenario } from "./helpers";

/**
 * A round of the protocol skips routers whose inputs did not change (distance-vector.ts). Its twin
 * here has every router's vector replaced before each round, so it computes every table in full: the
 * two must stay the same at every tick, through cuts, congestion, crashes, outages, newcomers and a
 * player's own routes.
 */
/** A user's access link: congestion there changes the routes to that host only. */
function accessLink(base: Scenario): string {
  const w = createMatch(base).worlds[0]!;
  return w.links[w.nodes[w.users[0]!]!.links[0]!]!.id;
}

function failures(base: Scenario): Scenario["failures"] {
  const access = accessLink(base);
  return [
    ...base.failures,
    { kind: "link-cut", at: 5, duration: 20, target: "R1-R2" },
    { kind: "congestion", at: 12, duration: 30, target: "busiest", magnitude: 0.2 },
    { kind: "congestion", at: 16, duration: 50, target: access, magnitude: 0.25 },
    { kind: "crash", at: 20, duration: 15, target: "role:router" },
    { kind: "link-cut", at: 33, duration: 40, target: "random" },
    { kind: "outage", at: 50, duration: 20, target: "East" },
    { kind: "flash-crowd", at: 62, magnitude: 4 },
    { kind: "crash", at: 75, duration: 25, target: "role:router" },
  ];
}

/**
 * Lockstep: `quick` as the match runs it, `full` computing every router's routes to routers in every
 * round. After each round, every router that was up has its routes to hosts through their access
 * routers, at their access links' latency now.
 */
function compare(sc: Scenario, decide: (m: Match) => void = () => {}): Match {
  const quick = createMatch(sc);
  const full = createMatch(sc);
  while (!quick.ended) {
    decide(quick);
    decide(full);
    for (const w of full.worlds)
      for (const n of w.nodes) if (n.router) n.router.dvVia = n.router.dvVia.slice();
    const round = quick.tick > 0 && quick.tick % DV_PERIOD === 0 ? quick.tick : -1;
    stepMatch(quick);
    stepMatch(full);
    expect(stateHash(full)).toBe(stateHash(quick));
    if (round >= 0) for (const w of quick.worlds) expectHostRoutes(w, round);
  }
  return quick;
}

function expectHostRoutes(w: World, tick: number): void {
  for (const r of w.nodes) {
    if (!r.router || isDown(r, tick)) continue;
    const { dvCost, dvVia } = r.router;
    for (const h of w.nodes) {
      if (h.router || h.links.length === 0) continue;
      const link = w.links[h.links[0]!]!;
      const access = link.a === h.index ? link.b : link.a;
      const cost = access === r.index ? link.latency : Math.min(DV_INFINITY, dvCost[access]! + link.latency);
      const via = access === r.index ? h.links[0] : dvCost[access]! >= DV_INFINITY ? -1 : dvVia[access];
      expect([r.id, h.id, dvCost[h.index], dvVia[h.index]]).toEqual([r.id, h.id, cost, via]);
    }
  }
}

function decide(m: Match): void {
  const w = m.worlds[0]!;
  const r1 = w.nodes[w.idIndex.get("R1")!]!;
  if (m.tick === 30)
    submitIntent(m, { kind: "host" }, { type: "assign", team: w.team, node: "R1", player: "p" });
  if (m.tick === 120 || m.tick === 330) {
    // Everything for the last node over R1's first link, split with its last one.
    const dest = w.nodes[w.nodes.length - 1]!.id;
    const link = w.links[r1.links[0]!]!.id;
    const alt = w.links[r1.links[r1.links.length - 1]!]!.id;
    submitIntent(
      m,
      { kind: "player", id: "p" },
      { type: "route", team: w.team, node: "R1", dest, link, alt },
    );
  }
  if (m.tick === 600)
    submitIntent(m, { kind: "host" }, { type: "assign", team: w.team, node: "R1", player: null });
}

/**
 * A player holds R1 through the first cut without touching its routes, then hands it back: the
 * protocol computed new routes meanwhile, which the autopilot must adopt at its next round (a round
 * copies into a router's table only what changed since its table was last the protocol's own).
 */
function holdThroughCut(m: Match): void {
  const w = m.worlds[0]!;
  if (m.tick === 30)
    submitIntent(m, { kind: "host" }, { type: "assign", team: w.team, node: "R1", player: "p" });
  if (m.tick === 150)
    submitIntent(m, { kind: "host" }, { type: "assign", team: w.team, node: "R1", player: null });
}

/**
 * On a network gone quiet (no router computes anything new after the first rounds) a player takes R1,
 * reroutes one destination and hands it back: the next round puts the protocol's route back.
 */
function rerouteThenHandBack(m: Match): void {
  const w = m.worlds[0]!;
  const r1 = w.nodes[w.idIndex.get("R1")!]!;
  if (m.tick === 85)
    submitIntent(m, { kind: "host" }, { type: "assign", team: w.team, node: "R1", player: "p" });
  if (m.tick === 90) {
    const dest = w.nodes[w.nodes.length - 1]!.id;
    const link = w.links[r1.links[r1.links.length - 1]!]!.id;
    submitIntent(m, { kind: "player", id: "p" }, { type: "route", team: w.team, node: "R1", dest, link });
  }
  if (m.tick === 95)
    submitIntent(m, { kind: "host" }, { type: "assign", team: w.team, node: "R1", player: null });
}

describe("distance vector", () => {
  for (const name of ["link-cut", "big-school"]) {
    it(`a round that skips unchanged routers gives the tables of a full round (${name})`, () => {
      const base = scenario(name);
      const quick = compare({ ...base, duration: 110, failures: failures(base) }, decide);
      expect(quick.failureLog.length).toBeGreaterThanOrEqual(8);
      expect(quick.record.filter((r) => r.intent.type === "route")).toHaveLength(2);
    });
  }

  it("a router handed back to the autopilot adopts the routes computed while a player held it", () => {
    const base = scenario("link-cut");
    const cut = { kind: "link-cut", at: 5, duration: 20, target: "R1-R2" } as const;
    const quick = compare({ ...base, duration: 30, failures: [cut] }, holdThroughCut);
    expect(quick.failureLog).toHaveLength(1);
    const r1 = quick.worlds[0]!.nodes[quick.worlds[0]!.idIndex.get("R1")!]!;
    expect(r1.autopilot).toBe(true);
    expect([...r1.router!.table]).toEqual(r1.router!.dvVia);
  });

  it("a player's own route goes when the router is handed back, on a network where nothing changes", () => {
    const quick = compare({ ...scenario("calm"), duration: 13, failures: [] }, rerouteThenHandBack);
    const w = quick.worlds[0]!;
    const r1 = w.nodes[w.idIndex.get("R1")!]!;
    const dest = w.nodes.length - 1;
    expect(quick.record.filter((r) => r.intent.type === "route")).toHaveLength(1);
    expect(r1.router!.table[dest]).toBe(r1.router!.dvVia[dest]);
    expect([...r1.router!.table]).toEqual(r1.router!.dvVia);
  });

  it("a quiet network still learns that a host's access link slowed down and recovered", () => {
    const base = scenario("calm");
    const target = accessLink(base);
    const quick = compare({
      ...base,
      duration: 40,
      failures: [{ kind: "congestion", at: 10, duration: 16, target, magnitude: 0.25 }],
    });
    expect(quick.failureLog[0]!.effects[0]!.target).toBe(target);
  });
});
