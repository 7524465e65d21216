import { describe, expect, it } from "vitest";
import { BUILT_IN_SCENARIOS, createMatch, DROP_REASONS, stepMatch, type World } from "../../shared/index";

/** Counts, independently of the counters, every packet still somewhere in the world. */
function countLive(w: World): number {
  let n = 0;
  for (const node of w.nodes) n += node.queue.length + (node.peer?.awaiting.length ?? 0);
  for (const link of w.links) n += link.inFlight.length;
  return n;
}

describe("conservation: every packet is delivered, dropped with a reason, or still in flight", () => {
  for (const [name, sc] of Object.entries(BUILT_IN_SCENARIOS)) {
    it(`${name}: created = delivered + dropped + in flight, at every tick`, () => {
      const m = createMatch(name === "district" ? { ...sc, duration: 40 } : sc);
      let checks = 0;
      while (!m.ended) {
        stepMatch(m);
        for (const w of m.worlds) {
          const st = w.stats;
          const dropped = DROP_REASONS.reduce((a, r) => a + st.dropped[r], 0);
          if (st.created !== st.delivered + dropped + st.inFlight || st.inFlight !== countLive(w)) {
            throw new Error(
              `${w.team} tick ${m.tick}: created ${st.created}, delivered ${st.delivered}, dropped ${dropped}, ` +
                `in flight ${st.inFlight}, found ${countLive(w)}`,
            );
          }
          checks++;
        }
      }
      expect(checks).toBeGreaterThan(0);
      for (const w of m.worlds) expect(w.stats.created).toBeGreaterThan(100);
    });
  }
});
