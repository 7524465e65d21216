/**
 * `npm run bench:classes`: does play decide the competition? Scripted classes (tests/shared/classes.ts)
 * play every built-in failure scenario on seeds 1..N (default 5), each team in turn; prints each
 * class's mean score against its autopilot (100 = as well as the autopilot), how often an engaged
 * class beats an idle one in versus, and how often each role is in the top 5 of all-bot matches.
 *
 *   npm run bench:classes -- [--seeds N] [--scenario NAME]
 */
import {
  BUILT_IN_SCENARIOS,
  createMatch,
  matchResult,
  parOf,
  runMatch,
  type Scenario,
} from "../../shared/index";
import { CLASS_KINDS, type ClassKind, playClasses } from "../shared/classes";

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
const roleTop = new Map<string, { top: number; matches: number }>();
for (const name of names) {
  const base = BUILT_IN_SCENARIOS[name]!;
  const per: Record<string, number[]> = {};
  let engagedWins = 0;
  let versus = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const sc: Scenario = { ...base, seed };
    const bots = runMatch(createMatch(sc));
    const par = parOf(bots);
    const all = matchResult(bots, par);
    const top = all.players.slice(0, 5);
    for (const role of new Set(all.players.map((p) => p.role))) {
      const r = roleTop.get(role) ?? { top: 0, matches: 0 };
      roleTop.set(role, r);
      r.matches++;
      if (top.some((p) => p.role === role)) r.top++;
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
      const ea = r.teams.find((t) => t.team === a)!.againstAutopilot!;
      const ib = r.teams.find((t) => t.team === b)!.againstAutopilot!;
      versus++;
      if (ea > ib) engagedWins++;
    }
  }
  const cells = (team: string) =>
    CLASS_KINDS.map((k) => pad(mean(per[`${team} ${k}`]!).toFixed(1), team === "hub" ? 15 : 16)).join("");
  console.log(`${name.padEnd(16)}${cells("hub")}${cells("swarm")}  ${pad(`${engagedWins}/${versus}`, 8)}`);
}
console.log("\nRoles in the top 5 of all-bot matches (share of matches the role plays in)");
for (const [role, r] of roleTop)
  console.log(`  ${role.padEnd(8)} ${pad(Math.round((100 * r.top) / r.matches), 3)} %`);
