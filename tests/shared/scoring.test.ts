/**
 * The score formulas have no holes a team could play instead of running its network well: each test
 * is one way a score used to say something untrue.
 */
import { describe, expect, it } from "vitest";
import {
  computePar,
  createMatch,
  type Match,
  matchResult,
  runMatch,
  type Scenario,
  submitIntent,
} from "../../shared/index";
import { idleSeats, runUntil, scenario, world } from "./helpers";

/** Every server of the hub held by one player ("admin"), who only does what `act` submits. */
function hubWithAdmin(sc: Scenario, act: (m: Match) => void): Match {
  const m = createMatch(sc);
  const hub = world(m, "hub");
  for (const s of hub.servers) {
    const id = hub.nodes[s]!.id;
    submitIntent(m, { kind: "host" }, { type: "assign", team: "hub", node: id, player: "admin" });
  }
  runUntil(m, 0.1); // the assignment takes effect in the first tick
  act(m);
  return runMatch(m);
}

describe("score formulas", () => {
  it("finishing fewer items never raises speed: servers that refuse most clients score lower", () => {
    // 150 users: more than the servers can serve at once, so refusing most of them speeds up the rest.
    const school = scenario("big-school");
    const map = { ...(school.map as object), users: 150 } as Scenario["map"];
    const sc: Scenario = { ...school, topology: "hub", map };
    const par = computePar({ ...school, map });
    const served = hubWithAdmin(sc, () => {});
    const refusing = hubWithAdmin(sc, (m) => {
      const hub = world(m, "hub");
      const clients = hub.users.map((u) => hub.nodes[u]!.id).slice(50); // 100 of 150 refused
      for (const s of hub.servers)
        for (const c of clients)
          submitIntent(
            m,
            { kind: "player", id: "admin" },
            { type: "block", team: "hub", node: hub.nodes[s]!.id, source: c },
          );
    });
    const a = matchResult(served, par).teams[0]!;
    const b = matchResult(refusing, par).teams[0]!;
    expect(b.itemsCompleted).toBeLessThan(a.itemsCompleted / 2);
    expect(b.scores.speed).toBeLessThan(a.scores.speed);
    expect(b.scores.total).toBeLessThan(a.scores.total);
  });

  it("a corrupt download is not a finished item", () => {
    // The breached source is never patched or isolated: its holder does nothing.
    const m = idleSeats(createMatch(scenario("server-breach", { topology: "hub" })));
    const r = matchResult(runMatch(m)).teams[0]!;
    const hub = world(m, "hub");
    const downloads = hub.users.reduce((n, u) => n + hub.nodes[u]!.user!.current, 0);
    // A client that opens a broken download asks for it again: only clean copies count as done.
    expect(r.itemsCorrupt).toBeGreaterThan(0);
    expect(r.itemsCompleted).toBe(downloads);
    const times = hub.users.reduce((n, u) => n + hub.nodes[u]!.user!.completionTicks.length, 0);
    expect(times).toBe(r.itemsCompleted); // only clean copies have a completion time
  });

  it("a failure covering the whole round is measured against par, not against itself", () => {
    const base = scenario("calm", { topology: "hub" });
    const sc: Scenario = {
      ...base,
      map: { ...(base.map as object), servers: 1, origin: false } as Scenario["map"],
      failures: [{ kind: "crash", at: 0, target: "role:source", duration: base.duration }],
    };
    // Held by a player who never restarts it: down for the whole round.
    const m = createMatch(sc);
    submitIntent(m, { kind: "host" }, { type: "assign", team: "hub", node: "S1", player: "idle" });
    const r = matchResult(runMatch(m), computePar({ ...sc, failures: [] })).teams[0]!;
    expect(r.failures).toHaveLength(1);
    expect(r.usefulChunks).toBe(0);
    expect(r.scores.survival).not.toBeNull();
    expect(r.scores.survival!).toBeLessThan(50); // it used to read 100
  });

  it("a round with no failure does not test survival: shown as such, and the total is the other parts", () => {
    const r = matchResult(runMatch(createMatch(scenario("calm"))));
    const w = scenario("calm").weights;
    for (const t of r.teams) {
      expect(t.scores.survival).toBeNull();
      expect(t.scores.total).toBe(
        Math.round((w.speed * t.scores.speed + w.cost * t.scores.cost) / (w.speed + w.cost)),
      );
    }
  });

  it("corrupt chunks a peer verified and threw away are not charged as delivered", () => {
    // A hacked seed's tampered chunks fail every peer's hash check (bots keep checks on).
    const m = createMatch(scenario("server-breach", { topology: "swarm" }));
    const r = matchResult(runMatch(m)).teams[0]!;
    expect(r.corruptDiscarded).toBeGreaterThan(0);
    expect(r.corruptDeliveries).toBe(0);
    expect(r.itemsCorrupt).toBe(0);
    // Survival loses nothing for what verification caught (a corrupt share of 0).
    const sw = world(m, "swarm");
    expect(sw.users.every((u) => sw.nodes[u]!.peer!.corrupt.every((c) => c === 0))).toBe(true);
  });
});
