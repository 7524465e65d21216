/**
 * A class's stored match replays exactly: its scenario, seed and recorded decisions (seats taken and
 * given back, a student away and back, a pause with time added and a kick during it, a live failure)
 * reach the state hash the room's results carry, and every hash the room stored while it ran.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  HASH_EVERY_TICKS,
  HASH_TICK_OFFSET,
  hashDue,
  type MatchResult,
  replayMatch,
  stateHash,
} from "../../shared/index";
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

it("a class with a reconnect, a late joiner, a pause, added time, a live failure and a kick replays to its hashes", async () => {
  // Bob drops at 2 s and is back at 4 s; Cy joins late and takes a bot's seat.
  const { made, host, ann } = await classWithComingsAndGoings(h, 40);
  host.send("host", { type: "trigger", failure: { kind: "link-cut", target: "busiest" } });
  await until(() => stateOf(host).tick >= 60, 10_000, "six seconds");
  // The teacher pauses to explain; meanwhile time is added and Ann is removed; then play goes on.
  host.send("host", { type: "pause" });
  await until(() => stateOf(host).phase === "paused", 5000, "paused");
  const end = stateOf(host).endTick as number;
  host.send("host", { type: "add-time", seconds: 30 });
  host.send("host", { type: "kick", player: ann.sessionId });
  await until(() => stateOf(host).players.size === 2, 5000, "Ann kicked");
  await until(() => stateOf(host).endTick === end + 300, 5000, "time added while paused");
  const pausedAt = stateOf(host).tick as number;
  host.send("host", { type: "resume" });
  await until(() => stateOf(host).tick >= pausedAt + 20, 10_000, "two seconds after the pause");
  expect(stateOf(host).phase).toBe("playing");
  const results = nextMessage<MatchResult>(host, "results", 10_000);
  host.send("host", { type: "end" });
  const shown = await results;

  // The round was checkpointed as interrupted while it ran: the finished record replaces it.
  const stored = await finishedMatch(h.server.url, made.hostKey);
  // The host's link cut hit both networks.
  expect(shown.teams.map((t) => t.failures.map((f) => f.kind))).toEqual([["link-cut"], ["link-cut"]]);
  const intents = stored.result.intents!;
  const kinds = new Set(intents.map((r) => r.intent.type));
  for (const k of ["assign", "autopilot", "add-time", "trigger", "pause", "resume", "end"])
    expect(kinds, k).toContain(k);
  // The pause, the kick and the time added during it, and the resume: one tick, in that order.
  const during = intents
    .filter((r) => r.tick === pausedAt && r.actor.kind === "host")
    .map((r) => r.intent.type);
  expect(during).toEqual(["pause", "add-time", "assign", "resume"]);
  // A hash every five seconds of play, each reached again by the replay.
  const hashes = stored.result.hashes!;
  expect(hashes.map((x) => x.tick)).toEqual(
    Array.from({ length: hashes.length }, (_, i) => i * HASH_EVERY_TICKS + HASH_TICK_OFFSET),
  );
  expect(hashes.length).toBeGreaterThanOrEqual(Math.floor(pausedAt / HASH_EVERY_TICKS));
  const replayed = new Map<number, string>();
  const replay = replayMatch(stored.scenarioDocument, intents, {
    afterStep: (m) => {
      if (hashDue(m.tick)) replayed.set(m.tick, stateHash(m));
    },
  });
  for (const { tick, hash } of hashes) expect(replayed.get(tick), `tick ${tick}`).toBe(hash);
  expect(stateHash(replay)).toBe(shown.stateHash);
  expect(stored.result.stateHash).toBe(shown.stateHash);
  host.leave();
});
