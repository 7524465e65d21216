/**
 * Checks every built-in scenario's stated lesson against play: each runs as versus with bots in every
 * seat on seeds 1..N, and the lesson holds when the architecture it names is ahead on its measure by
 * at least its margin on every seed. Exits 1 when one does not. A teacher's scenario file with a
 * `lesson` block is checked the same way.
 *
 *   npm run lessons -- [--seeds N] [--scenario name-or-file.json]...
 */

import { basename } from "node:path";
import { BUILT_IN_SCENARIOS, checkLesson, type LessonCheck, type Scenario } from "../../shared/index";
import { runCli, UsageError } from "./cli";
import { loadScenario } from "./sim-cli";

export interface LessonsOptions {
  seeds: number;
  scenarios: string[];
}

const USAGE = "usage: npm run lessons -- [--seeds N] [--scenario name-or-file.json]...";

export function parseLessonsArgs(argv: readonly string[]): LessonsOptions {
  const options: LessonsOptions = { seeds: 20, scenarios: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const v = argv[i + 1];
    if (arg === "--seeds") {
      i++;
      if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 1000)
        throw new UsageError(`--seeds must be a whole number from 1 to 1000, not "${v ?? ""}"`);
      options.seeds = Number(v);
    } else if (arg === "--scenario") {
      i++;
      if (v === undefined || (!BUILT_IN_SCENARIOS[v] && !v.endsWith(".json")))
        throw new UsageError(
          `no built-in scenario "${v ?? ""}" (and it is not a .json file): ${Object.keys(BUILT_IN_SCENARIOS).join(", ")}`,
        );
      options.scenarios.push(v);
    } else if (arg === "--help" || arg === "-h") throw new UsageError("");
    else throw new UsageError(`unknown argument "${arg}"`);
  }
  if (options.scenarios.length === 0) options.scenarios = Object.keys(BUILT_IN_SCENARIOS);
  return options;
}

export interface LessonRow {
  name: string;
  scenario: Scenario;
  check: LessonCheck;
}

export function checkAll(options: LessonsOptions): LessonRow[] {
  return options.scenarios.map((name) => {
    const scenario = loadScenario(name);
    if (!scenario.lesson)
      throw new UsageError(`${name} states no lesson: add a "lesson" block (claim, ahead, measure, margin)`);
    const shown = name.endsWith(".json") ? basename(name) : name;
    return { name: shown, scenario, check: checkLesson(scenario, scenario.lesson, options.seeds) };
  });
}

const fixed = (x: number) => (x >= 0 ? " " : "") + x.toFixed(1);

export function formatLessons(rows: readonly LessonRow[], seeds: number): string {
  const lines = [`Lessons on seeds 1..${seeds}, versus, bots in every seat`, ""];
  lines.push(
    `${"scenario".padEnd(16)} ${"ahead".padEnd(6)} ${"measure".padEnd(9)} ${"need".padStart(5)} ${"mean".padStart(6)} ${"min".padStart(6)}  ${"holds".padEnd(6)} total hub/swarm (mean)`,
  );
  let held = 0;
  const wins = { hub: 0, swarm: 0 };
  for (const { name, scenario, check } of rows) {
    const l = scenario.lesson!;
    const seedsHeld = check.runs.filter((r) => r.margin >= l.margin).length;
    if (check.holds) {
      held++;
      wins[l.ahead]++;
    }
    const meanTotal = (a: "hub" | "swarm") =>
      (check.runs.reduce((s, r) => s + r.totals[a], 0) / check.runs.length).toFixed(0);
    lines.push(
      `${name.padEnd(16)} ${l.ahead.padEnd(6)} ${l.measure.padEnd(9)} ${String(l.margin).padStart(5)} ${fixed(check.meanMargin).padStart(6)} ${fixed(check.minMargin).padStart(6)}  ${(check.holds ? "yes" : `NO ${seedsHeld}/${check.runs.length}`).padEnd(6)} ${meanTotal("hub")}/${meanTotal("swarm")}`,
    );
    lines.push(`${"".padEnd(16)} ${l.claim}`);
  }
  lines.push("");
  lines.push(
    `${held} of ${rows.length} lessons hold on every seed (hub ahead in ${wins.hub}, swarm ahead in ${wins.swarm}).`,
  );
  return `${lines.join("\n")}\n`;
}

/** The command, with its arguments (tests call it in their own process, as the command line does). */
export function main(argv: readonly string[] = process.argv.slice(2)): void {
  runCli(USAGE, () => {
    const options = parseLessonsArgs(argv);
    const rows = checkAll(options);
    process.stdout.write(formatLessons(rows, options.seeds));
    process.exit(rows.every((r) => r.check.holds) ? 0 : 1);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) main();
