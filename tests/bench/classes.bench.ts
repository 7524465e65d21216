/**
 * `npm run bench:classes`: does play decide the competition? Scripted classes (tests/shared/classes.ts)
 * play every built-in failure scenario on seeds 1..N (default 5), each team in turn; prints each
 * class's mean score against its autopilot (100 = as well as the autopilot), how often an engaged
 * class beats an idle one in versus, and player points (shared/points.ts): for one engaged student in
 * each role among classmates who never act, how often they finish in the top third of the class (ties
 * share a place) and how often their decisions earned anything; the most points any saboteur earned;
 * and with bots in every seat (each seat's autopilot against an idle seat), how often each role is in
 * the top 5 of its match; and the top bar's live standing (shared/competition.ts LiveStanding: each
 * class's twin played alongside, a host's failure at 20 + 3 × seed seconds) against the verdict.
 *
 *   npm run bench:classes -- [--seeds N] [--scenario NAME]
 */
import {
  autopilotTwin,
  autopilotWorth,
  BUILT_IN_SCENARIOS,
  competitionWinner,
  createMatch,
  decisionPoints,
  isSeat,
  LiveStanding,
  matchResult,
  parOf,
  roleOf,
  runMatch,
  type Scenario,
  submitIntent,
  TICKS_PER_SECOND,
} from "../../shared/index";
import { CLASS_KINDS, type ClassKind, playClasses, playClassMatch } from "../shared/classes";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const seeds = Number(flag("--seeds") ?? 5);
const only = flag("--scenario");
const names = Object.keys(BUILT_IN_SCENARIOS).filter((n) =>
  only ? n === only : n !== "calm" && n !== "district",
);

const pad = (s: string | number, n: number) => String(s).padStart(n);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

