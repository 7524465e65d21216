/**
 * The crossover of the notes, on a few seeds (`npm run crossover` plays 20): a peer-to-peer network is
 * the better choice for a handful of computers, client-server from about fifty.
 */
import { describe, expect, it } from "vitest";
import { aheadOnEverySeed, BUILT_IN_SCENARIOS, measureCrossover, withUsers } from "../../shared/index";

const bigSchool = BUILT_IN_SCENARIOS["big-school"]!;

describe("the crossover (big-school with more and more computers)", () => {
  const points = measureCrossover(bigSchool, [5, 12, 50], 4);

  it("puts the swarm ahead with 5 and with 12 computers, on every seed", () => {
    expect(aheadOnEverySeed(points[0]!), JSON.stringify(points[0])).toBe("swarm");
    expect(aheadOnEverySeed(points[1]!), JSON.stringify(points[1])).toBe("swarm");
  });

  it("puts the hub ahead with 50 computers, on every seed", () => {
    expect(aheadOnEverySeed(points[2]!), JSON.stringify(points[2])).toBe("hub");
  });

  it("gives a bigger school a bigger budget and more cheats", () => {
    const small = withUsers(bigSchool, 5);
    const big = withUsers(bigSchool, 100);
    expect(big.budget).toBeGreaterThan(bigSchool.budget);
    expect(small.budget).toBeLessThan(bigSchool.budget);
    const cheats = (s: typeof small) => s.failures.find((f) => f.kind === "malicious-peer")?.magnitude;
    expect(cheats(small)).toBe(0);
    expect(cheats(big)).toBe(6);
  });
});
