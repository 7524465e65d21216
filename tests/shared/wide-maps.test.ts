/**
 * Wide maps (rules 4): a map the editor accepts may be wider than a packet's 16 hops (a ring of 60 or
 * more routers, a grid of 70 or more) or than the routing protocol's "unreachable" cost of 64 ticks
 * (long links). Under rules 3 far users there could never reach each other; from rules 4 such a map
 * raises both limits to twice its widest path, requests wait for answers as long as their round trip
 * needs, and every map where all of that already fit plays as before.
 */
import { describe, expect, it } from "vitest";
import {
  BUILT_IN_SCENARIOS,
  CLIENT_TIMEOUT,
  createMatch,
  DV_INFINITY,
  LEVELS,
  MAX_HOPS,
  PEER_REQUEST_TIMEOUT,
  parseScenario,
  runMatch,
  type Scenario,
  SIM_RULES,
  stateHash,
  stepMatch,
  submitIntent,
} from "../../shared/index";
import { mapReach } from "../../shared/routing";
import { answerTimeout } from "../../shared/transport";
import type { Match, World } from "../../shared/types";
import { droppedTotal, runUntil } from "./helpers";

/** A teacher's scenario: the calm round on another generated map, checked as the editor checks it. */
function teacherScenario(map: object, topology: Scenario["topology"]): Scenario {
  const calm = BUILT_IN_SCENARIOS.calm!;
  const parsed = parseScenario({
    ...calm,
    name: "Wide map",
    topology,
    duration: 90,
    failures: [],
    map: { ...(calm.map as object), ...map },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  return parsed.value;
}

/** Users of a team's world that finished no file in the round. */
function usersWithNothing(w: World): number {
  return w.users.filter((u) => (w.nodes[u]!.user?.current ?? 0) === 0).length;
}

const ring80 = { shape: "ring", routers: 80, users: 80, latency: 1 };

describe("wide maps (rules 4)", () => {
  it("on a ring of 80 routers every hub user gets files; under rules 3 far users got none, their requests out of hops", () => {
    const sc = teacherScenario(ring80, "hub");
    const now = runMatch(createMatch(sc)).worlds[0]!;
    const before = runMatch(createMatch(sc, { rules: 3 })).worlds[0]!;
    expect(SIM_RULES).toBeGreaterThanOrEqual(4);
    expect(usersWithNothing(before)).toBeGreaterThan(20);
    expect(before.stats.dropped.ttl).toBeGreaterThan(500);
    expect(usersWithNothing(now)).toBe(0);
    expect(now.stats.dropped.ttl).toBe(0);
    expect(now.stats.itemsCompleted).toBeGreaterThan(3 * before.stats.itemsCompleted);
    expect(now.hopLimit).toBe(2 * mapReach(now).links);
    expect(now.hopLimit).toBeGreaterThan(MAX_HOPS);
  });

  it("the swarm on the same ring: no packet runs out of hops", () => {
    const sc = teacherScenario(ring80, "swarm");
    const now = runMatch(createMatch(sc)).worlds[0]!;
    const before = runMatch(createMatch(sc, { rules: 3 })).worlds[0]!;
    expect(before.stats.dropped.ttl).toBeGreaterThan(500);
    expect(now.stats.dropped.ttl).toBe(0);
    expect(usersWithNothing(now)).toBe(0);
  });

  it("with 20-tick links the routing protocol still reaches every destination; under rules 3 far ones were unreachable", () => {
    const sc = teacherScenario({ shape: "ring", routers: 10, users: 20, latency: 20 }, "hub");
    const now = runMatch(createMatch(sc)).worlds[0]!;
    const before = runMatch(createMatch(sc, { rules: 3 })).worlds[0]!;
    expect(before.stats.dropped["no-route"]).toBeGreaterThan(50);
    expect(now.stats.dropped["no-route"]).toBe(0);
    expect(now.dvInfinity).toBe(2 * mapReach(now).cost);
    expect(now.dvInfinity).toBeGreaterThan(DV_INFINITY);
    // Every router has a route to every user from the start, and the protocol keeps them.
    const routed = (m: Match) =>
      m.worlds[0]!.nodes.every(
        (r) => !r.router || m.worlds[0]!.users.every((u) => (r.router!.table[u] ?? -1) >= 0),
      );
    expect(routed(runUntil(createMatch(sc), 30))).toBe(true);
  });

  it("a routing loop on a wide map still ends: its packets are dropped at the raised hop limit", () => {
    const sc = teacherScenario(ring80, "hub");
    const m = createMatch(sc);
    const w = m.worlds[0]!;
    // Two players' routers send U1's packets (U1 is on R1) to each other, round and round.
    const r1 = w.nodes[w.idIndex.get("R1")!]!;
    const r2 = w.nodes[w.idIndex.get("R2")!]!;
    const between = w.links.find(
      (l) => (l.a === r1.index && l.b === r2.index) || (l.a === r2.index && l.b === r1.index),
    )!;
    for (const r of [r1, r2])
      submitIntent(m, { kind: "host" }, { type: "assign", team: "hub", node: r.id, player: `p-${r.id}` });
    runUntil(m, 1);
    for (const r of [r1, r2])
      expect(
        submitIntent(
          m,
          { kind: "player", id: `p-${r.id}` },
          { type: "route", team: "hub", node: r.id, dest: "U1", link: between.id },
        ).ok,
      ).toBe(true);
    runUntil(m, 20);
    expect(w.stats.dropped.ttl).toBeGreaterThan(0);
    expect(w.stats.created).toBe(w.stats.delivered + w.stats.inFlight + droppedTotal(w));
  });

  it("every built-in classroom map keeps the limits of rules 3, so its rounds play exactly as before", () => {
    for (const [name, sc] of Object.entries(BUILT_IN_SCENARIOS)) {
      for (const w of createMatch(sc).worlds) {
        const wide = name === "district";
        expect([name, w.hopLimit], name).toEqual([name, wide ? 2 * mapReach(w).links : MAX_HOPS]);
        expect([name, w.dvInfinity]).toEqual([name, DV_INFINITY]);
      }
    }
  });

  it("district: messages its servers relay across the map arrive; under rules 3 some ran out of hops", () => {
    const d = BUILT_IN_SCENARIOS.district!;
    const hub = (rules?: number) =>
      runUntil(createMatch({ ...d, topology: "hub" }, rules ? { rules } : {}), 40).worlds[0]!;
    const before = hub(3);
    const now = hub();
    expect(before.stats.dropped.ttl).toBeGreaterThan(0);
    expect(now.stats.dropped.ttl).toBe(0);
    expect(now.stats.messagesDelivered).toBeGreaterThan(before.stats.messagesDelivered);
  });

  it("a request waits half again its round trip where that is longer than 3 s; on classroom maps every wait is as before", () => {
    // The waits the game has: a client on a server, a cache server on the origin, a peer on a peer.
    const waits = (w: World): [number, number[], number[]][] => {
      const of = (kind: string) => w.nodes.filter((n) => n.kind === kind).map((n) => n.index);
      return w.team === "hub"
        ? [
            [CLIENT_TIMEOUT, of("client"), w.servers],
            [2 * CLIENT_TIMEOUT, w.servers, of("origin")],
          ]
        : [[PEER_REQUEST_TIMEOUT, w.peers, w.peers]];
    };
    for (const [name, sc] of Object.entries(BUILT_IN_SCENARIOS)) {
      for (const w of createMatch(sc).worlds) {
        let longer = 0;
        for (const [base, from, to] of waits(w))
          for (const a of from) for (const b of to) if (answerTimeout(w, a, b, base) > base) longer++;
        if (name === "district") expect(longer, `${name} ${w.team}`).toBeGreaterThan(0);
        else expect(longer, `${name} ${w.team}`).toBe(0);
      }
    }
    // Across district the longest round trip between two peers is 2 × 24 ticks: a wait of 72.
    const w = createMatch({ ...BUILT_IN_SCENARIOS.district!, topology: "swarm" }).worlds[0]!;
    let far = 0;
    for (const a of w.peers)
      for (const b of w.peers) far = Math.max(far, answerTimeout(w, a, b, PEER_REQUEST_TIMEOUT));
    expect(far).toBe(72);
    expect(answerTimeout(w, w.peers[0]!, w.peers[0]!, PEER_REQUEST_TIMEOUT)).toBe(PEER_REQUEST_TIMEOUT);
    expect(CLIENT_TIMEOUT).toBe(PEER_REQUEST_TIMEOUT);
  });

  it("district's swarm gets no chunk twice: under rules 3 requests timed out with their answers on the way, and 7 % came twice", () => {
    const swarm = (rules?: number) =>
      runMatch(createMatch({ ...BUILT_IN_SCENARIOS.district!, topology: "swarm" }, rules ? { rules } : {}))
        .worlds[0]!.stats;
    const before = swarm(3);
    const now = swarm();
    expect(before.chunksDelivered - before.usefulChunks).toBeGreaterThan(0.05 * before.usefulChunks);
    expect(now.chunksDelivered).toBe(now.usefulChunks);
  });

  it("every solo level but 8 (a seed 4 s away) and every built-in but district play exactly as under rules 3", () => {
    const all: [string, Scenario][] = [
      ...LEVELS.map((l): [string, Scenario] => [l.id, l.scenario]),
      ...Object.entries(BUILT_IN_SCENARIOS),
    ];
    const changed: string[] = [];
    for (const [id, sc] of all) {
      const hashes = [3, SIM_RULES].map((rules) => {
        const m = createMatch(sc, { rules });
        const out: string[] = [];
        while (!m.ended) {
          stepMatch(m);
          if (m.tick % 50 === 0) out.push(stateHash(m));
        }
        return out.join(",");
      });
      if (hashes[0] !== hashes[1]) changed.push(id);
    }
    expect(changed).toEqual(["rarest-first", "district"]);
  });

  it("on a map in two parts a request to the other part waits the usual time (no path, no round trip)", () => {
    const calm = BUILT_IN_SCENARIOS.calm!;
    const split: Scenario = {
      ...calm,
      topology: "hub",
      failures: [],
      map: {
        routers: [
          { id: "R1", region: "West", x: 200, y: 300 },
          { id: "R2", region: "East", x: 800, y: 300 },
        ],
        links: [],
        servers: [{ id: "S1", router: "R1" }],
        users: [
          { id: "U1", router: "R2" },
          { id: "U2", router: "R1" },
        ],
      },
    };
    const w = createMatch(split).worlds[0]!;
    const id = (x: string) => w.idIndex.get(x)!;
    expect(answerTimeout(w, id("U1"), id("S1"), CLIENT_TIMEOUT)).toBe(CLIENT_TIMEOUT);
    expect(answerTimeout(w, id("U2"), id("S1"), CLIENT_TIMEOUT)).toBe(CLIENT_TIMEOUT);
  });
});
