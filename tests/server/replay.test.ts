/**
 * A class's stored match replays exactly: its scenario, seed and recorded decisions (seats taken and
 * given back, a student away and back, time added, a live failure, a kick) reach the state hash the
 * room's results carry.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { type MatchResult, replayMatch, stateHash } from "../../shared/index";
import {
  boot,
  classWithComingsAndGoings,
  finishedMatch,
  type Harness,
  nextMessage,
  stateOf,
  until,
} from "./harness";

let h: Harness;
beforeAll(async () => {
  // Five times as fast as in class: the same ticks, sooner (the waits below are on ticks).
  h = await boot("memory://", 100, { timeScale: 5 });
});
afterAll(async () => {
  await h.server.close();
});

it("a class with a reconnect, a late joiner, added time, a live failure and a kick replays to its hash", async () => {
  // Bob drops at 2 s and is back at 4 s; Cy joins late and takes a bot's seat.
  const { made, host, ann } = await classWithComingsAndGoings(h, 40);
  host.send("host", { type: "add-time", seconds: 30 });
  host.send("host", { type: "trigger", failure: { kind: "link-cut", target: "busiest" } });
  await until(() => stateOf(host).tick >= 60, 10_000, "six seconds");
  host.send("host", { type: "kick", player: ann.sessionId });
  await until(() => stateOf(host).players.size === 2, 5000, "Ann kicked");
  await until(() => stateOf(host).tick >= 80, 10_000, "eight seconds");
  const results = nextMessage<MatchResult>(host, "results", 10_000);
  host.send("host", { type: "end" });
  const shown = await results;

  // The round was checkpointed as interrupted while it ran: the finished record replaces it.
  const stored = await finishedMatch(h.server.url, made.hostKey);
  // The host's link cut hit both networks.
  expect(shown.teams.map((t) => t.failures.map((f) => f.kind))).toEqual([["link-cut"], ["link-cut"]]);
  const intents = stored.result.intents!;
  const kinds = new Set(intents.map((r) => r.intent.type));
  for (const k of ["assign", "autopilot", "add-time", "trigger", "end"]) expect(kinds, k).toContain(k);
  const replay = replayMatch(stored.scenarioDocument, intents);
  expect(stateHash(replay)).toBe(shown.stateHash);
  expect(stored.result.stateHash).toBe(shown.stateHash);
  host.leave();
});
