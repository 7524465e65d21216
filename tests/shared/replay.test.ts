/**
 * A match replays from its scenario, its seed and its record (every decision of players and the
 * host that took effect), whatever happened in the round: seats taken late and given back, players
 * away while the autopilot covered, time added, failures started by the host.
 */
import { expect, it } from "vitest";
import { applyNow, replayMatch, runMatch, stateHash, stepMatch, submitIntent } from "../../shared/index";
import { match, runUntil } from "./helpers";

it("a round with late joiners, players away, added time and live failures replays to the same hash", () => {
  const m = match("server-crash");
  const host = { kind: "host" } as const;
  applyNow(m, host, { type: "assign", team: "hub", node: "R1", player: "ann" });
  applyNow(m, host, { type: "assign", team: "swarm", node: "S1", player: "bob" });
  runUntil(m, 10);
  submitIntent(
    m,
    { kind: "player", id: "ann" },
    { type: "prioritise", team: "hub", node: "R1", kind: "chunk" },
  );
  applyNow(m, host, { type: "assign", team: "hub", node: "R2", player: "cy" }); // a late joiner
  runUntil(m, 20);
  applyNow(m, { kind: "player", id: "bob" }, { type: "autopilot", team: "swarm", node: "S1", on: true }); // away
  runUntil(m, 30);
  applyNow(m, { kind: "player", id: "bob" }, { type: "autopilot", team: "swarm", node: "S1", on: false }); // back
  submitIntent(m, host, {
    type: "trigger",
    failure: { kind: "link-cut", target: "role:busiest-link", at: 0 },
  });
  applyNow(m, host, { type: "add-time", seconds: 30 });
  runUntil(m, 50);
  applyNow(m, host, { type: "assign", team: "hub", node: "R2", player: null }); // cy leaves
  const hashes = new Map<number, string>();
  while (!m.ended) {
    stepMatch(m);
    if (m.tick % 100 === 0) hashes.set(m.tick, stateHash(m));
  }
  expect(m.record.length).toBeGreaterThanOrEqual(8);
  const again = replayMatch(m.scenario, m.record);
  expect(again.tick).toBe(m.tick);
  expect(stateHash(again)).toBe(stateHash(m));
  // And at every step on the way: a replay stopped anywhere matches the round at that moment.
  for (const tick of [600, 1000, 1500]) {
    const part = replayMatch(m.scenario, m.record, { ticks: tick });
    expect(stateHash(part), `tick ${tick}`).toBe(hashes.get(tick));
  }
  // Without the record it is another match.
  expect(stateHash(runMatch(match("server-crash")))).not.toBe(stateHash(m));
});
