/**
 * The replay a viewer plays: the stored match's moments (each failure, each player's decisions, the
 * debrief line of a moment) and the match stepped and jumped through, shown as the class saw it.
 */
import { expect, it } from "vitest";
import {
  applyNow,
  autopilotTwin,
  computePar,
  debrief,
  failureMoments,
  lessonAt,
  matchResult,
  PLAIN_VIEWS,
  playerDecisions,
  ReplayPlayer,
  replayMatch,
  runMatch,
  stateHash,
  submitIntent,
} from "../../shared/index";
import { idleSeats, match, runUntil } from "./helpers";

function playedClass() {
  const m = match("server-crash", { topology: "versus", duration: 90 });
  const host = { kind: "host" } as const;
  applyNow(m, host, { type: "assign", team: "hub", node: "R1", player: "ann" });
  runUntil(m, 5);
  submitIntent(
    m,
    { kind: "player", id: "ann" },
    { type: "prioritise", team: "hub", node: "R1", kind: "chunk" },
  );
  runUntil(m, 8);
  applyNow(m, { kind: "player", id: "ann" }, { type: "autopilot", team: "hub", node: "R1", on: true }); // dropped
  runUntil(m, 15);
  submitIntent(m, host, {
    type: "trigger",
    failure: { kind: "link-cut", target: "busiest", duration: 10, at: 0 },
  });
  runMatch(m);
  const par = computePar(m.scenario);
  return { m, par, result: { ...matchResult(m, par), intents: m.record } };
}

it("lists each failure once, each player's own decisions, and the debrief line of a moment", () => {
  const { result } = playedClass();
  const failures = failureMoments(result);
  expect(failures.map((f) => [f.kind, f.tick])).toEqual([
    ["link-cut", 150],
    ["exploit", 300], // the scenario's own: a security hole at 0:30, and a crash at 1:00
    ["crash", 600],
  ]);
  // Both teams' records of the cut, together.
  expect(failures[0]!.notes.map((n) => n.team)).toEqual(["hub", "swarm"]);
  // Ann's decision, not the hand-over the room made when she dropped.
  const ann = playerDecisions(result.intents!).get("ann")!;
  expect(ann.map((d) => [d.tick, d.intent.type])).toEqual([[50, "prioritise"]]);
  const lessons = debrief(result);
  expect(lessonAt(lessons, 10)).toBeNull();
  expect(lessonAt(lessons, 16)?.text).toMatch(/^At 0:15: /);
  expect(lessonAt(lessons, 29)?.text).toMatch(/^At 0:15: /);
  expect(lessonAt(lessons, 59)?.text).toMatch(/^At 0:30: A security hole/);
  expect(lessonAt(lessons, 61)?.text).toMatch(/^At 1:00: /);
});

it("plays to the class's own scores, and a jump back shows the moment as it was", () => {
  const { m, par, result } = playedClass();
  const player = new ReplayPlayer(
    m.scenario,
    m.record,
    par,
    m.tick,
    (id) => (id === "ann" ? "Ann" : "?"),
    m.ctx.rules,
  );
  // The lobby's seats are there before the first tick.
  expect(player.view.teams.get("hub")!.nodes.get("R1")!.holder).toBe("Ann");
  let crossings = 0;
  for (let t = 0; t < 30; t++) crossings += [...player.step()!.values()].reduce((a, c) => a + c.length, 0);
  expect(crossings).toBeGreaterThan(0);
  player.seek(m.tick);
  expect(player.atEnd).toBe(true);
  expect(player.step()).toBeNull();
  for (const t of result.teams) expect(player.view.teams.get(t.team)!.total, t.team).toBe(t.scores.total);
  // Back to the cut, mid-second: the link is drawn down at once.
  player.seek(151);
  const cut = result.teams[0]!.failures[0]!.target;
  expect(player.view.teams.get("hub")!.links.get(cut)!.up).toBe(false);
  expect(player.view.tick).toBe(151);
  // The same match as a fresh replay to that tick.
  const fresh = replayMatch(m.scenario, m.record, { ticks: 151 });
  expect(stateHash((player as unknown as { replay: { match: typeof m } }).replay.match)).toBe(
    stateHash(fresh),
  );
  // And plain view objects have every field the server's state has.
  expect(Object.keys(PLAIN_VIEWS.node()).length).toBeGreaterThan(30);
});

it("a jump shows every link's load as playing there tick by tick does", () => {
  const { m, par } = playedClass();
  const open = () => new ReplayPlayer(m.scenario, m.record, par, m.tick, () => "?", m.ctx.rules);
  const loads = (p: ReplayPlayer) =>
    [...p.view.teams.values()].flatMap((t) => [...t.links.values()].map((l) => `${l.id}:${l.utilisation}`));
  const played = open();
  const jumped = open();
  let busy = 0;
  // On a whole second and between seconds, forward and back.
  for (const target of [120, 257, 300, 90]) {
    if (target < played.tick) {
      const again = open();
      while (again.tick < target) again.step();
      jumped.seek(target);
      expect(loads(jumped), `back to ${target}`).toEqual(loads(again));
      continue;
    }
    while (played.tick < target) played.step();
    jumped.seek(target);
    expect(loads(jumped), `to ${target}`).toEqual(loads(played));
    busy += loads(played).filter((x) => !x.endsWith(":0")).length;
  }
  expect(busy).toBeGreaterThan(10);
});

it("a class's replay shows each team against its autopilot as the room did, ending where the results do", () => {
  // A class that never acts, and the host's link cut at 15 s (the twin is made again there).
  const m = idleSeats(match("server-crash", { topology: "versus", duration: 90 }));
  runUntil(m, 15);
  submitIntent(
    m,
    { kind: "host" },
    {
      type: "trigger",
      failure: { kind: "link-cut", target: "busiest", duration: 10, at: 0 },
    },
  );
  runMatch(m);
  const par = computePar(m.scenario);
  const r = matchResult(m, par, runMatch(autopilotTwin(m)));
  const open = (compared: boolean) =>
    new ReplayPlayer(m.scenario, m.record, par, m.tick, () => "?", m.ctx.rules, compared);
  const player = open(true);
  // Level until the first failure.
  player.seek(40);
  expect([...player.view.teams.values()].map((t) => t.standing)).toEqual([100, 100]);
  player.seek(m.tick);
  for (const t of r.teams) expect(player.view.teams.get(t.team)!.standing, t.team).toBe(t.againstAutopilot);
  expect(r.teams.find((t) => t.team === "hub")!.againstAutopilot).toBeLessThan(100);
  // Back, then forward again: the same standing.
  player.seek(200);
  player.seek(m.tick);
  for (const t of r.teams) expect(player.view.teams.get(t.team)!.standing, t.team).toBe(t.againstAutopilot);
  // A match that was not compared (a solo level's) carries none.
  const plain = open(false);
  plain.seek(m.tick);
  expect([...plain.view.teams.values()].map((t) => t.standing)).toEqual([-1, -1]);
});
