/** A class playing a built-in keeps the built-in's par, however its document was stored. */
import { describe, expect, it } from "vitest";
import { canonicalJson, parFor, withDuration } from "../../game-server/src/app/scenarios";
import { BUILT_IN_SCENARIOS, type Scenario } from "../../shared/index";

/** The same document with every object's keys in reverse order (as jsonb may give it back). */
function reordered<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reordered) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reordered(v)]),
    ) as T;
  return value;
}

describe("par of a stored built-in", () => {
  it("compares documents whatever the order of their keys", () => {
    const calm = BUILT_IN_SCENARIOS.calm!;
    expect(JSON.stringify(reordered(calm))).not.toBe(JSON.stringify(calm));
    expect(canonicalJson(reordered(calm))).toBe(canonicalJson(calm));
    expect(canonicalJson({ ...calm, seed: calm.seed + 1 })).not.toBe(canonicalJson(calm));
  });

  it("a copy read back with its keys reordered, and a shorter round of it, use the original's par", async () => {
    const original = BUILT_IN_SCENARIOS.ddos!;
    const copy: Scenario = reordered(original);
    const shorter = withDuration(copy, 90);
    expect(parFor(copy)).toBe(parFor(original));
    expect(parFor(shorter)).toBe(parFor(original));
    const par = await parFor(original);
    expect(par.goodput).toBeGreaterThan(0);
  });
});
