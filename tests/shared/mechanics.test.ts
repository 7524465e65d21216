/**
 * Mechanics that teach the right idea (issue 13): a full server refuses cheaply and its clients back
 * off (no livelock).
 */
import { describe, expect, it } from "vitest";
import { BUILT_IN_SCENARIOS, REFUSAL_WORK, runMatch, type Scenario, stepMatch } from "../../shared/index";
import { match, runUntil, world } from "./helpers";

const withUsers = (users: number): Partial<Scenario> => ({
  topology: "hub",
  map: { ...(BUILT_IN_SCENARIOS.calm!.map as object), users } as Scenario["map"],
});

describe("a crowd at a full server", () => {
  it("refusing costs a small fraction of sending a chunk", () => {
    expect(REFUSAL_WORK).toBeLessThanOrEqual(0.1);
  });

  it("400 users on two servers: refused clients back off, and the servers keep delivering (no livelock)", () => {
    const m = runMatch(match("calm", withUsers(400)));
    const hub = world(m, "hub");
    const wanted = hub.users.reduce((n, u) => n + hub.nodes[u]!.user!.wants.length, 0);
    // Before: refusing cost as much as a chunk, and 2 of 4,000 items finished.
    expect(hub.stats.itemsCompleted).toBeGreaterThan(wanted / 10);
    const refused = hub.stats.dropped["server-busy"];
    expect(refused).toBeGreaterThan(0);
    // Each refusal sends the client away for a while: far fewer refusals than requests a timeout loop makes.
    expect(refused).toBeLessThan(3 * hub.users.length * 10);
  });

  it("a refused client sends nothing until its back-off is over", () => {
    const m = match("calm", withUsers(300));
    const hub = world(m, "hub");
    let waiting = -1;
    while (!m.ended && waiting < 0) {
      stepMatch(m);
      waiting = hub.users.find((u) => hub.nodes[u]!.user!.backoffUntil > m.tick + 5) ?? -1;
    }
    expect(waiting).toBeGreaterThanOrEqual(0);
    const u = hub.nodes[waiting]!.user!;
    const asked = u.requestedAt;
    // A late "busy" for an earlier request may lengthen the wait: read it afresh every tick.
    while (m.tick < u.backoffUntil) {
      stepMatch(m);
      if (m.tick < u.backoffUntil) expect(u.requestedAt).toBe(asked);
    }
    const over = m.tick;
    // Then it asks again, unless an earlier request of its own is being served after all.
    runUntil(m, over / 10 + 5);
    expect(Math.max(u.requestedAt, u.lastProgress)).toBeGreaterThanOrEqual(over);
  });
});
