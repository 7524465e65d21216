/**
 * A running round is stored every few seconds as interrupted (what Past classes shows if the server
 * dies without warning); its end replaces that record with the finished one, never the other way.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { CHECKPOINT_SECONDS } from "../../game-server/src/rooms/MatchRoom";
import type { MatchResult, StoredMatch } from "../../shared/index";
import { boot, type Harness, nextMessage, pastClasses, quiet, stateOf, until } from "./harness";

let h: Harness;
beforeAll(async () => {
  // Two checkpoints are ten seconds of play: five times as fast as in class, the same ticks.
  h = await boot("memory://", 100, { timeScale: 5 });
});
afterAll(async () => {
  await h.server.close();
});

it("a running class is in Past classes as interrupted with its scores so far, then as finished", async () => {
  const made = await h.createClass({ scenario: "server-crash" });
  const c = h.client();
  const host = quiet(await c.joinById(made.code, { hostKey: made.hostKey }));
  const ann = quiet(await c.joinById(made.code, { nickname: "Ann" }));
  await until(() => stateOf(host).players.size === 1, 5000, "Ann seated");
  expect(await pastClasses(h.server.url, made.hostKey)).toEqual([]); // nothing before the round starts
  host.send("host", { type: "start" });
  await until(() => stateOf(ann).tick >= 2 * CHECKPOINT_SECONDS * 10 + 5, 20_000, "two checkpoints");
  const running = await pastClasses(h.server.url, made.hostKey);
  expect(running).toHaveLength(1);
  expect(running[0]).toMatchObject({ status: "interrupted", roomCode: made.code, players: 1 });
  expect(running[0]!.seconds).toBeGreaterThanOrEqual(2 * CHECKPOINT_SECONDS);
  // Compared with the live twin as it stood: Past classes can say who was ahead when it stopped.
  const stored = (await (
    await fetch(`${h.server.url}/api/history/${running[0]!.id}`, { headers: { "x-host-key": made.hostKey } })
  ).json()) as StoredMatch;
  for (const t of stored.result.teams) {
    expect(t.againstAutopilot, t.team).not.toBeNull();
    expect(t.autopilotTotal, t.team).toBeGreaterThan(0);
  }

  const results = nextMessage<MatchResult>(ann, "results", 10_000);
  host.send("host", { type: "end" });
  const result = await results;
  await until(
    async () => (await pastClasses(h.server.url, made.hostKey))[0]?.status === "finished",
    5000,
    "the final record",
  );
  const done = await pastClasses(h.server.url, made.hostKey);
  expect(done).toHaveLength(1);
  expect(done[0]!.seconds).toBe(result.seconds);
  expect(done[0]!.teams.map((t) => t.total)).toEqual(result.teams.map((t) => Math.round(t.scores.total)));
  // The list says how each team stood against its autopilot (who won), as the results do.
  expect(done[0]!.teams.map((t) => t.againstAutopilot)).toEqual(result.teams.map((t) => t.againstAutopilot));
  expect(done[0]!.teams.every((t) => t.againstAutopilot !== null)).toBe(true);
}, 40_000);
