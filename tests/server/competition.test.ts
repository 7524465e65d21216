/**
 * A class's results carry both comparisons: the networks (one formula for both architectures) and the
 * teams competition (each team against its autopilot twin, the host's live failures included).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { MatchResult } from "../../shared/index";
import { boot, type Harness, nextMessage, pastClasses, quiet, stateOf, until } from "./harness";

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

it("the top bar's standing: a class of bots stays level with its autopilot, through a host's failure", async () => {
  const made = await h.createClass({ scenario: "calm" });
  const host = quiet(await h.client().joinById(made.code, { hostKey: made.hostKey }));
  const standing = () => [...stateOf(host).teams.values()].map((t) => t.standing);
  await until(() => stateOf(host).teams?.size === 2, 5000, "both teams");
  host.send("host", { type: "start" });
  await until(() => stateOf(host).tick >= 20, 10_000, "two seconds");
  expect(standing()).toEqual([100, 100]);
  // The twin is made again with the crash at the tick it started, and catches up: still level.
  host.send("host", { type: "trigger", failure: { kind: "crash", target: "role:source" } });
  await until(() => stateOf(host).tick >= 80, 20_000, "six more seconds");
  expect(stateOf(host).failures.size).toBe(1);
  expect(standing()).toEqual([100, 100]);
  host.leave();
});

it("a solo level has no autopilot standing", async () => {
  const room = quiet(await h.client().create("solo", { level: "ask-and-answer", nickname: "Ada" }));
  await until(() => stateOf(room).players.size === 1, 3000, "seated");
  room.send("host", { type: "start" });
  await until(() => stateOf(room).tick >= 20, 10_000, "two seconds");
  expect([...stateOf(room).teams.values()].map((t) => t.standing)).toEqual([-1]);
  room.leave();
});

it("a district class has its standing too, its twin stepped between ticks", async () => {
  const made = await h.createClass({ scenario: "district" });
  const host = quiet(await h.client().joinById(made.code, { hostKey: made.hostKey }));
  await until(() => stateOf(host).teams?.size === 2, 5000, "both teams");
  host.send("host", { type: "start" });
  await until(() => stateOf(host).tick >= 35, 20_000, "three seconds and a half");
  expect([...stateOf(host).teams.values()].map((t) => t.standing)).toEqual([100, 100]);
  // Its checkpoint (every 5 s) waits for the twin's step, so the stored round says who was ahead.
  await until(() => stateOf(host).tick >= 55, 20_000, "the first checkpoint");
  const [running] = await pastClasses(h.server.url, made.hostKey);
  expect(running?.status).toBe("interrupted");
  expect(running!.teams.map((t) => t.againstAutopilot)).toEqual([100, 100]);
  host.leave();
});
