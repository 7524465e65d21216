/**
 * `npm run bench:classes`: does play decide the competition? Scripted classes (tests/shared/classes.ts)
 * play every built-in failure scenario on seeds 1..N (default 5), each team in turn; prints each
 * class's mean score against its autopilot (100 = as well as the autopilot), how often an engaged
 * class beats an idle one in versus, and, for one engaged student in each role among classmates who
 * never act, how often they finish in the top 5 and in the top third of the class.
 *
 *   npm run bench:classes -- [--seeds N] [--scenario NAME]
 */
import {
  BUILT_IN_SCENARIOS,
  createMatch,
  isSeat,
  parOf,
  roleOf,
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
const roleTop = new Map<string, { top: number; third: number; matches: number }>();
for (const name of names) {
  const base = BUILT_IN_SCENARIOS[name]!;
  const per: Record<string, number[]> = {};
  let engagedWins = 0;
  let versus = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const sc: Scenario = { ...base, seed };
    const bots = runMatch(createMatch(sc));
    const par = parOf(bots);
    // One engaged student in each role (a seat drawn by the seed) among classmates who never act.
    for (const w of bots.worlds) {
      const roles = new Map<string, string[]>();
      for (const n of w.nodes)
        if (isSeat(n) && !n.gone) roles.set(roleOf(n), [...(roles.get(roleOf(n)) ?? []), n.id]);
      for (const [role, ids] of roles) {
        const node = ids[seed % ids.length]!;
        const r = playClasses(sc, { hub: "idle", swarm: "idle" }, par, {
          team: w.team,
          node,
          kind: "engaged",
        });
        const students = r.players.filter((p) => p.holder);
        const rank = students.findIndex((p) => p.team === w.team && p.node === node) + 1;
        const key = `${w.team} ${role}`;
        const s = roleTop.get(key) ?? { top: 0, third: 0, matches: 0 };
        roleTop.set(key, s);
        s.matches++;
        if (rank <= 5) s.top++;
        if (rank <= Math.ceil(students.length / 3)) s.third++;
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
console.log(
  "\nOne engaged student among classmates who never act: how often they finish in the top 5, and in the top third",
);
for (const [role, r] of roleTop)
  console.log(
    `  ${role.padEnd(14)} top 5 ${pad(Math.round((100 * r.top) / r.matches), 3)} %   top third ${pad(Math.round((100 * r.third) / r.matches), 3)} %   (${r.matches} matches)`,
  );
