/**
 * The results chart of useful data per second: delivery comes in bursts (a file's pieces within a
 * second, then a wait), so each point is the average of the seconds around it. A steady team draws a
 * level line, and a failure that stops a team draws a dip to zero that a class can see.
 */
import { describe, expect, it } from "vitest";
import { CHART_SMOOTH_SECONDS, rollingMean } from "../../game-client/src/ui/chart-line";
import { BUILT_IN_SCENARIOS, createMatch, runMatch } from "../../shared/index";

/** How far a line swings: its highest point against its lowest, over the seconds given. */
const swing = (line: readonly number[], from: number, to: number) =>
  Math.max(...line.slice(from, to)) - Math.min(...line.slice(from, to));

describe("the goodput chart's line", () => {
  it("draws a team that finishes a file every other second as a level line, not a saw", () => {
    const bursts = Array.from({ length: 60 }, (_, i) => (i % 2 ? 20 : 0));
    const line = rollingMean(bursts);
    expect(swing(bursts, 2, 58)).toBe(20);
    // Inside the round every point averages five seconds: two or three bursts of 20.
    expect(swing(line, 2, 58)).toBeLessThanOrEqual(20 / CHART_SMOOTH_SECONDS);
    for (const v of line.slice(2, 58)) expect(v).toBeCloseTo(10, -1);
  });

  it("shows a 20-second outage as a dip to zero, and the delivery either side of it", () => {
    const steady = Array.from({ length: 90 }, (_, i) => (i >= 40 && i < 60 ? 0 : i % 2 ? 20 : 0));
    const line = rollingMean(steady);
    for (const v of line.slice(42, 58)) expect(v).toBe(0);
    for (const v of [...line.slice(2, 38), ...line.slice(62, 88)]) expect(v).toBeGreaterThanOrEqual(8);
  });

  it("averages over fewer seconds at the ends of the round, and keeps every second", () => {
    const line = rollingMean([10, 0, 0, 0, 0, 0, 30]);
    const expected = [10 / 3, 10 / 4, 2, 0, 6, 30 / 4, 10];
    expect(line).toHaveLength(expected.length);
    for (const [i, v] of expected.entries()) expect(line[i]).toBeCloseTo(v, 9);
    expect(rollingMean([])).toEqual([]);
    expect(rollingMean([7])).toEqual([7]);
  });

  /** How jagged a line looks: its mean change from one second to the next. */
  const jag = (line: readonly number[]) =>
    line.slice(1).reduce((sum, v, i) => sum + Math.abs(v - line[i]!), 0) / Math.max(1, line.length - 1);

  it("smooths a real calm hub (files fetched from the origin in bursts) to a third of its jaggedness", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const m = runMatch(createMatch({ ...BUILT_IN_SCENARIOS.calm!, seed }));
      const hub = m.worlds.find((w) => w.team === "hub")!.stats.goodput;
      // Second by second, most seconds of the round deliver nothing and the others a whole file.
      expect(hub.filter((v) => v === 0).length).toBeGreaterThan(hub.length / 3);
      expect(jag(rollingMean(hub))).toBeLessThan(jag(hub) / 3);
    }
  });

  it("keeps a crash plain: zero while the only server is down, above zero before it", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const m = runMatch(createMatch({ ...BUILT_IN_SCENARIOS["server-crash"]!, seed }));
      const hub = m.worlds.find((w) => w.team === "hub")!.stats.goodput;
      const line = rollingMean(hub);
      const crash = Math.floor(m.scenario.failures.find((f) => f.kind === "crash")!.at);
      // The outage as the team saw it: from the first second without a piece after the crash to the
      // next piece (the autopilot restarts the server before the failure's window ends).
      const gone = hub.findIndex((v, i) => i >= crash && v === 0);
      const back = hub.findIndex((v, i) => i > gone && v > 0);
      expect(back - gone).toBeGreaterThan(15);
      const half = Math.floor(CHART_SMOOTH_SECONDS / 2);
      expect(Math.max(...line.slice(gone + half, back - half))).toBe(0);
      expect(Math.min(...line.slice(10, crash - half))).toBeGreaterThan(0);
    }
  });
});
