/**
 * The autopilot plays sensibly: it spends and encrypts only for a reason it can see, and on every
 * built-in scenario a team of bots does at least as well as the same team left idle (every seat held
 * by a player who never acts, routers keeping their first tables).
 */
import { describe, expect, it } from "vitest";
import {
  type Architecture,
  BUILT_IN_SCENARIOS,
  createMatch,
  matchResult,
  parOf,
  runMatch,
  type Scenario,
  stepMatch,
  submitIntent,
} from "../../shared/index";
import { idleSeats, match, node, runUntil, world } from "./helpers";

/** Mean totals per team over seeds 1..seeds: bots in every seat, and the same seats left idle. */
function botsAndIdle(sc: Scenario, seeds: number) {
  const sum = { bots: { hub: 0, swarm: 0 }, idle: { hub: 0, swarm: 0 } };
  for (let seed = 1; seed <= seeds; seed++) {
    const bots = runMatch(createMatch({ ...sc, seed }));
    const par = parOf(bots); // both runs are scored against the same par
    const still = runMatch(idleSeats(createMatch({ ...sc, seed })));
    for (const [key, m] of [
      ["bots", bots],
      ["idle", still],
    ] as const)
      for (const t of matchResult(m, par).teams) sum[key][t.team] += t.scores.total / seeds;
  }
  return sum;
}

/**
 * Two equally short paths round a ring are chosen differently by the first tables and by the routing
 * protocol, which moves a team's total by up to a point either way (the speed score's typical wait is
 * each user's median, so a crowded path shows): that much is not play.
 */
const TIE_NOISE = 1;

describe("the autopilot", () => {
  for (const [name, sc] of Object.entries(BUILT_IN_SCENARIOS)) {
    const seeds = name === "district" ? 2 : 4;
    // District plays four matches of 400 nodes a side: 20 s on a busy 2-core machine.
    const timeout = name === "district" ? 90_000 : undefined;
    it(`${name}: bots do at least as well as idle seats (mean of ${seeds} seeds)`, { timeout }, () => {
      const r = botsAndIdle(sc, seeds);
      for (const team of ["hub", "swarm"] as Architecture[])
        expect(r.bots[team], `${team}: bots ${r.bots[team]} vs idle ${r.idle[team]}`).toBeGreaterThanOrEqual(
          r.idle[team] - TIE_NOISE,
        );
    });
  }

  it("servers encrypt only while a wiretap is reported, and then every connection to them is encrypted", () => {
    const calm = runUntil(match("calm", { topology: "hub" }), 60);
    expect(world(calm, "hub").servers.every((s) => !world(calm, "hub").nodes[s]!.encrypt)).toBe(true);
    const m = match("wiretap", { topology: "hub" }); // wiretap from 20 s to 160 s
    runUntil(m, 19);
    const hub = world(m, "hub");
    expect(node(hub, "S1").encrypt).toBe(false);
    runUntil(m, 22);
    expect(node(hub, "S1").encrypt).toBe(true);
    const leakedAt22 = hub.stats.leaked;
    runUntil(m, 150);
    expect(hub.stats.leaked - leakedAt22).toBe(0); // the clients' requests are protected too
    while (!m.ended) stepMatch(m);
    expect(node(hub, "S1").encrypt).toBe(false); // the warning is over: encryption costs capacity
  });

  it("peers encrypt only after a wiretap warning, each when its owner gets round to it", () => {
    const m = match("wiretap", { topology: "swarm" });
    runUntil(m, 19);
    const sw = world(m, "swarm");
    const peers = sw.peers.map((i) => sw.nodes[i]!);
    expect(peers.filter((p) => p.encrypt)).toHaveLength(0);
    runUntil(m, 30);
    const early = peers.filter((p) => p.encrypt).length;
    runUntil(m, 100);
    const late = peers.filter((p) => p.encrypt).length;
    expect(early).toBeLessThan(late); // no central switch: owners act one by one
    // In a school-sized swarm some never do: every computer is one more machine nobody looks after.
    const big = match("big-school", { topology: "swarm" });
    runUntil(big, 150);
    const bw = world(big, "swarm");
    const owners = bw.peers.map((i) => bw.nodes[i]!).filter((p) => !p.peer!.malicious);
    expect(owners.filter((p) => p.encrypt).length).toBeLessThan(0.9 * owners.length);
  });

  it("servers back up only data that exists nowhere else", () => {
    const withOrigin = runUntil(match("calm", { topology: "hub" }), 5);
    const hub = world(withOrigin, "hub");
    expect(hub.servers.some((s) => hub.nodes[s]!.server!.backup)).toBe(false);
    const alone = runUntil(
      match("calm", {
        topology: "hub",
        map: { ...(BUILT_IN_SCENARIOS.calm!.map as object), origin: false } as Scenario["map"],
      }),
      5,
    );
    const h2 = world(alone, "hub");
    expect(h2.servers.every((s) => h2.nodes[s]!.server!.backup)).toBe(true);
  });

  it("a server that blocks a flooding source has it filtered upstream, at its access router", () => {
    const run = (block: boolean) => {
      const m = match("ddos", { topology: "hub" }); // botnet on a server from 50 s for 30 s
      if (!block)
        for (const id of ["S1", "S2"])
          submitIntent(m, { kind: "host" }, { type: "assign", team: "hub", node: id, player: `p-${id}` });
      runMatch(m);
      const hub = world(m, "hub");
      return { queueFull: hub.stats.dropped["queue-full"], blocked: hub.stats.dropped.blocked };
    };
    const idleServers = run(false);
    const blocking = run(true);
    expect(blocking.blocked).toBeGreaterThan(0);
    expect(blocking.queueFull).toBeLessThan(idleServers.queueFull / 2);
  });
});