console.log(`Team against its autopilot (100 = as well as the autopilot), mean of seeds 1..${seeds}`);
console.log(
  `${"scenario".padEnd(16)}${CLASS_KINDS.map((k) => pad(`hub ${k}`, 15)).join("")}${CLASS_KINDS.map((k) => pad(`swarm ${k}`, 16)).join("")}  engaged beats idle`,
);
const roleTop = new Map<string, { earned: number; third: number; matches: number }>();
const botTop = new Map<string, number>();
let botMatches = 0;
let saboteurMost = 0;
let saboteursEarning = 0;
let saboteurs = 0;
const live = { rounds: 0, verdict: 0, engagedWins: 0 };
for (const name of names) {
  const base = BUILT_IN_SCENARIOS[name]!;
  const per: Record<string, number[]> = {};
  let engagedWins = 0;
  let versus = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const sc: Scenario = { ...base, seed };
    const bots = runMatch(createMatch(sc));
    const par = parOf(bots);
    // With bots in every seat: each seat's autopilot against that seat idle, ranked over the match.
    const worth: { role: string; points: number }[] = [];
    for (const w of bots.worlds)
      for (const n of w.nodes)
        if (isSeat(n) || (n.gone && (n.kind === "peer" || n.kind === "server")))
          if (!n.peer?.malicious || n.peer.seed)
            worth.push({ role: `${w.team} ${roleOf(n)}`, points: autopilotWorth(bots, par, w.team, n.id) });
    botMatches++;
    for (const role of new Set(worth.map((x) => x.role))) {
      const best = Math.max(...worth.filter((x) => x.role === role).map((x) => x.points));
      if (1 + worth.filter((x) => x.points > best).length <= 5) botTop.set(role, (botTop.get(role) ?? 0) + 1);
    }
    // One engaged student in each role (a seat drawn by the seed) among classmates who never act.
    for (const w of bots.worlds) {
      const roles = new Map<string, string[]>();
      for (const n of w.nodes)
        if (isSeat(n) && !n.gone) roles.set(roleOf(n), [...(roles.get(roleOf(n)) ?? []), n.id]);
      for (const [role, ids] of roles) {
        const node = ids[seed % ids.length]!;
        const m = playClassMatch(sc, { hub: "idle", swarm: "idle" }, { team: w.team, node, kind: "engaged" });
        const points = decisionPoints(m, par);
        const students = matchResult(m, par, undefined, points).players.filter((p) => p.holder);
        const mine = points.get(`${w.team}:${node}`) ?? 0;
        // Ties share a place: the rank is one more than the students with more points.
        const rank = 1 + students.filter((p) => p.points > mine).length;
        const key = `${w.team} ${role}`;
        const s = roleTop.get(key) ?? { earned: 0, third: 0, matches: 0 };
        roleTop.set(key, s);
        s.matches++;
        if (mine > 0) s.earned++;
        if (rank <= Math.ceil(students.length / 3)) s.third++;
      }
    }
    // A class of saboteurs: what each one's decisions earned.
    for (const team of ["hub", "swarm"] as const) {
      const points = decisionPoints(playClassMatch(sc, { [team]: "saboteur" }), par);
      for (const p of points.values()) {
        saboteurs++;
        if (p > 0) saboteursEarning++;
        saboteurMost = Math.max(saboteurMost, p);
      }
    }
    for (const team of ["hub", "swarm"] as const)
      for (const kind of CLASS_KINDS) {
        const r = playClasses(sc, { [team]: kind } as Partial<Record<"hub" | "swarm", ClassKind>>, par);
        const key = `${team} ${kind}`;
        per[key] = [...(per[key] ?? []), r.teams.find((t) => t.team === team)!.againstAutopilot!];
      }
    for (const [a, b] of [
      ["hub", "swarm"],
      ["swarm", "hub"],
    ] as const) {
      const r = playClasses(sc, { [a]: "engaged", [b]: "idle" } as never, par);
      versus++;
      if (competitionWinner(r.teams) === a) engagedWins++;
      // The same, the top bar's standing followed through the round, with a host's failure too.
      let standing: LiveStanding | undefined;
      const at = (20 + 3 * seed) * TICKS_PER_SECOND;
      const failure =
        seed % 2
          ? ({ kind: "crash", target: "random", at: 0, duration: 15 } as const)
          : ({ kind: "link-cut", target: "busiest", at: 0, duration: 15 } as const);
      const m = playClassMatch(sc, { [a]: "engaged", [b]: "idle" } as never, undefined, (x) => {
        standing ??= new LiveStanding(x);
        standing.follow();
        if (x.tick === at) submitIntent(x, { kind: "host" }, { type: "trigger", failure });
      });
      const verdict = matchResult(m, par, runMatch(autopilotTwin(m)));
      const end = standing!.standing(par)!;
      live.rounds++;
      if (verdict.teams.every((t) => end.get(t.team) === t.againstAutopilot)) live.verdict++;
      if (competitionWinner(verdict.teams) === a) live.engagedWins++;
    }
  }
  const cells = (team: string) =>
    CLASS_KINDS.map((k) => pad(mean(per[`${team} ${k}`]!).toFixed(1), team === "hub" ? 15 : 16)).join("");
  console.log(`${name.padEnd(16)}${cells("hub")}${cells("swarm")}  ${pad(`${engagedWins}/${versus}`, 8)}`);
}
console.log(
  "\nOne engaged student among classmates who never act: how often they finish in the top third (ties share a place), and how often their decisions earned points",
);
for (const [role, r] of roleTop)
  console.log(
    `  ${role.padEnd(14)} top third ${pad(Math.round((100 * r.third) / r.matches), 3)} %   earned points ${pad(Math.round((100 * r.earned) / r.matches), 3)} %   (${r.matches} matches)`,
  );
console.log(
  `\nSaboteurs: ${saboteursEarning} of ${saboteurs} earned any points; the most any one earned: ${saboteurMost}`,
);
console.log(
  "\nBots in every seat (each seat's autopilot against the seat idle): how often each role is in the top 5",
);
for (const [role, n] of [...botTop].sort((a, b) => a[0].localeCompare(b[0])))
  console.log(
    `  ${role.padEnd(14)} ${pad(Math.round((100 * n) / botMatches), 3)} %   (${botMatches} matches)`,
  );
console.log(
  `\nThe top bar's live standing (each class's twin alongside; an engaged class against an idle one, both ways round, with a host's failure at 20 + 3 × seed s): at the end it was the verdict in ${live.verdict} of ${live.rounds} rounds; the engaged class won ${live.engagedWins} of ${live.rounds}`,
);
