/**
 * The live map in words, for screen readers: your node and how it is, the teams' scores and who leads,
 * and the failures running now. A polite live region announces it, and only when something changed
 * that a listener cares about: your node or the failures at once, scores at most every SCORES_EVERY_MS
 * (a score that moves each second would otherwise talk over everything).
 */
import { effectWords, type MatchView, type NodeView } from "../../../shared/index";
import { h } from "./dom";
import { isCompetition, leadOf, leadTeams, standingWords } from "./lead-words";

const SCORES_EVERY_MS = 20_000;

export interface Summary {
  element: HTMLElement;
  update(state: MatchView, me: NodeView | undefined): void;
}

function nodeWords(n: NodeView, state: MatchView, team: string): string {
  const status = n.gone
    ? "has left the network"
    : n.down
      ? "is down"
      : n.breached
        ? "is hacked"
        : n.diskFailed
          ? "has lost its files"
          : "is up";
  const links = [...(state.teams.get(team)?.links.values() ?? [])].filter(
    (l) => (l.a === n.id || l.b === n.id) && !l.up,
  );
  const cut = links.length
    ? ` ${links.length === 1 ? "One of your links is" : `${links.length} of your links are`} down.`
    : "";
  // Said once as a wait starts, not each second it goes on (the panel counts them).
  const waiting = n.waitingSince >= 0 && !n.gone && !n.down ? " It is waiting for its file." : "";
  return `You are ${n.label}: it ${status}.${cut}${waiting}`;
}

function failureWords(state: MatchView): string {
  const now = [...state.failures.values()].filter((f) => f.end === 0 || f.end > state.tick);
  if (!now.length) return "No failures now.";
  const notes = [...new Set(now.map((f) => effectWords(f).join(", ") || f.kind))];
  return `Failures now: ${notes.join("; ")}.`;
}

function scoreWords(state: MatchView, me: NodeView | undefined): string {
  const teams = leadTeams(state.teams);
  const race = isCompetition(teams);
  const scores = teams
    .map((t) =>
      race ? `${t.name} ${standingWords(t.standing)} against its autopilot` : `${t.name} ${t.total}`,
    )
    .join(", ");
  const found = leadOf(teams, state.mode !== "solo");
  const lead = found ? ` ${found.text}.` : "";
  const player = me && [...state.players.values()].find((p) => p.node === me.id);
  const points = player ? ` Your decisions so far: ${player.decisions}.` : "";
  return `Scores: ${scores}.${lead}${points}`;
}

export function liveSummary(): Summary {
  const element = h("div", {
    id: "map-summary",
    class: "visually-hidden",
    role: "status",
    "aria-live": "polite",
  });
  let facts = "";
  let scores = "";
  let scoresAt = -Infinity;
  return {
    element,
    update(state, me) {
      const team = [...state.teams].find(([, t]) => me && t.nodes.get(me.id) === me)?.[0] ?? "";
      const nextFacts = `${me ? `${nodeWords(me, state, team)} ` : ""}${failureWords(state)}`;
      const now = performance.now();
      const nextScores = scoreWords(state, me);
      const factsChanged = nextFacts !== facts;
      if (!factsChanged && (nextScores === scores || now - scoresAt < SCORES_EVERY_MS)) return;
      facts = nextFacts;
      scores = nextScores;
      scoresAt = now;
      element.textContent = `${facts} ${scores}`;
    },
  };
}
