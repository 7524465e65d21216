/**
 * The operator's metrics split a room's simulation time by kind of tick, so a slow p99 can be read
 * against the tick it fell on: the once-a-second tick (scores and link loads), the state hash's, the rest.
 */
import { expect, it } from "vitest";
import { recordSim, snapshot } from "../../game-server/src/ops/metrics";

it("keeps each kind of tick's simulation time apart, and all of them together", () => {
  snapshot(true);
  for (let i = 0; i < 90; i++) recordSim(0.5, 0, 0.5, "other");
  for (let i = 0; i < 9; i++) recordSim(1, 0, 2, "second");
  recordSim(1, 2, 1, "hash");
  const m = snapshot(true);
  expect(m.simByTickMs).toEqual({
    second: { p50: 3, p99: 3 },
    hash: { p50: 4, p99: 4 },
    other: { p50: 1, p99: 1 },
  });
  expect(m.simMs).toEqual({ p50: 1, p99: 4 });
  expect(m.simPartsMs).toEqual({ step: 1, hash: 2, project: 2 });
  // Read once with reset: the next window starts empty.
  expect(snapshot().simByTickMs.second).toEqual({ p50: 0, p99: 0 });
});
