/**
 * The results' networks comparison: which network scored higher and why, in figures a student reads
 * the right way round.
 */
import { describe, expect, it } from "vitest";
import { networksSentence } from "../../game-client/src/ui/network-words";

const team = (t: string, speed: number, cost: number, survival: number | null, coins: number) => ({
  team: t as "hub" | "swarm",
  scores: {
    speed,
    cost,
    survival,
    total: Math.round((speed + cost + (survival ?? 0)) / (survival === null ? 2 : 3)),
  },
  coinsSpent: coins,
});

describe("the networks in a sentence", () => {
  it("a cheaper network is shown by its coins, fewer first, not by a cost score that reads as more", () => {
    const words = networksSentence([team("hub", 83, 63, 66, 934), team("swarm", 63, 83, 84, 430.4)]);
    expect(words).toBe(
      "The swarm network scored higher, 77 to 71. It spent fewer coins: 430 coins against 934. The hub network delivered data faster (speed 83 against 63).",
    );
  });

  it("a faster network is shown by its speed score, and the other's best part by its coins", () => {
    const words = networksSentence([team("swarm", 40, 90, 70, 300), team("hub", 95, 60, 80, 900)]);
    expect(words).toMatch(
      /^The hub network scored higher, 78 to 67\. It delivered data faster: speed 95 against 40\./,
    );
    expect(words).toMatch(/The swarm network spent fewer coins \(300 coins against 900\)\.$/);
  });

  it("equal totals name no network; a part not tested is left out", () => {
    expect(networksSentence([team("hub", 70, 70, 70, 500), team("swarm", 70, 70, 70, 400)])).toBe(
      "Both networks scored 70.",
    );
    const words = networksSentence([team("hub", 90, 50, null, 900), team("swarm", 60, 60, null, 600)]);
    expect(words).not.toMatch(/survival|kept going/);
  });
});
