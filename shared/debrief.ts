/**
 * The debrief: lessons written from a match's own numbers, each tied to a concept of DESIGN.md §2.
 * Pure: a function of the results.
 */

import type { MatchResult, TeamResult } from "./results";
import type { FailureKind } from "./scenario";

export interface Lesson {
  concept: string;
  text: string;
}

/** The idea each failure kind shows, in a sentence. */
const CONCEPT: Record<FailureKind, string> = {
  crash: "A single server is a single point of failure; in a swarm the data lives on many peers.",
  "disk-failure": "Backups are central control at work: a server with backups restores what its disk lost.",
  "link-cut": "Routers find another path when a link breaks; people can re-route faster than the protocol.",
  congestion: "Bandwidth is shared: a congested link slows everything that crosses it.",
  "packet-loss": "Lost packets must be sent again: a lossy link costs time.",
  "flash-crowd": "More peers bring more upload capacity: a swarm scales with its crowd, a server does not.",
  ddos: "Junk traffic eats capacity; blocking the sources is the defence.",
  breach: "A hacked server controls everything it serves, until it is isolated and patched.",
  churn: "If people stop seeding before a full copy has spread, the data is lost.",
  "malicious-peer": "A peer-to-peer network has no central check: verify what you receive and block cheats.",
  outage: "Spreading nodes over regions keeps a network alive when one region goes dark.",
  wiretap: "Encryption protects data crossing routers you do not control.",
};

const ROUTER_DOWN =
  "When a router fails, traffic must find another path: players re-route at once, the protocol takes a while.";

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
const pct = (x: number) => `${Math.round(x * 100)} %`;

/** Useful chunks per second in [from, to), from a team's per-second goodput. */
function rate(team: TeamResult, from: number, to: number): number {
  const slice = team.goodputPerSecond.slice(Math.max(0, Math.floor(from)), Math.max(0, Math.ceil(to)));
  return slice.length ? slice.reduce((a, b) => a + b, 0) / slice.length : 0;
}

export function debrief(result: MatchResult): Lesson[] {
  const lessons: Lesson[] = [];
  const teams = result.teams;
  const seen = new Set<string>();
  for (const team of teams) {
    for (const f of team.failures) {
      const key = `${f.kind}@${f.startSecond}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const window = Math.max(1, f.endSecond - f.startSecond);
      const parts = teams.map((t) => {
        const hit = t.failures.find((x) => x.kind === f.kind && x.startSecond === f.startSecond);
        const before = rate(t, Math.max(0, f.startSecond - 30), f.startSecond);
        const during = rate(t, f.startSecond, f.endSecond);
        if (!hit) return `${t.name} was not touched`;
        if (before <= 0) return `${t.name} had little traffic to lose`;
        return `${t.name} kept ${pct(Math.min(1, during / before))} of its delivery`;
      });
      const routerDown = (f.kind === "crash" || f.kind === "outage") && /^R\d/.test(f.target);
      lessons.push({
        concept: routerDown ? ROUTER_DOWN : (CONCEPT[f.kind as FailureKind] ?? ""),
        text: `At ${mmss(f.startSecond)}: ${f.note}. For the next ${Math.round(window)} s, ${parts.join("; ")}.`,
      });
    }
  }
  if (teams.length === 2) {
    const [a, b] = teams as [TeamResult, TeamResult];
    const [dear, cheap] = a.coinsSpent >= b.coinsSpent ? [a, b] : [b, a];
    lessons.push({
      concept:
        "Client-server is expensive to set up and run: servers cost money; peers are the users' own machines.",
      text: `${dear.name} spent ${dear.coinsSpent} coins (setup ${dear.spending.setup}, running ${dear.spending.running}); ${cheap.name} spent ${cheap.coinsSpent}.`,
    });
    if (a.medianCompletionSeconds !== null && b.medianCompletionSeconds !== null) {
      const [fast, slow] = a.medianCompletionSeconds <= b.medianCompletionSeconds ? [a, b] : [b, a];
      lessons.push({
        concept: "Speed depends on capacity: one server's, or the sum of every peer's uploads.",
        text: `${fast.name} finished a download in ${fast.medianCompletionSeconds} s (median); ${slow.name} in ${slow.medianCompletionSeconds} s.`,
      });
    }
  }
  for (const t of teams) {
    if (t.contentLost)
      lessons.push({
        concept: CONCEPT.churn,
        text: `${t.name} lost ${t.lostItems.length} item(s) for good: no full copy was left anywhere.`,
      });
    if (t.corruptDeliveries > 0)
      lessons.push({
        concept: t.team === "swarm" ? CONCEPT["malicious-peer"] : CONCEPT.breach,
        text: `${t.corruptDeliveries} corrupt chunks reached ${t.name}'s users.`,
      });
    if (t.leakedPackets > 0)
      lessons.push({
        concept: CONCEPT.wiretap,
        text: `${t.leakedPackets} unencrypted packets of ${t.name} were copied by a wiretapped router.`,
      });
  }
  return lessons;
}
