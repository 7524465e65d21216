/**
 * The swarm's one central piece (issue 13): a tracker names peers to each other; a peer knows only the
 * peers it was named or that connected to it, and asks only them. While the tracker is down, peers that
 * know each other carry on and a newcomer knows nobody. Peers leave a while after their last download.
 */
import { describe, expect, it } from "vitest";
import { lingerTicks } from "../../shared/bots";
import { heldByPosition } from "../../shared/holders";
import { PEER_VIEW, PEER_VIEW_MAX, stepMatch, submitIntent, TICKS_PER_SECOND } from "../../shared/index";
import { match, node, runUntil, world } from "./helpers";

describe("the tracker", () => {
  it("stands on the swarm's map only, and every peer of a classroom swarm knows every other", () => {
    const m = runUntil(match("calm"), 5);
    const swarm = world(m, "swarm");
    const tracker = node(swarm, "T1");
    expect(tracker.kind).toBe("tracker");
    expect(tracker.label).toBe("Tracker");
    expect(world(m, "hub").idIndex.has("T1")).toBe(false);
    for (const i of swarm.peers) expect(swarm.nodes[i]!.peer!.known.size).toBe(swarm.peers.length - 1);
  });

  it("in a big swarm a peer knows a few dozen peers, and asks only those for chunks", () => {
    const m = match("big-school");
    const swarm = world(m, "swarm");
    const asked: [number, number][] = [];
    while (m.tick < 40 * TICKS_PER_SECOND) {
      stepMatch(m);
      for (const l of swarm.links)
        for (const p of l.inFlight) if (p.kind === "chunk-request") asked.push([p.src, p.dst]);
    }
    expect(asked.length).toBeGreaterThan(100);
    for (const [from, to] of asked) expect(swarm.nodes[from]!.peer!.known.has(to)).toBe(true);
    const sizes = swarm.peers.map((i) => swarm.nodes[i]!.peer!.known.size);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(PEER_VIEW);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(PEER_VIEW_MAX + PEER_VIEW);
    expect(Math.max(...sizes)).toBeLessThan(swarm.peers.length - 1);
  });

  it("what a peer reads of the peers it knows is what they hold, at every tick, as peers leave and disks fail", () => {
    // Counting and choosing read every peer's bits from one block kept beside the swarm (holders.ts):
    // it must never differ from a peer's own, or a peer would ask for what its source no longer has.
    for (const name of ["big-school", "seeds-leave", "disk-failure", "malicious-peer", "flash-crowd"]) {
      const m = match(name);
      const swarm = world(m, "swarm");
      let compared = 0;
      while (!m.ended) {
        stepMatch(m);
        const { bits, items } = heldByPosition(swarm);
        swarm.peers.forEach((index, position) => {
          const have = swarm.nodes[index]!.peer!.have;
          for (let item = 0; item < items; item++)
            if (bits[position * items + item] !== have[item])
              expect.fail(`${name} at tick ${m.tick}: peer ${index} item ${item}`);
          compared += items;
        });
      }
      expect(compared, name).toBeGreaterThan(1000);
      if (name === "seeds-leave") expect(swarm.peersGone, name).toBeGreaterThan(0);
    }
  });

  it("while it is down, a crowd of newcomers knows nobody and gets nothing; once it is back they download", () => {
    const crowd = (trackerDown: boolean) => {
      const m = match("flash-crowd", {
        topology: "swarm",
        failures: [
          { kind: "flash-crowd", at: 10, magnitude: 30 },
          ...(trackerDown ? [{ kind: "crash" as const, at: 5, duration: 40, target: "T1" }] : []),
        ],
      });
      const swarm = world(m, "swarm");
      const before = swarm.users.length;
      runUntil(m, 40);
      const newcomers = swarm.users.slice(before).map((i) => swarm.nodes[i]!);
      const got = () =>
        newcomers.reduce((n, p) => n + p.peer!.have.reduce((a, mask) => a + (mask ? 1 : 0), 0), 0);
      const at40 = { known: newcomers.reduce((n, p) => n + p.peer!.known.size, 0), got: got() };
      runUntil(m, 90);
      return { at40, got90: got(), newcomers: newcomers.length };
    };
    const up = crowd(false);
    const down = crowd(true);
    expect(up.newcomers).toBe(30);
    expect(up.at40.known).toBeGreaterThan(0);
    expect(up.at40.got).toBeGreaterThan(0);
    // Nobody told them about anyone, and nobody told anyone about them.
    expect(down.at40).toEqual({ known: 0, got: 0 });
    expect(down.got90).toBeGreaterThan(0);
  });

  it("peers that knew each other carry on while it is down", () => {
    const m = match("calm", {
      topology: "swarm",
      failures: [{ kind: "crash", at: 1, duration: 120, target: "T1" }],
    });
    runUntil(m, 120);
    expect(world(m, "swarm").stats.itemsCompleted).toBeGreaterThan(20);
  });
});

describe("leaving", () => {
  it("an autopilot peer shares for a while after its last download, then leaves; a student's peer stays", () => {
    const m = match("calm", { topology: "swarm" });
    const swarm = world(m, "swarm");
    const mine = node(swarm, "U1");
    submitIntent(m, { kind: "host" }, { type: "assign", team: "swarm", node: "U1", player: "sam" });
    while (!m.ended) {
      stepMatch(m);
      for (const i of swarm.users) {
        const n = swarm.nodes[i]!;
        const u = n.user!;
        const done = u.current >= u.wants.length;
        if (n.gone) {
          expect(done).toBe(true);
          expect(m.tick).toBeGreaterThanOrEqual(u.wantFrom + lingerTicks(m, n));
        }
      }
    }
    const users = swarm.users.map((i) => swarm.nodes[i]!);
    expect(users.filter((n) => n.gone).length).toBeGreaterThan(2);
    expect(mine.gone).toBe(false);
    expect(mine.user!.current).toBe(mine.user!.wants.length);
  });

  it("an owner shares for 30 s to 2 minutes, the same in every run of the match", () => {
    const m = match("calm");
    const swarm = world(m, "swarm");
    const t = swarm.users.map((i) => lingerTicks(m, swarm.nodes[i]!));
    expect(Math.min(...t)).toBeGreaterThanOrEqual(30 * TICKS_PER_SECOND);
    expect(Math.max(...t)).toBeLessThanOrEqual(120 * TICKS_PER_SECOND);
    expect(new Set(t).size).toBeGreaterThan(1);
    expect(
      swarm.users.map((i) => lingerTicks(match("calm"), world(match("calm"), "swarm").nodes[i]!)),
    ).toEqual(t);
  });
});
