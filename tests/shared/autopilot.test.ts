/**
 * The autopilot plays sensibly: it spends and encrypts only for a reason it can see. (On every
 * built-in scenario a team of bots does at least as well as the same team left idle: debrief.test.ts,
 * which plays the same all-bot matches for its own check.)
 */
import { describe, expect, it } from "vitest";
import { BUILT_IN_SCENARIOS, runMatch, type Scenario, stepMatch, submitIntent } from "../../shared/index";
import { attachedTo } from "../../shared/nodes";
import { match, node, runUntil, world } from "./helpers";

describe("the autopilot", () => {
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

  it("routers look for blocks at their endpoints whenever any endpoint blocks, through any block and unblock", () => {
    const m = match("ddos", { topology: "hub" }); // a botnet floods the server from 60 s for 30 s
    submitIntent(m, { kind: "host" }, { type: "assign", team: "hub", node: "S1", player: "p" });
    runUntil(m, 63);
    const hub = world(m, "hub");
    const bots = hub.nodes.filter((n) => n.kind === "botnet").map((n) => n.id);
    expect(bots.length).toBeGreaterThan(1);
    const blocking = () => hub.nodes.filter((n) => !n.router && n.blocked.size > 0).length;
    const steps: ["block" | "unblock", string][] = [
      ["block", bots[0]!],
      ["block", bots[1]!],
      ["unblock", bots[0]!],
      ["unblock", bots[0]!], // not blocked any more: changes nothing
      ["unblock", bots[1]!],
      ["block", bots[1]!],
    ];
    for (const [type, source] of steps) {
      submitIntent(m, { kind: "player", id: "p" }, { type, team: "hub", node: "S1", source });
      runUntil(m, m.tick / 10 + 0.5);
      expect(hub.blockingEndpoints, `${type} ${source}`).toBe(blocking());
    }
    expect(hub.blockingEndpoints).toBe(1);
  });

  it("a router's own block filters what reaches it, through any block and unblock", () => {
    const m = match("ddos", { topology: "hub" });
    const hub = world(m, "hub");
    // The router every botnet's junk reaches: the server's own.
    const server = hub.nodes.find((n) => n.id === "S1")!;
    const router = hub.nodes[attachedTo(hub, server)]!;
    submitIntent(m, { kind: "host" }, { type: "assign", team: "hub", node: router.id, player: "p" });
    runUntil(m, 63);
    const bots = hub.nodes.filter((n) => n.kind === "botnet").map((n) => n.id);
    const blocking = () => hub.nodes.filter((n) => n.router && n.blocked.size > 0).length;
    const steps: ["block" | "unblock", string, number][] = [
      ["block", bots[0]!, 1],
      ["block", bots[1]!, 1],
      ["unblock", bots[0]!, 1],
      ["unblock", bots[0]!, 1], // not blocked any more: changes nothing
      ["unblock", bots[1]!, 0],
      ["block", bots[1]!, 1],
    ];
    for (const [type, source, routers] of steps) {
      submitIntent(m, { kind: "player", id: "p" }, { type, team: "hub", node: router.id, source });
      runUntil(m, m.tick / 10 + 0.5);
      expect(hub.blockingRouters, `${type} ${source}`).toBe(routers);
      expect(blocking()).toBe(routers);
    }
    // The router drops the blocked botnet's junk as it arrives.
    const before = hub.stats.dropped.blocked;
    runUntil(m, m.tick / 10 + 2);
    expect(hub.stats.dropped.blocked).toBeGreaterThan(before);
  });
});
