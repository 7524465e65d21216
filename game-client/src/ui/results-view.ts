/** A match's results as page sections: the results screen and the results history show the same. */
import { competitionWinner, debrief, type MatchResult, type TeamResult } from "../../../shared/index";
import { goodputChart, scoreCard } from "./chart";
import { h } from "./dom";

/** Score cards, the goodput chart, the debrief and (unless left out) the leaderboard. */
export function resultSections(r: MatchResult, options: { leaderboard?: boolean } = {}): Element[] {
  const board = options.leaderboard ?? true;
  return [
    ...competition(r),
    h("h2", {}, "The networks: which way of building it did better here?"),
    h(
      "div",
      { class: "results-grid" },
      ...r.teams.map((t) => scoreCard(t.team, t.name, t.scores, teamDetail(t))),
    ),
    h("h2", {}, "Useful data delivered per second"),
    goodputChart(r.teams),
    h("h2", {}, "What happened, and why"),
    h(
      "ul",
      { class: "lessons", id: "lessons" },
      ...debrief(r).map((l) =>
        h("li", {}, h("b", {}, l.text), " ", h("span", { class: "muted" }, l.concept)),
      ),
    ),
    ...(board ? [h("h2", {}, "Leaderboard"), leaderboard(r)] : []),
  ];
}

/**
 * The teams competition (shared/competition.ts), before the networks comparison: each team against
 * its own autopilot, so the students' play decides and not the architecture they were given.
 */
function competition(r: MatchResult): Element[] {
  const scored = r.teams.filter((t) => t.againstAutopilot !== null);
  if (scored.length === 0) return [];
  const winner = competitionWinner(r.teams);
  const name = (team: string) => r.teams.find((t) => t.team === team)!.name;
  const headline =
    scored.length < 2 ? "How well did your team play?" : winner ? `${name(winner)} wins!` : "It's a draw!";
  return [
    h(
      "div",
      { class: "competition", id: "competition", "data-winner": winner ?? "" },
      h("h2", { class: "winner" }, headline),
      h(
        "p",
        { class: "muted" },
        "Each team is compared with its autopilot: the same network and the same failures, with the computer making every decision.",
      ),
      h(
        "ul",
        {},
        ...scored.map((t) =>
          h(
            "li",
            { "data-team": t.team },
            h("span", { class: `pill ${t.team}` }, t.name),
            " ",
            againstWords(t.againstAutopilot!),
            h("span", { class: "muted" }, ` (total ${t.scores.total}, autopilot ${t.autopilotTotal})`),
          ),
        ),
      ),
    ),
  ];
}

/** "beat its autopilot by 18 %", "did 5 % worse than its autopilot", "played as well as its autopilot". */
export function againstWords(score: number): string {
  if (score > 100) return `beat its autopilot by ${score - 100} %`;
  if (score < 100) return `did ${100 - score} % worse than its autopilot`;
  return "played exactly as well as its autopilot";
}

/** The line under a team's bars: what it finished, spent and lost. */
function teamDetail(t: TeamResult): string {
  const broken = t.itemsCorrupt ? ` · ${t.itemsCorrupt} broken (corrupt)` : "";
  return `${t.itemsCompleted} of ${t.itemsWanted} downloads finished${broken} · ${t.coinsSpent} coins spent · ${t.corruptDeliveries} corrupt chunks${t.contentLost ? " · data LOST" : ""}`;
}

function leaderboard(r: MatchResult): HTMLElement {
  const top = r.players.slice(0, 12);
  return h(
    "table",
    { class: "board", id: "leaderboard" },
    h(
      "tr",
      {},
      h("th", {}, "#"),
      h("th", {}, "player"),
      h("th", {}, "node"),
      h("th", {}, "team"),
      h("th", { class: "num" }, "points"),
    ),
    ...top.map((p, i) =>
      h(
        "tr",
        {},
        h("td", {}, i + 1),
        h("td", {}, p.holder ?? "bot"),
        h("td", {}, p.label),
        h("td", {}, h("span", { class: `pill ${p.team}` }, p.team)),
        h("td", { class: "num" }, p.points),
      ),
    ),
  );
}
