/**
 * The results' networks comparison in words, from the scores themselves: which network scored higher,
 * the part where it was furthest ahead, and the other network's best part. It names networks, not
 * winners: that is the lesson of the scenario, not the students' play.
 */
import type { TeamResult } from "../../../shared/index";

type Part = "speed" | "cost" | "survival";

const PART_WORDS: Record<Part, string> = {
  speed: "delivered data faster",
  cost: "spent fewer coins",
  survival: "kept going better when things broke",
};

type Scored = Pick<TeamResult, "team" | "scores" | "coinsSpent">;

export function networksSentence(teams: readonly Scored[]): string {
  const [a, b] = [...teams].sort((x, y) => y.scores.total - x.scores.total);
  const net = (t: Scored) => `The ${t.team} network`;
  if (!a || !b || a.scores.total === b.scores.total) return `Both networks scored ${a?.scores.total ?? 0}.`;
  const parts = (["speed", "cost", "survival"] as const).filter(
    (p) => a.scores[p] !== null && b.scores[p] !== null,
  );
  const gap = (p: Part) => a.scores[p]! - b.scores[p]!;
  const best = [...parts].sort((x, y) => gap(y) - gap(x))[0];
  const theirs = [...parts].sort((x, y) => gap(x) - gap(y))[0];
  return [
    `${net(a)} scored higher, ${a.scores.total} to ${b.scores.total}.`,
    best && gap(best) > 0 ? ` It ${PART_WORDS[best]}: ${figures(best, a, b)}.` : "",
    theirs && gap(theirs) < 0 ? ` ${net(b)} ${PART_WORDS[theirs]} (${figures(theirs, b, a)}).` : "",
  ].join("");
}

/**
 * What shows a part, the first team's figure first: the coins themselves for cost ("430 coins against
 * 934"), where the scores ("cost 83 against 63") read as more spent by the team that spent less; the
 * scores for speed and survival, where higher reads as better.
 */
function figures(part: Part, x: Scored, y: Scored): string {
  if (part === "cost") return `${Math.round(x.coinsSpent)} coins against ${Math.round(y.coinsSpent)}`;
  return `${part} ${x.scores[part]} against ${y.scores[part]}`;
}
