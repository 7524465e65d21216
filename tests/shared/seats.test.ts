/**
 * Seats: every student of a class of 2 to 40 gets a node with decisions to make, and the two teams
 * of a versus match stay within one student of each other, in every built-in scenario.
 */
import { describe, expect, it } from "vitest";
import { assignSeat, BUILT_IN_SCENARIOS, createMatch, isSeat, pickSeat } from "../../shared/index";

describe("seating a class", () => {
  for (const [name, scenario] of Object.entries(BUILT_IN_SCENARIOS)) {
    it(`${name}: classes of 2 to 40 are all seated, teams within one of each other`, () => {
      for (let size = 2; size <= 40; size++) {
        const m = createMatch(scenario);
        for (let s = 0; s < size; s++) {
          const seat = pickSeat(m);
          expect(seat, `${name}: student ${s + 1} of ${size} has no seat`).not.toBeNull();
          expect(assignSeat(m, seat!.team, seat!.node, `p${s}`)).toBe(true);
        }
        const held = m.worlds.map((w) => w.nodes.filter((n) => n.holder !== null).length);
        expect(held.reduce((a, b) => a + b, 0)).toBe(size);
        if (held.length === 2)
          expect(Math.abs(held[0]! - held[1]!), `${name}, ${size} students`).toBeLessThanOrEqual(1);
      }
    });
  }

  it("a hub client is a seat, and the roles fill in turn: servers and seeds, routers, then clients and peers", () => {
    const m = createMatch(BUILT_IN_SCENARIOS.calm!);
    const hub = m.worlds.find((w) => w.team === "hub")!;
    expect(hub.users.every((u) => isSeat(hub.nodes[u]!))).toBe(true);
    const roles: string[] = [];
    for (let s = 0; s < 8; s++) {
      const seat = pickSeat(m)!;
      assignSeat(m, seat.team, seat.node, `p${s}`);
      const w = m.worlds.find((x) => x.team === seat.team)!;
      const n = w.nodes[w.idIndex.get(seat.node)!]!;
      roles.push(`${seat.team}:${n.peer?.seed ? "seed" : n.kind}`);
    }
    // Each team's first student takes the content holder, the next a router, then a user's computer.
    expect(roles.slice(0, 2).sort()).toEqual(["hub:server", "swarm:seed"]);
    expect(roles.filter((r) => r.startsWith("hub:"))).toHaveLength(4);
    expect(roles).toContain("hub:client");
    expect(roles).toContain("swarm:peer");
  });
});
