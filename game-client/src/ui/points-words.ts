/**
 * A player's points in words (shared/points.ts): what their decisions added to their team's score,
 * one point for each hundredth of a team point. No DOM here, so the words are tested on their own.
 */
import { POINTS_PER_TEAM_POINT, plural, teamName } from "../../../shared/index";

/** The line under the results for one player: what they did and what it was worth. */
export function pointsWords(label: string, team: string, points: number, decisions: number): string {
  if (decisions === 0) return `You (${label}) made no decisions this round: 0 points.`;
  if (points === 0)
    return `You (${label}) made ${plural(decisions, "decision")}, but together they did not raise ${teamName(team)}'s score: 0 points.`;
  const added = (points / POINTS_PER_TEAM_POINT).toFixed(points < 10 ? 2 : 1);
  return `Your decisions on ${label} added ${added} to ${teamName(team)}'s score: ${points} points.`;
}

/** Leaderboard places: ties share a place (100, 100, 40 → 1, 1, 3). `points` ranked high to low. */
export function places(points: readonly number[]): number[] {
  return points.map((p) => 1 + points.filter((q) => q > p).length);
}
