/**
 * The lessons the game exists to teach, checked on the built-in scenarios with bots in every seat.
 * If a tuning change breaks one of these, the game teaches something false.
 */
import { describe, expect, it } from "vitest";
import { matchResult, runMatch, stepMatch, submitIntent } from "../../shared/index";
import { median } from "../../shared/scoring";
import { match, usefulBetween, withoutOrigin, world } from "./helpers";

describe("lessons the game teaches", () => {
  it("a hub server crash stops the hub's delivery; the swarm keeps most of its own", () => {
    // The only holder crashes at 60 s; the autopilot restarts it 15 s later and it boots for 8.
    const m = runMatch(match("server-crash"));
    const hub = world(m, "hub");
    const swarm = world(m, "swarm");
    // Seconds 65–82: the crash is under way (a few seconds for chunks already sent to land).
    const rate = (w: typeof hub, from: number, to: number) => usefulBetween(w, from, to) / (to - from);
    expect(rate(hub, 65, 82)).toBe(0);
    expect(rate(hub, 20, 60)).toBeGreaterThan(5);
    expect(rate(swarm, 65, 82)).toBeGreaterThan(0.6 * rate(swarm, 20, 60));
    const r = matchResult(m);
    expect(r.teams[1]!.scores.survival).toBeGreaterThan(r.teams[0]!.scores.survival! + 30);
  });

  it("the hub costs more to set up and to run than the swarm", () => {
    const r = matchResult(runMatch(match("calm")));
    const [hub, swarm] = r.teams;
    expect(hub!.spending.setup).toBeGreaterThan(swarm!.spending.setup);
    expect(hub!.spending.running).toBeGreaterThan(swarm!.spending.running);
    expect(hub!.scores.cost).toBeLessThan(swarm!.scores.cost);
  });

  it("in a flash crowd the swarm's completion time grows less than the hub's", () => {
    const calm = runMatch(match("calm"));
    const crowd = runMatch(match("flash-crowd")); // 60 users arrive at 50 s, all for one hot item
    const growth = (team: "hub" | "swarm") => {
      const before = world(calm, team);
      const after = world(crowd, team);
      const regular = median(before.users.flatMap((u) => before.nodes[u]!.user!.completionTicks));
      const newcomers = median(after.users.slice(12).flatMap((u) => after.nodes[u]!.user!.completionTicks));
      return newcomers / regular;
    };
    expect(growth("hub")).toBeGreaterThan(2 * growth("swarm"));
  });

  it("seeds leaving before a full copy spread loses the swarm's data; the hub keeps all of it", () => {
    const r = matchResult(runMatch(match("seeds-leave")));
    const [hub, swarm] = r.teams;
    expect(swarm!.contentLost).toBe(true);
    expect(swarm!.lostItems.length).toBeGreaterThan(0);
    expect(hub!.contentLost).toBe(false);
  });

  it("a hub server with backups recovers from a disk failure", () => {
    const m = match("disk-failure", { topology: "hub", ...withoutOrigin("disk-failure") });
    while (m.tick < 11 * 10) stepMatch(m);
    const hub = world(m, "hub");
    const victim = hub.nodes.find((n) => n.server?.diskFailed);
    expect(victim, "a server lost its disk").toBeDefined();
    runMatch(m);
    expect(victim!.server!.diskFailed).toBe(false);
    expect(victim!.server!.content.every((c) => c === m.ctx.full || c === 0)).toBe(true);
    expect(matchResult(m).teams[0]!.contentLost).toBe(false);
  });

  it("a server without backups that loses its disk, with no origin, loses what only it held", () => {
    const sc = {
      map: {
        shape: "ring" as const,
        routers: 6,
        regions: 3,
        servers: 2,
        users: 12,
        origin: false,
        latency: 2,
        bandwidth: 16,
      },
    };
    const m = match("disk-failure", {
      ...sc,
      topology: "hub",
      failures: [{ kind: "disk-failure", at: 30, target: "S1" }],
    });
    // Take the server bots' hands off the backups switch: S1 never turns them on.
    submitIntent(m, { kind: "host" }, { type: "assign", team: "hub", node: "S1", player: "idle" });
    runMatch(m);
    const r = matchResult(m);
    expect(r.teams[0]!.contentLost).toBe(false); // S2 holds every item: "serverHolds some" needs an origin
    const m2 = match("disk-failure", {
      ...sc,
      topology: "hub",
      failures: [
        { kind: "disk-failure", at: 30, target: "S1" },
        { kind: "disk-failure", at: 31, target: "S2" },
      ],
    });
    submitIntent(m2, { kind: "host" }, { type: "assign", team: "hub", node: "S1", player: "idle" });
    submitIntent(m2, { kind: "host" }, { type: "assign", team: "hub", node: "S2", player: "idle2" });
    expect(matchResult(runMatch(m2)).teams[0]!.contentLost).toBe(true);
  });

  it("a cheat's harmful file reaches users past their hash checks; owners who block it get less", () => {
    // Bots check hashes (which the cheat's file passes) and, in their own time, block whoever sent
    // them a harmful file.
    const guarded = match("malicious-peer", { topology: "swarm" });
    runMatch(guarded);
    const sw = world(guarded, "swarm");
    const cheats = sw.nodes.filter((n) => n.id.startsWith("X"));
    const blockedBy = sw.users.filter((u) => cheats.some((c) => sw.nodes[u]!.blocked.has(c.index))).length;
    expect(sw.stats.corruptDelivered).toBeGreaterThan(0);
    expect(blockedBy).toBeGreaterThan(0);

    // The same swarm with every peer held by an idle player: nobody blocks anyone.
    const open = match("malicious-peer", { topology: "swarm" });
    const ow = world(open, "swarm");
    for (const n of ow.nodes)
      if (n.kind === "peer")
        submitIntent(
          open,
          { kind: "host" },
          { type: "assign", team: "swarm", node: n.id, player: `idle-${n.id}` },
        );
    runMatch(open);
    expect(ow.stats.corruptDelivered).toBeGreaterThan(sw.stats.corruptDelivered);
  });

  it("with fifty computers, central management keeps the hub safer: fewer leaks, no corrupt data", () => {
    const r = matchResult(runMatch(match("big-school")));
    const [hub, swarm] = r.teams as [(typeof r.teams)[0], (typeof r.teams)[0]];
    expect(hub.scores.survival).toBeGreaterThan(swarm.scores.survival! + 10);
    expect(swarm.leakedPackets).toBeGreaterThan(3 * hub.leakedPackets);
    expect(hub.corruptDeliveries).toBe(0);
    // Corrupt chunks reach the swarm's peers (a peer is breached); they are caught, at a cost in time.
    expect(swarm.corruptDeliveries + swarm.corruptDiscarded).toBeGreaterThan(0);
    // …and fifty unmanaged computers, each secured and updated on its own, cost more to keep up than
    // the hub's servers and its centrally managed clients.
    expect(hub.scores.cost).toBeGreaterThan(swarm.scores.cost);
    expect(swarm.spending.upkeep).toBeGreaterThan(hub.spending.upkeep + hub.spending.running);
  });

  it("fast humans beat the protocol: routers re-routed at once lose less than the slow autopilot", () => {
    const cutAt = 50;
    const run = (human: boolean) => {
      // The classroom map (two servers), with the ring's R1-R2 link cut.
      const m = match("calm", {
        topology: "hub",
        failures: [{ kind: "link-cut", at: cutAt, duration: 60, target: "R1-R2" }],
      });
      const hub = world(m, "hub");
      const detour: Record<string, string> = { R1: "R6-R1", R2: "R2-R3" };
      if (human)
        for (const id of Object.keys(detour))
          submitIntent(m, { kind: "host" }, { type: "assign", team: "hub", node: id, player: `p-${id}` });
      while (m.tick < cutAt * 10 + 1) stepMatch(m);
      if (human) {
        // The two players at the ends of the cut send everything that used it the other way round the ring.
        const cut = hub.linkIndex.get("R1-R2")!;
        for (const [id, link] of Object.entries(detour)) {
          const router = hub.nodes[hub.idIndex.get(id)!]!;
          for (let d = 0; d < hub.nodes.length; d++) {
            if (router.router!.table[d] !== cut) continue;
            const intent = {
              type: "route" as const,
              team: "hub" as const,
              node: id,
              dest: hub.nodes[d]!.id,
              link,
            };
            expect(submitIntent(m, { kind: "player", id: `p-${id}` }, intent).ok).toBe(true);
          }
        }
      }
      while (m.tick < (cutAt + 15) * 10) stepMatch(m);
      return {
        lost: hub.stats.dropped["link-down"] + hub.stats.dropped["no-route"],
        delivered: usefulBetween(hub, cutAt, cutAt + 15),
      };
    };
    const slow = run(false);
    const fast = run(true);
    expect(slow.lost).toBeGreaterThan(0);
    expect(fast.lost).toBeLessThan(slow.lost / 2);
    expect(fast.delivered).toBeGreaterThan(0);
  });
});
