/**
 * The teams competition, apart from the networks comparison. The networks comparison scores both
 * architectures with one formula: that is the lesson, and an architecture may simply be the better
 * one for a scenario. The competition asks something else: how well did each team run its own
 * network? Each team is measured against its autopilot twin — the same scenario, seed and failures
 * (the host's live ones too, when they started), every seat on autopilot — so the architecture a team
 * was given cancels out and the students' play decides. With bots in every seat both teams score
 * exactly 100.
 *
 * The rules only: the twin itself, which plays the simulation, is in twin.ts (a screen that only
 * words a result does not download the simulation with them).
 */
import type { Architecture } from "./types";

/** A team's standing against its twin: 100 = as well as the autopilot, 118 = 18 % better. */
export function againstAutopilot(total: number, autopilotTotal: number): number {
  return Math.round((100 * total) / Math.max(1, autopilotTotal));
}

/**
 * Teams this close against their autopilots (points of 100) draw. One decision with next to no effect
 * (a client asking its own server again, ten seconds in) moves its team's standing by up to 6 points,
 * as the round's luck falls differently after it. Measured on every classroom failure scenario, seeds
 * 1 to 20, both teams (a peer picking pieces in order for a second in the swarm): by 2 or more in 9 %
 * of rounds, by 4 or more in 2 %, by more than 4 in 2 of 480. So a class a point or two ahead has not
 * shown that it played better. An engaged class still beats an idle one on every seed: by 5 at the
 * least (an engaged hub against an idle swarm in `big-school`, seeds 9 and 20).
 */
export const TOO_CLOSE_TO_CALL = 4;

/**
 * The team that ran its network best against its own autopilot, by more than TOO_CLOSE_TO_CALL;
 * null for a draw (or one team).
 */
export function competitionWinner(
  teams: readonly { team: Architecture; againstAutopilot: number | null }[],
): Architecture | null {
  const scored = teams.filter((t) => t.againstAutopilot !== null);
  if (scored.length < 2) return null;
  const [a, b] = [...scored].sort((x, y) => y.againstAutopilot! - x.againstAutopilot!);
  return a!.againstAutopilot! - b!.againstAutopilot! > TOO_CLOSE_TO_CALL ? a!.team : null;
}
