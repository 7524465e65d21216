/**
 * Security holes (`exploit`) and the "install the update" decision: every computer is a way in until
 * its update is installed; a hub's server installs it on every server and client at once (central
 * management), a peer or a router only on itself; a machine attackers got into leaks what it sends,
 * receives or forwards until someone installs it.
 */
import { describe, expect, it } from "vitest";
import {
  type Architecture,
  createMatch,
  EXPLOIT_GRACE_TICKS,
  EXPLOIT_SPREAD_TICKS,
  type Match,
  matchResult,
  parOf,
  runMatch,
  type Scenario,
  type SimNode,
  stateHash,
  submitIntent,
  TICKS_PER_SECOND,
  UPDATE_CLEAN_TICKS,
  type World,
} from "../../shared/index";
import { takesUpdates } from "../../shared/nodes";
import { idleSeats, runUntil, scenario, world } from "./helpers";

/** Calm's map with one security hole published at 10 s, every open machine attacked (magnitude 1). */
function holeAt10(over: Partial<Scenario> = {}): Scenario {
  return scenario("calm", { failures: [{ kind: "exploit", at: 10, magnitude: 1 }], ...over });
}

/** Every computer that takes updates: servers, clients, peers and routers. */
const machines = (w: World) => w.nodes.filter(takesUpdates);
const peers = (w: World) => w.nodes.filter((n) => n.kind === "peer" && !n.gone);
/** The game second by which every attack of a hole published at 10 s has landed. */
const ATTACKS_DONE = 10 + (EXPLOIT_GRACE_TICKS + EXPLOIT_SPREAD_TICKS) / TICKS_PER_SECOND + 1;

function seatEveryone(m: Match, team: Architecture): void {
  for (const n of world(m, team).nodes)
    if (n.kind === "server" || n.kind === "client" || n.kind === "peer")
      submitIntent(m, { kind: "host" }, { type: "assign", team, node: n.id, player: `p-${n.id}` });
}

function send(m: Match, team: Architecture, n: SimNode) {
  return submitIntent(m, { kind: "player", id: `p-${n.id}` }, { type: "update", team, node: n.id });
}

