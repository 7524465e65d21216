/** A match's results as page sections: the results screen and the results history show the same. */
import { debrief, type MatchResult, type TeamResult } from "../../../shared/index";
import { goodputChart, scoreCard } from "./chart";
import { h } from "./dom";

/** Score cards, the goodput chart, the debrief and (unless left out) the leaderboard. */
export function resultSections(r: MatchResult, options: { leaderboard?: boolean } = {}): Element[] {
  const board = options.leaderboard ?? true;
  return [
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

/** The line under a team's bars: what it finished, spent and lost. */
function teamDetail(t: TeamResult): string {
  return `${t.itemsCompleted} of ${t.itemsWanted} downloads finished · ${t.coinsSpent} coins spent · ${t.corruptDeliveries} corrupt chunks${t.contentLost ? " · data LOST" : ""}`;
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
