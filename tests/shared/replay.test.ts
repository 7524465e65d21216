/**
 * A match replays from its scenario, its seed and its record (every decision of players and the
 * host that took effect), whatever happened in the round: seats taken late and given back, players
 * away while the autopilot covered, time added, failures started by the host.
 */
import { expect, it } from "vitest";
import {
  applyNow,
  createMatch,
  hashDue,
  matchResult,
  replayMatch,
  rulesOf,
  runMatch,
  SIM_RULES,
  stateHash,
  stepMatch,
  submitIntent,
} from "../../shared/index";
import { idleSeats, match, runUntil, scenario } from "./helpers";

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

it("a pause, with a late joiner, a leaver and time added during it, replays to the hash of every stored tick", () => {
  const m = match("server-crash");
  const host = { kind: "host" } as const;
  applyNow(m, host, { type: "assign", team: "hub", node: "R1", player: "ann" });
  runUntil(m, 10);
  // Ann decides just before the pause: her decision waits in the queue through it.
  submitIntent(
    m,
    { kind: "player", id: "ann" },
    { type: "prioritise", team: "hub", node: "R1", kind: "chunk" },
  );
  applyNow(m, host, { type: "pause" });
  const pausedAt = m.tick;
  // What happens while the class is paused, as a room does it: at once, and no step.
  applyNow(m, host, { type: "assign", team: "hub", node: "R2", player: "cy" });
  applyNow(m, host, { type: "add-time", seconds: 20 });
  // A match stored now (the server stopped mid-pause) replays to its paused state.
  const storedPaused = stateHash(m);
  const replayedPaused = replayMatch(m.scenario, m.record, { ticks: pausedAt });
  expect(replayedPaused.paused).toBe(true);
  expect(stateHash(replayedPaused)).toBe(storedPaused);
  applyNow(m, host, { type: "assign", team: "hub", node: "R1", player: null }); // Ann leaves
  applyNow(m, host, { type: "resume" });
  const hashes = new Map<number, string>();
  while (!m.ended) {
    stepMatch(m);
    if (hashDue(m.tick)) hashes.set(m.tick, stateHash(m));
  }
  const types = m.record.map((r) => r.intent.type);
  expect(types).toEqual(expect.arrayContaining(["pause", "resume", "add-time"]));
  // Pause and resume are two decisions of one tick: the clock stood still between them.
  const [pause, resume] = ["pause", "resume"].map((t) => m.record.find((r) => r.intent.type === t)!);
  expect([pause!.tick, resume!.tick]).toEqual([pausedAt, pausedAt]);
  // Ann's queued decision was refused after the pause: she had left.
  expect(types).not.toContain("prioritise");
  const checked: number[] = [];
  const again = replayMatch(m.scenario, m.record, {
    afterStep: (r) => {
      const stored = hashes.get(r.tick);
      if (stored === undefined) return;
      checked.push(r.tick);
      expect(stateHash(r), `tick ${r.tick}`).toBe(stored);
    },
  });
  expect(checked.length).toBe(hashes.size);
  expect(stateHash(again)).toBe(stateHash(m));
  // A record without the resume leaves the replay where the class stood: paused, at that tick.
  const noResume = m.record.filter((r) => r.intent.type !== "resume");
  const stuck = replayMatch(m.scenario, noResume);
  expect([stuck.paused, stuck.tick, stuck.ended]).toEqual([true, pausedAt, false]);
});

it("a match replays under the rules it was played under, whatever this version's are", () => {
  // A busy hub where students encrypt their own clients: rules 2 charged the servers for it, rules 1 did not.
  const play = (rules: number) => {
    const m = createMatch(scenario("flash-crowd", { topology: "hub" }), { rules });
    const hub = idleSeats(m).worlds[0]!;
    runUntil(m, 5);
    for (const n of hub.nodes.filter((x) => x.kind === "client"))
      submitIntent(
        m,
        { kind: "player", id: `idle-${n.id}` },
        { type: "encrypt", team: "hub", node: n.id, on: true },
      );
    return runUntil(m, 40);
  };
  const old = play(1);
  const now = play(SIM_RULES);
  expect(matchResult(old).rules).toBe(1);
  expect(matchResult(now).rules).toBe(SIM_RULES);
  expect(stateHash(now)).not.toBe(stateHash(old));
  for (const m of [old, now]) {
    const again = replayMatch(m.scenario, m.record, { rules: m.ctx.rules, ticks: m.tick });
    expect(stateHash(again)).toBe(stateHash(m));
  }
  // A result stored before rules were numbered was played under rules 1.
  expect(rulesOf({})).toBe(1);
  expect(() => createMatch(old.scenario, { rules: SIM_RULES + 1 })).toThrow(/plays rules 1 to/);
});
