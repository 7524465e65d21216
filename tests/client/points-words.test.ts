/** A player's points in words, and leaderboard places where ties share a place. */
import { describe, expect, it } from "vitest";
import { places, pointsWords } from "../../game-client/src/ui/points-words";

describe("points in words", () => {
  it("says what the decisions added, in team points, or why there are none", () => {
    expect(pointsWords("S1", "hub", 680, 3)).toBe(
      "Your decisions on S1 added 6.8 to Team Hub's score: 680 points.",
    );
    expect(pointsWords("P4", "swarm", 7, 1)).toBe(
      "Your decisions on P4 added 0.07 to Team Swarm's score: 7 points.",
    );
    expect(pointsWords("R2", "hub", 0, 0)).toBe("You (R2) made no decisions this round: 0 points.");
    expect(pointsWords("R2", "hub", 0, 1)).toBe(
      "You (R2) made 1 decision, but together they did not raise Team Hub's score: 0 points.",
    );
  });

  it("ranks ties together: the next player after a tie takes the place after all of them", () => {
    expect(places([900, 120, 120, 0, 0, 0])).toEqual([1, 2, 2, 4, 4, 4]);
    expect(places([0, 0])).toEqual([1, 1]);
    expect(places([])).toEqual([]);
  });
});