describe("security holes", () => {
  it("let attackers into every machine nobody updates, routers too: what they send and receive leaks", () => {
    const m = idleSeats(createMatch(holeAt10()));
    runUntil(m, 10);
    for (const team of ["hub", "swarm"] as const) expect(world(m, team).stats.leaked).toBe(0);
    runUntil(m, ATTACKS_DONE);
    for (const team of ["hub", "swarm"] as const) {
      const w = world(m, team);
      const open = machines(w);
      expect(open.length).toBeGreaterThan(5);
      expect(
        open.every((n) => n.infected),
        team,
      ).toBe(true);
      expect(w.stats.infections).toBe(open.length);
      // Every data packet now starts or ends at a machine an attacker is inside (encrypted or not).
      const [leaked, data] = [w.stats.leaked, w.stats.dataPackets];
      runUntil(m, m.tick / TICKS_PER_SECOND + 10);
      expect(w.stats.dataPackets).toBeGreaterThan(data);
      expect(w.stats.leaked - leaked, team).toBe(w.stats.dataPackets - data);
    }
  });

  it("one update from a hub's server covers every server and client; a peer's only its own", () => {
    const m = createMatch(holeAt10());
    seatEveryone(m, "hub");
    seatEveryone(m, "swarm");
    runUntil(m, 11);
    const hub = world(m, "hub");
    const swarm = world(m, "swarm");
    const server = hub.nodes.find((n) => n.kind === "server")!;
    expect(send(m, "hub", server).ok).toBe(true);
    const [peer] = swarm.nodes.filter((n) => n.kind === "peer" && !n.gone);
    expect(send(m, "swarm", peer!).ok).toBe(true);
    runUntil(m, ATTACKS_DONE);
    expect(machines(hub).filter((n) => n.infected)).toEqual([]);
    expect(hub.stats.infections).toBe(0);
    // In the swarm only the owner who installed it is safe: every other peer was got into.
    expect(peer!.infected).toBe(false);
    expect(swarm.stats.infections).toBe(peers(swarm).length - 1);
    // Nothing left to install: the decision is refused with its reason, and changes nothing.
    const again = send(m, "hub", server);
    expect(again.ok).toBe(false);
    expect(again.ok ? "" : again.refusal.code).toBe("up-to-date");
  });

  it("a router attackers got into copies what it forwards in the clear, whatever the ends did", () => {
    const m = createMatch(holeAt10());
    // Only the routers are held, by players who never act: every other machine's autopilot updates.
    for (const w of m.worlds)
      for (const n of w.nodes)
        if (n.kind === "router")
          submitIntent(
            m,
            { kind: "host" },
            { type: "assign", team: w.team, node: n.id, player: `p-${n.id}` },
          );
    runUntil(m, ATTACKS_DONE + 10);
    for (const w of m.worlds) {
      expect(
        w.nodes.filter((n) => n.infected).every((n) => n.kind === "router"),
        w.team,
      ).toBe(true);
      expect(w.stats.infections, w.team).toBeGreaterThan(0);
      expect(w.stats.stolen, w.team).toBeGreaterThan(0);
    }
  });

  it("installing the update throws the attacker out: the machine restarts, and leaks no more", () => {
    const m = createMatch(holeAt10());
    seatEveryone(m, "swarm");
    runUntil(m, ATTACKS_DONE);
    const p = world(m, "swarm").nodes.find((n) => n.kind === "peer" && n.infected)!;
    expect(p).toBeDefined();
    // A down machine can still install it (the owner does it from their screen).
    expect(send(m, "swarm", p).ok).toBe(true);
    runUntil(m, m.tick / TICKS_PER_SECOND + 0.2);
    expect(p.infected).toBe(false);
    expect(p.updates).toBe(1);
    expect(p.downUntil).toBeGreaterThan(m.tick);
    runUntil(m, m.tick / TICKS_PER_SECOND + UPDATE_CLEAN_TICKS / TICKS_PER_SECOND + 0.1);
    expect(p.downUntil).toBeLessThanOrEqual(m.tick);
  });

  it("the autopilot hub installs it everywhere before the attacks; the swarm's owners in their own time", () => {
    const m = runMatch(createMatch(holeAt10()));
    expect(world(m, "hub").stats.infections).toBe(0);
    expect(machines(world(m, "hub")).every((n) => n.updates === 1)).toBe(true);
    // Each owner acts in their own time, some too late: not every peer escapes, but most are updated.
    const swarm = machines(world(m, "swarm"));
    expect(swarm.filter((n) => n.updates === 1).length).toBeGreaterThan(swarm.length / 2);
  });

  it("idle seats that leave their machines open score below the autopilot; the same seed, the same attacks", () => {
    const sc = holeAt10({ failures: [{ kind: "exploit", at: 10 }] });
    const par = parOf(runMatch(createMatch(sc)));
    const bots = matchResult(runMatch(createMatch(sc)), par);
    const idle = matchResult(runMatch(idleSeats(createMatch(sc))), par);
    // The hub loses its servers, and with them everything; a swarm loses the peers that were got into.
    const gap = { hub: 10, swarm: 5 };
    for (const team of ["hub", "swarm"] as const) {
      const of = (r: typeof bots) => r.teams.find((t) => t.team === team)!;
      expect(of(idle).scores.total, team).toBeLessThan(of(bots).scores.total - gap[team]);
      expect(of(idle).infections ?? 0).toBeGreaterThan(0);
      expect(of(bots).infections ?? 0).toBeLessThan(of(idle).infections!);
    }
    const a = runMatch(idleSeats(createMatch(sc)));
    const b = runMatch(idleSeats(createMatch(sc)));
    expect(stateHash(a)).toBe(stateHash(b));
  });
});
