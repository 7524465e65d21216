/**
 * The debrief: lessons written from a match's own numbers, each tied to a concept of DESIGN.md §2.
 * Every figure in a line is one the score uses (a failure's `kept` is the survival score's delivery
 * under failure for that window), and a concept that claims an outcome ("a single point of failure",
 * "a swarm scales with its crowd") is chosen only when those figures show it. Pure: a function of the
 * results.
 */

import { PRICES } from "./constants";
import { failureWords, plural, teamName } from "./events";
import type { MatchResult, TeamResult } from "./results";
import type { FailureKind } from "./scenario";
import type { Architecture } from "./types";

export interface Lesson {
  concept: string;
  text: string;
  /** The second of the match a failure's lesson is about (when it started); absent for the others. */
  second?: number;
}

/** Below this share of its usual delivery, a team's delivery "fell" during a failure. */
export const FELL_BELOW = 0.5;
/** One architecture "did better" in a failure when it kept at least this much more of its delivery. */
export const CLEARLY_BETTER = 0.1;

/** The idea each failure kind shows, in a sentence, where the sentence holds whatever the outcome. */
const CONCEPT: Record<FailureKind, string> = {
  crash: "A single server is a single point of failure; in a swarm the data lives on many peers.",
  "disk-failure":
    "Data on one disk is never safe alone: a server gets it back from its backup or from the origin; a peer's is gone unless others copied it.",
  "link-cut": "Routers find another path when a link breaks; people can re-route faster than the protocol.",
  congestion: "Bandwidth is shared: a congested link slows everything that crosses it.",
  "packet-loss": "Lost packets must be sent again: a lossy link costs time.",
  "flash-crowd": "More peers bring more upload capacity: a swarm scales with its crowd, a server does not.",
  ddos: "Junk traffic eats capacity; blocking the sources, filtered upstream at the router, is the defence.",
  breach: "A hacked server controls everything it serves, until it is isolated and patched.",
  churn: "If people stop seeding before a full copy has spread, the data is lost.",
  "malicious-peer":
    "A peer-to-peer network has no central check: a cheat's harmful file passes every hash check, and each peer must block cheats on its own.",
  outage: "Spreading nodes over regions keeps a network alive when one region goes dark.",
  wiretap: "Encryption protects data crossing routers you do not control.",
  exploit:
    "Every computer is a way in for attackers until its security update is installed: central management updates every machine at once, in a peer-to-peer network each owner must do their own.",
};

/** Downloads that started again after a stateful server went down. */
const SESSIONS =
  "A stateful server keeps each user's session in its own memory: when it goes down, its users are logged out and their downloads start again. A stateless service keeps sessions in a shared store, so another server carries on.";
/** Servers that ran in the cloud. */
const CLOUD =
  "The cloud is a data centre of its own, far from the school: a power cut or a cut line where the server used to stand does not reach it, and it grows when busy, but every request travels farther and the rent is paid by the minute.";
/** Tampered pieces that peers' hash checks threw away. */
const HASH_CHECKS =
  "Every piece is checked against the file's hashes: tampered data is thrown away, so one hacked peer is one bad source among many.";
/** When a crash or outage did not stop anyone: the copies elsewhere took over. */
const NO_SINGLE_POINT =
  "More than one copy of the data means no single point of failure: when one holder stopped, others took over.";
const ROUTER_DOWN =
  "When a router fails, traffic must find another path: players re-route at once, the protocol takes a while.";
/** Flash crowds whose figures do not show the swarm scaling better. */
const CROWD_FITTED = "This crowd fitted: both networks had capacity to spare, so neither slowed down much.";
const CROWD_SERVERS =
  "This time the servers kept up better than the peers: capacity decides speed, and these servers had it.";
/** Seeds left, but nothing was lost. */
const CHURN_SURVIVED =
  "Seeds left, but a full copy had already spread over the peers who stayed: nothing was lost.";

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
const pct = (x: number) => `${Math.round(x * 100)} %`;

type TeamFailure = TeamResult["failures"][number];

/** Each team's record of one failure (the same kind, starting at the same second), or undefined. */
function recordsOf(teams: readonly TeamResult[], f: TeamFailure): Map<Architecture, TeamFailure | undefined> {
  return new Map(
    teams.map((t) => [t.team, t.failures.find((x) => x.kind === f.kind && x.startSecond === f.startSecond)]),
  );
}

function concept(
  f: TeamFailure,
  records: Map<Architecture, TeamFailure | undefined>,
  teams: readonly TeamResult[],
): string {
  const kept = (a: Architecture) => records.get(a)?.kept ?? null;
  const routerDown = (f.kind === "crash" || f.kind === "outage") && /^R\d/.test(f.target);
  if (routerDown) return ROUTER_DOWN;
  if (f.kind === "crash" || f.kind === "outage") {
    const fell = [...records.values()].some((r) => r && r.kept !== null && r.kept < FELL_BELOW);
    if (!fell) return NO_SINGLE_POINT;
  }
  if (f.kind === "flash-crowd") {
    const hub = kept("hub");
    const swarm = kept("swarm");
    if (hub === null || swarm === null) return CROWD_FITTED;
    if (swarm >= hub + CLEARLY_BETTER) return CONCEPT["flash-crowd"];
    return hub >= swarm + CLEARLY_BETTER ? CROWD_SERVERS : CROWD_FITTED;
  }
  if (f.kind === "churn" && !teams.some((t) => t.contentLost)) return CHURN_SURVIVED;
  return CONCEPT[f.kind as FailureKind] ?? "";
}

