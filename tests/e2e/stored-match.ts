/**
 * A finished class match stored straight into a running server's database, as a room would have
 * filed it: two students (Ann on the hub's Router 1, Bob on a swarm peer) each decide, the host cuts a
 * link at 20 s, and the scenario's own security hole and crash happen on schedule. What the replay
 * viewer's tests open.
 */
import type { RunningServer } from "../../game-server/src/server";
import {
  applyNow,
  autopilotTwin,
  BUILT_IN_SCENARIOS,
  computePar,
  createMatch,
  type MatchResult,
  matchResult,
  runMatch,
  type Scenario,
  stepMatch,
  submitIntent,
} from "../../shared/index";

export interface StoredClass {
  id: string;
  hostKey: string;
  result: MatchResult;
  scenario: Scenario;
}

/**
 * `as` files it under another id, as if played under other rules (a newer version's: what an old
 * page cannot replay).
 */
export async function storeClassMatch(
  server: RunningServer,
  hostKey: string,
  as: { id: string; rules: number } = { id: "replayTest01", rules: 0 },
): Promise<StoredClass> {
  const scenario: Scenario = { ...BUILT_IN_SCENARIOS["server-crash"]!, topology: "versus", duration: 90 };
  const m = createMatch(scenario);
  const host = { kind: "host" } as const;
  const bob = m.worlds[1]!.nodes.find((n) => n.kind === "peer" && !n.peer?.seed)!.id;
  applyNow(m, host, { type: "assign", team: "hub", node: "R1", player: "p-ann" });
  applyNow(m, host, { type: "assign", team: "swarm", node: bob, player: "p-bob" });
  const until = (s: number) => {
    while (m.tick < s * 10) stepMatch(m);
  };
  until(6);
  submitIntent(
    m,
    { kind: "player", id: "p-ann" },
    { type: "prioritise", team: "hub", node: "R1", kind: "chunk" },
  );
  until(9);
  submitIntent(
    m,
    { kind: "player", id: "p-bob" },
    { type: "strategy", team: "swarm", node: bob, strategy: "sequential" },
  );
  until(20);
  submitIntent(m, host, {
    type: "trigger",
    failure: { kind: "link-cut", target: "busiest", duration: 15, at: 0 },
  });
  runMatch(m);
  const decided = m.record.filter((r) => r.actor.kind === "player").map((r) => r.intent.type);
  if (decided.join() !== "prioritise,strategy")
    throw new Error(`the students' decisions were refused: ${decided}`);
  // A class keeps the par of the built-in it plays (rooms/scenarios.ts parFor).
  const par = computePar(BUILT_IN_SCENARIOS["server-crash"]!);
  const names = { "p-ann": "Ann", "p-bob": "Bob" };
  // Compared with its autopilot twin, as a classroom's results are.
  const twin = runMatch(autopilotTwin(m));
  const result: MatchResult = { ...matchResult(m, par, twin), intents: m.record.slice(), hashes: [], names };
  if (as.rules) result.rules = as.rules;
  for (const p of result.players) if (p.holder) p.holder = names[p.holder as keyof typeof names] ?? p.holder;
  const { id } = as;
  await server.store.matches.record({
    id,
    hostKey,
    roomCode: "RPLAY",
    mode: "versus",
    scenario,
    scenarioCode: null,
    status: "finished",
    result,
    events: m.log.filter((e) => e.event.code !== "refused"),
  });
  return { id, hostKey, result, scenario };
}
