/**
 * Headless command: runs a scenario with bots in every seat, as fast as it can, and prints results.
 * `--idle hub|swarm|both` hands that team's seats to players who never act instead: the results then
 * show the team against its autopilot (the teams competition).
 *
 *   npm run sim -- --scenario <built-in name | path.json> [--topology hub|swarm|versus] [--seed N]
 *     [--idle hub|swarm|both] [--json]
 *   npm run sim -- --replay <match.json> [--json]   (a stored match, played again: replay-file.ts)
 */

import { readFileSync } from "node:fs";
import {
  type Architecture,
  autopilotTwin,
  BUILT_IN_SCENARIOS,
  computePar,
  createMatch,
  DEFAULT_SCENARIO,
  isSeat,
  type MatchResult,
  matchResult,
  parseScenario,
  runMatch,
  type Scenario,
  submitIntent,
  TOPOLOGIES,
} from "../../shared/index";
import { runCli, UsageError } from "./cli";
import { checkReplay, formatReplay, loadStoredMatch } from "./replay-file";
import { formatResult } from "./sim-report";

export interface SimOptions {
  scenario: string;
  topology?: Scenario["topology"];
  seed?: number;
  /** Teams whose seats are held by players who never act. */
  idle: Architecture[];
  json: boolean;
  /** A stored match's file to play again and check against its stored hash. */
  replay?: string;
}

const USAGE =
  "usage: npm run sim -- [--scenario <name or file.json>] [--topology hub|swarm|versus] [--seed N]\n" +
  "                      [--idle hub|swarm|both] [--json]\n" +
  "       npm run sim -- --replay <match.json> [--json]   (a stored match from Past classes)\n" +
  `built-in scenarios: ${Object.keys(BUILT_IN_SCENARIOS).join(", ")}`;

export function parseArgs(argv: readonly string[]): SimOptions {
  const options: SimOptions = { scenario: DEFAULT_SCENARIO, idle: [], json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === "--json") options.json = true;
    else if (arg === "--replay") options.replay = value();
    else if (arg === "--scenario") options.scenario = value();
    else if (arg === "--idle") {
      const t = value();
      if (t !== "hub" && t !== "swarm" && t !== "both")
        throw new UsageError(`--idle must be hub, swarm or both, not "${t}"`);
      options.idle = t === "both" ? ["hub", "swarm"] : [t];
    } else if (arg === "--topology") {
      const t = value();
      if (!(TOPOLOGIES as readonly string[]).includes(t))
        throw new UsageError(`--topology must be hub, swarm or versus, not "${t}"`);
      options.topology = t as Scenario["topology"];
    } else if (arg === "--seed") {
      const v = value();
      const n = Number(v);
      if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n > 0xffffffff)
        throw new UsageError(`--seed must be a whole number from 0 to 4294967295, not "${v}"`);
      options.seed = n;
    } else if (arg === "--help" || arg === "-h") throw new UsageError("");
    else throw new UsageError(`unknown argument "${arg}"`);
  }
  const played = argv.some((a) => ["--scenario", "--topology", "--seed", "--idle"].includes(a));
  if (options.replay !== undefined && played)
    throw new UsageError(
      "--replay plays a stored match as it was: no --scenario, --topology, --seed or --idle",
    );
  return options;
}

/** Loads a built-in scenario by name, or a scenario file; refuses an invalid one with its errors. */
export function loadScenario(nameOrPath: string): Scenario {
  const builtIn = BUILT_IN_SCENARIOS[nameOrPath];
  if (builtIn) return builtIn;
  if (!nameOrPath.endsWith(".json"))
    throw new UsageError(`no built-in scenario "${nameOrPath}" (and it is not a .json file)`);
  let text: string;
  try {
    text = readFileSync(nameOrPath, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${nameOrPath}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${nameOrPath} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = parseScenario(data);
  if (!parsed.ok)
    throw new UsageError(`${nameOrPath} is not a valid scenario:\n  ${parsed.errors.join("\n  ")}`);
  return parsed.value;
}

export function runScenario(options: SimOptions): MatchResult {
  const base = loadScenario(options.scenario);
  const scenario: Scenario = {
    ...base,
    ...(options.topology ? { topology: options.topology } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  };
  const match = createMatch(scenario);
  for (const world of match.worlds) {
    if (!options.idle.includes(world.team)) continue;
    for (const n of world.nodes)
      if (isSeat(n))
        submitIntent(
          match,
          { kind: "host" },
          { type: "assign", team: world.team, node: n.id, player: `idle ${n.id}` },
        );
  }
  runMatch(match);
  // With bots in every seat the match is its own autopilot twin; with idle seats the twin is played.
  const twin = options.idle.length > 0 ? runMatch(autopilotTwin(match)) : match;
  return matchResult(match, computePar(scenario), twin);
}

/** The command, with its arguments (tests call it in their own process, as the command line does). */
export function main(argv: readonly string[] = process.argv.slice(2)): void {
  runCli(USAGE, () => {
    const options = parseArgs(argv);
    if (options.replay !== undefined) {
      const check = checkReplay(loadStoredMatch(options.replay));
      process.stdout.write(options.json ? `${JSON.stringify(check, null, 2)}\n` : formatReplay(check));
      if (!check.same) process.exitCode = 1;
      return;
    }
    const result = runScenario(options);
    process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatResult(result));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) main();
