/** A match's results as page sections: the results screen and the results history show the same. */
import { debrief, type MatchResult, type TeamResult } from "../../../shared/index";
import { goodputChart, scoreCard, TEAM_COLOR } from "./chart";
import { h } from "./dom";

/** Score cards, the goodput chart, the debrief and (unless left out) the leaderboard. */
export function resultSections(r: MatchResult, options: { leaderboard?: boolean } = {}): Element[] {
  const board = options.leaderboard ?? true;
  return [
    ...(r.teams.length > 1 ? [winner(r)] : []),
    h(
      "div",
      { class: "results-grid" },
      ...r.teams.map((t) => scoreCard(t.team, t.name, t.scores, teamDetail(t))),
    ),
    h("h2", {}, "Useful data delivered per second"),
    chartLegend(r.teams),
    goodputChart(r.teams),
    h("h2", {}, "What happened, and why"),
    h(
      "ul",
      { class: "lessons", id: "lessons" },
      ...debrief(r).map((l) =>
        h("li", {}, h("b", {}, l.text), " ", h("span", { class: "muted" }, l.concept)),
      ),
    ),
    ...(board ? leaderboards(r) : []),
  ];
}

const PART_WORDS: Record<"speed" | "cost" | "survival", string> = {
  speed: "delivered data faster",
  cost: "spent fewer coins",
  survival: "kept going better when things broke",
};

/**
 * The winner moment: "Team Swarm wins!" and why, from the scores themselves: the part where the
 * winner was furthest ahead (and the loser's best part, so nobody leaves with nothing).
 */
export function winner(r: MatchResult): HTMLElement {
  const [a, b] = [...r.teams].sort((x, y) => y.scores.total - x.scores.total);
  if (!a || !b || a.scores.total === b.scores.total)
    return h(
      "div",
      { class: "winner draw", id: "winner" },
      h("p", { class: "winner-title" }, "A draw!"),
      h("p", {}, `Both teams scored ${a?.scores.total ?? 0}.`),
    );
  const parts = ["speed", "cost", "survival"] as const;
  const gap = (p: (typeof parts)[number]) => a.scores[p] - b.scores[p];
  const best = [...parts].sort((x, y) => gap(y) - gap(x))[0]!;
  const theirs = [...parts].sort((x, y) => gap(x) - gap(y))[0]!;
  return h(
    "div",
    { class: `winner ${a.team}`, id: "winner", role: "status" },
    h("p", { class: "winner-title" }, `★ ${a.name} wins! ★`),
    h(
      "p",
      {},
      `${a.scores.total} to ${b.scores.total}. `,
      gap(best) > 0
        ? `${a.name} ${PART_WORDS[best]}: ${best} ${a.scores[best]} against ${b.scores[best]}.`
        : "",
      gap(theirs) < 0
        ? ` ${b.name} ${PART_WORDS[theirs]} (${theirs} ${b.scores[theirs]}), but not enough.`
        : "",
    ),
  );
}

/** Which line is which team in the chart: the hub's solid, the swarm's dashed, each in its colour. */
function chartLegend(teams: readonly TeamResult[]): HTMLElement {
  return h(
    "div",
    { class: "chart-legend", id: "chart-legend" },
    ...teams.map((t) =>
      h(
        "span",
        {},
        h("i", {
          class: "swatch",
          style: `border-top: 0.25em ${t.team === "swarm" ? "dashed" : "solid"} ${TEAM_COLOR[t.team] ?? "#0072b2"}`,
        }),
        t.name,
      ),
    ),
    h("span", {}, h("i", { class: "swatch failure" }), "a failure"),
  );
}

/** The line under a team's bars: what it finished, spent and lost. */
function teamDetail(t: TeamResult): string {
  return `${t.itemsCompleted} of ${t.itemsWanted} downloads finished · ${t.coinsSpent} coins spent · ${t.corruptDeliveries} broken pieces delivered${t.contentLost ? " · a file was LOST" : ""}`;
}

/** The class's own players first, ranked; the nodes the computer played apart, for comparison. */
function leaderboards(r: MatchResult): HTMLElement[] {
  const people = r.players.filter((p) => p.holder);
  const bots = r.players.filter((p) => !p.holder).slice(0, 5);
  const out = [h("h2", {}, "Leaderboard")];
  out.push(
    people.length
      ? table("leaderboard", people, (p) => p.holder ?? "")
      : h("p", { class: "muted", id: "leaderboard" }, "No student played this round."),
  );
  if (bots.length) {
    out.push(h("h3", {}, "Played by the computer (for comparison)"));
    out.push(table("bot-board", bots, () => "computer"));
  }
  return out;
}

function table(id: string, rows: MatchResult["players"], who: (p: MatchResult["players"][number]) => string) {
  return h(
    "table",
    { class: "board", id },
    h(
      "tr",
      {},
      h("th", {}, "#"),
      h("th", {}, "player"),
      h("th", {}, "node"),
      h("th", {}, "team"),
      h("th", { class: "num" }, "points"),
    ),
    ...rows.map((p, i) =>
      h(
        "tr",
        {},
        h("td", {}, i + 1),
        h("td", {}, who(p)),
        h("td", {}, p.label),
        h("td", {}, h("span", { class: `pill ${p.team}` }, p.team)),
        h("td", { class: "num" }, p.points),
      ),
    ),
  );
}