function part(t: TeamResult, r: TeamFailure | undefined): string {
  if (!r) return `${teamName(t.team)} was not touched`;
  if (r.kind === "exploit")
    return t.infections
      ? `attackers got into ${plural(t.infections, "computer")} of ${teamName(t.team)}`
      : `${teamName(t.team)} had every computer updated in time`;
  if (r.kept === null) return `${teamName(t.team)} had nobody waiting for data`;
  return `${teamName(t.team)} kept ${pct(r.kept)} of its usual delivery`;
}

const HUB_DEARER =
  "Client-server is expensive to set up and run: servers cost money; peers are the users' own machines.";
const SWARM_DEARER =
  "In a big network every computer is another way in for viruses and hackers: each peer is secured and updated by its own owner, while central servers look after every computer at once.";

/** Where a team's coins went, every part it spent on: they add up to what it spent. */
function spendingWords(s: TeamResult["spending"]): string {
  const parts: [string, number][] = [
    ["setup", s.setup],
    ["running", s.running],
    ["upgrades", s.upgrades],
    ["bandwidth", s.bandwidth],
    ["looking after its computers", s.upkeep],
  ];
  return parts
    .filter(([, coins]) => coins > 0)
    .map(([what, coins]) => `${what} ${coins}`)
    .join(", ");
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
      const records = recordsOf(teams, f);
      const parts = teams.map((t) => part(t, records.get(t.team)));
      // Each team's own target: the hub's server and the swarm's seed are different machines.
      const notes = [...new Set([...records.values()].flatMap((r) => (r ? [failureWords(r)] : [])))];
      const when = f.kind === "exploit" ? "Then" : `For the next ${Math.round(window)} s,`;
      lessons.push({
        concept: concept(f, records, teams),
        text: `At ${mmss(f.startSecond)}: ${notes.join("; ")}. ${when} ${parts.join("; ")}.`,
        second: f.startSecond,
      });
    }
  }
  if (teams.length === 2) {
    const [a, b] = teams as [TeamResult, TeamResult];
    const [dear, cheap] = a.coinsSpent >= b.coinsSpent ? [a, b] : [b, a];
    lessons.push({
      // A big swarm spends more than the hub: its peers' upkeep, not its servers (it has none).
      concept: dear.team === "swarm" ? SWARM_DEARER : HUB_DEARER,
      text: `${teamName(dear.team)} spent ${dear.coinsSpent} coins (${spendingWords(dear.spending)}); ${teamName(cheap.team)} spent ${cheap.coinsSpent}.`,
    });
    if (a.medianCompletionSeconds !== null && b.medianCompletionSeconds !== null) {
      const [fast, slow] = a.medianCompletionSeconds <= b.medianCompletionSeconds ? [a, b] : [b, a];
      lessons.push({
        concept: "Speed depends on capacity: one server's, or the sum of every peer's uploads.",
        text: `${teamName(fast.team)} finished a download in ${fast.medianCompletionSeconds} s (median); ${teamName(slow.team)} in ${slow.medianCompletionSeconds} s.`,
      });
    }
  }
  for (const t of teams) {
    if (t.contentLost)
      lessons.push({
        concept: CONCEPT.churn,
        text: `${teamName(t.team)} lost ${plural(t.lostItems.length, "item")} for good: no full copy was left anywhere.`,
      });
    if (t.corruptDeliveries > 0)
      lessons.push({
        concept: t.team === "swarm" ? CONCEPT["malicious-peer"] : CONCEPT.breach,
        text: `${plural(t.corruptDeliveries, "corrupt chunk")} reached ${teamName(t.team)}'s users${
          t.itemsCorrupt > 0
            ? `: ${plural(t.itemsCorrupt, "finished download")} turned out broken or harmful when opened, and ${t.itemsCorrupt === 1 ? "was" : "were"} fetched again`
            : ""
        }.`,
      });
    if (t.corruptDiscarded > 0)
      lessons.push({
        concept: HASH_CHECKS,
        text: `${plural(t.corruptDiscarded, "corrupt chunk")} reached ${teamName(t.team)}'s peers; their hash checks caught ${t.corruptDiscarded === 1 ? "it" : "every one"} and asked again, which cost time.`,
      });
    if (t.sessionsLost > 0)
      lessons.push({
        concept: SESSIONS,
        text: `${plural(t.sessionsLost, "user")} of ${teamName(t.team)} ${t.sessionsLost === 1 ? "was" : "were"} logged out when their server went down with the sessions in its memory: each signed in again and started their download over.`,
      });
    if ((t.cloudSeconds ?? 0) > 0)
      lessons.push({
        concept: CLOUD,
        text: `${teamName(t.team)} rented ${mmss(t.cloudSeconds)} of server time in the cloud, at ${PRICES.cloudPerMinute} coins a minute per server.`,
      });
    if ((t.infections ?? 0) > 0)
      lessons.push({
        concept: CONCEPT.exploit,
        text: `Attackers got into ${plural(t.infections ?? 0, "computer")} of ${teamName(t.team)} through a security hole before ${t.infections === 1 ? "its" : "their"} update was installed: ${plural(t.stolenPackets ?? 0, "packet")} ${t.infections === 1 ? "that computer" : "those computers"} sent or received leaked.`,
      });
    const tapped = t.leakedPackets - (t.stolenPackets ?? 0);
    if (tapped > 0)
      lessons.push({
        concept: CONCEPT.wiretap,
        text: `${tapped} unencrypted packets of ${teamName(t.team)} were copied by a wiretapped router.`,
      });
  }
  return lessons;
}
