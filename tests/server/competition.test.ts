/**
 * A class's results carry both comparisons: the networks (one formula for both architectures) and the
 * teams competition (each team against its autopilot twin, the host's live failures included).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { MatchResult } from "../../shared/index";
import { boot, type Harness, nextMessage, quiet, stateOf, until } from "./harness";

let h: Harness;
beforeAll(async () => {
  // Five times as fast as in class: the same ticks, sooner.
  h = await boot("memory://", 100, { timeScale: 5 });
});
afterAll(async () => {
  await h.server.close();
});

it("a class of bots matches its autopilot exactly, even with a failure the host started", async () => {
  const made = await h.createClass({ scenario: "calm" });
  const host = quiet(await h.client().joinById(made.code, { hostKey: made.hostKey }));
  host.send("host", { type: "start" });
  await until(() => stateOf(host).phase === "playing" && stateOf(host).tick >= 10, 10_000, "playing");
  host.send("host", { type: "trigger", failure: { kind: "crash", target: "role:source" } });
  await until(() => stateOf(host).tick >= 30, 10_000, "two more seconds");
  const results = nextMessage<MatchResult>(host, "results", 10_000);
  host.send("host", { type: "end" });
  const r = await results;
  expect(r.teams.map((t) => t.failures.length)).toEqual([1, 1]);
  for (const t of r.teams) {
    expect(t.autopilotTotal, t.team).toBe(t.scores.total);
    expect(t.againstAutopilot, t.team).toBe(100);
  }
  host.leave();
});
