/** A match's results as page sections: the results screen and the results history show the same. */
import {
  competitionWinner,
  debrief,
  type MatchResult,
  type TeamResult,
  TOO_CLOSE_TO_CALL,
  teamName,
} from "../../../shared/index";
import { goodputChart, scoreCard, TEAM_COLOR } from "./chart";
import { CHART_SMOOTH_WORDS } from "./chart-line";
import { h } from "./dom";
import { networksSentence } from "./network-words";
import { places } from "./points-words";

/**
 * Score cards, the goodput chart, the debrief and (unless left out) the leaderboard. `interrupted`:
 * the round stopped before its end (a stored checkpoint), so nobody won; the teams are shown as they
 * stood.
 */
export function resultSections(
  r: MatchResult,
  options: { leaderboard?: boolean; interrupted?: boolean } = {},
): Element[] {
  const board = options.leaderboard ?? true;
  return [
    ...competition(r, options.interrupted ?? false),
    // One network (a solo level, a teacher's one-network round) has nothing to compare with.
    h(
      "h2",
      {},
      r.teams.length > 1 ? "The networks: which way of building it did better here?" : "How the network did",
    ),
    ...(r.teams.length > 1 ? [networks(r)] : []),
    h(
      "div",
      { class: "results-grid" },
      ...r.teams.map((t) => scoreCard(t.team, teamName(t.team), t.scores, teamDetail(t))),
    ),
    h("h2", {}, "Useful data delivered per second"),
    chartLegend(r.teams),
    goodputChart(r.teams),
    h("h2", {}, "What happened, and why"),
    h(
      "ul",
      { class: "lessons", id: "lessons" },
      ...lessons(r).map((l) =>
        h("li", {}, h("b", {}, l.text), " ", h("span", { class: "muted" }, l.concept)),
      ),
    ),
    ...(board ? leaderboards(r) : []),
  ];
}

/**
 * The debrief's lessons; a calm round with no lesson to draw still says what each network did, from
 * its own numbers (files finished, how long a file took, coins spent).
 */
function lessons(r: MatchResult): { text: string; concept: string }[] {
  const found = debrief(r);
  if (found.length) return found;
  return r.teams.map((t) => {
    const took =
      t.medianCompletionSeconds === null ? "" : `, a file took ${Math.round(t.medianCompletionSeconds)} s`;
    return {
      text: `${teamName(t.team)} finished ${t.itemsCompleted} of ${t.itemsWanted} files${took}, and spent ${Math.round(t.coinsSpent)} coins.`,
      concept:
        t.team === "hub"
          ? "Every file came from a server: the faster the server answers, the shorter each wait."
          : "Every file came in pieces from other peers: the more peers share, the faster it spreads.",
    };
  });
}

/**
 * The winner moment is the teams competition (shared/competition.ts): each team against its own
 * autopilot, so the students' play decides and not the architecture they were given. "★ Team Hub
 * wins! ★" and why, in the winner's colour. A round that stopped early names who was ahead then.
 */
function competition(r: MatchResult, interrupted: boolean): Element[] {
  const scored = r.teams.filter((t) => t.againstAutopilot !== null);
  if (scored.length === 0) return [];
  const win = competitionWinner(r.teams);
  const team = win ? r.teams.find((t) => t.team === win)! : null;
  const title =
    scored.length < 2
      ? "How well did your team play?"
      : interrupted
        ? team
          ? `${teamName(team.team)} was ahead when the round stopped`
          : "Level when the round stopped"
        : team
          ? `★\u00a0${teamName(team.team)} wins!\u00a0★` // a star never alone on a line
          : "A draw!";
  const why = scored.map((t) => `${teamName(t.team)} ${againstWords(t.againstAutopilot!)}`).join("; ");
  const close =
    scored.length === 2 && !team && scored[0]!.againstAutopilot !== scored[1]!.againstAutopilot
      ? [
          h(
            "p",
            { id: "too-close" },
            `Within ${TOO_CLOSE_TO_CALL} % of each other is too close to call: one click that changes next to nothing can move a team's score that much.`,
          ),
        ]
      : [];
  return [
    h(
      "div",
      { class: "competition", id: "competition", "data-winner": win ?? "" },
      h(
        "div",
        { class: `winner ${win ?? "draw"}`, id: "winner", role: "status" },
        h("p", { class: "winner-title" }, title),
        h("p", {}, `${why}.`),
        ...close,
      ),
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
            h("span", { class: `pill ${t.team}` }, teamName(t.team)),
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

/** The networks comparison in a sentence (network-words.ts). */
export function networks(r: MatchResult): HTMLElement {
  return h("p", { id: "networks" }, networksSentence(r.teams));
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
        teamName(t.team),
      ),
    ),
    teams.some((t) => t.failures.length > 0)
      ? h("span", {}, h("i", { class: "swatch failure" }), "a failure")
      : null,
    h("span", { class: "muted" }, CHART_SMOOTH_WORDS),
  );
}

/** The line under a team's bars: what it finished, spent and lost. */
function teamDetail(t: TeamResult): string {
  const broken = t.itemsCorrupt ? ` · ${t.itemsCorrupt} opened broken` : "";
  return `${t.itemsCompleted} of ${t.itemsWanted} downloads finished${broken} · ${t.coinsSpent} coins spent · ${t.corruptDeliveries} broken pieces delivered${t.contentLost ? " · a file was LOST" : ""}`;
}

/**
 * The class's players, ranked by what their decisions added to their team's score (ties share a
 * place); the seats the computer played earn nothing and are only counted.
 */
function leaderboards(r: MatchResult): HTMLElement[] {
  const people = r.players.filter((p) => p.holder);
  const bots = r.players.filter((p) => !p.holder).length;
  const out = [h("h2", {}, "Leaderboard")];
  out.push(
    r.pointsPending && people.length
      ? h(
          "p",
          { class: "muted", id: "points-pending" },
          "Counting points: each student's round is being played again without their decisions…",
        )
      : people.length
        ? table("leaderboard", people, (p) => p.holder ?? "")
        : h("p", { class: "muted", id: "leaderboard" }, "No student played this round."),
  );
  out.push(
    h(
      "p",
      { class: "muted", id: "points-rule" },
      `Points: what each student's decisions added to their team's score (one point for each hundredth), found by playing the round again without them. Doing nothing, or something that did not help, scores 0.${bots ? ` The computer played ${bots} ${bots === 1 ? "seat" : "seats"}: they earn no points.` : ""}`,
    ),
  );
  return out;
}

function table(id: string, rows: MatchResult["players"], who: (p: MatchResult["players"][number]) => string) {
  const place = places(rows.map((p) => p.points));
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
        h("td", {}, place[i]!),
        h("td", {}, who(p)),
        h("td", {}, p.label),
        h("td", {}, h("span", { class: `pill ${p.team}` }, p.team)),
        h("td", { class: "num" }, p.points),
      ),
    ),
  );
}
