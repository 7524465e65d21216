/**
 * Simulation benchmark: real-time factor and packet-hops per second, bots in every seat, one core.
 * Budgets (DESIGN.md §6): the 40-node classroom scenarios run at ≥ 1000× real time; a school-sized
 * network of about 4,000 nodes (`district` with 400 routers, 100 content holders and 1,500 users a
 * side, 30 s of play) at ≥ 100×; then each of its two networks alone (`school-hub`, `school-swarm`),
 * to say which one the time goes to.
 *
 * Also each tick's `stepMatch` time (p50, p99 and the slowest tick of each run, medians over the
 * runs): a room's tick budget (simulation + encoding ≤ 5 ms) is broken by slow ticks, not by the
 * mean. `district-idle` is `district` with every seat held by a player who never acts, as in a
 * school-wide room (a player's routers keep their tables: no distance-vector adoption).
 *
 *   npm run bench:sim [-- --runs N --school-runs N]   (--school-runs 0 skips the school network)
 *
 * Each scenario is run once unmeasured first when it is run more than once, and the school network
 * and its halves always are (a first run of a process takes 1.5 to 2 times a warm one).
 */
import { BUILT_IN_SCENARIOS, createMatch, type Match, type Scenario, stepMatch } from "../../shared/index";
import { median } from "../../shared/scoring";
import { idleSeats } from "../shared/helpers";

const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 5) : 5;
const BUDGET = 1000;
const SCHOOL_BUDGET = 100;
const schoolArg = process.argv.indexOf("--school-runs");
const SCHOOL_RUNS = schoolArg > 0 ? Math.max(0, Number(process.argv[schoolArg + 1]) || 0) : 1;
const district = BUILT_IN_SCENARIOS.district!;
/** About 4,000 nodes: past the scenario file's limits, built here (createMatch takes any Scenario). */
const SCHOOL: Scenario = {
  ...district,
  name: "School network",
  duration: 30,
  map: { ...district.map, routers: 400, servers: 100, users: 1500 } as Scenario["map"],
};

interface Row {
  name: string;
  nodes: number;
  factor: number;
  hopsPerSecond: number;
  msPerRun: number;
  /** Per-tick stepMatch time, ms: each run's p50, p99 and slowest tick, median over the runs. */
  tickP50: number;
  tickP99: number;
  tickMax: number;
}

/** The q-quantile of a list of tick times (nearest rank). */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

/** Steps a match to its end, timing each tick; returns the ticks' times in ms. */
function timeTicks(match: Match): number[] {
  const ticks: number[] = [];
  while (!match.ended) {
    const t0 = performance.now();
    stepMatch(match);
    ticks.push(performance.now() - t0);
  }
  return ticks;
}

function measure(
  name: string,
  scenario: Scenario,
  runs = RUNS,
  setUp = (m: Match) => m,
  warm = runs > 1,
): Row {
  const times: number[] = [];
  const p50s: number[] = [];
  const p99s: number[] = [];
  const maxes: number[] = [];
  let hops = 0;
  let nodes = 0;
  if (warm) timeTicks(setUp(createMatch(scenario))); // warm-up: let the JIT settle
  for (let i = 0; i < runs; i++) {
    const m = setUp(createMatch(scenario)); // building the map is not simulation time
    const ticks = timeTicks(m);
    times.push(ticks.reduce((a, b) => a + b, 0));
    ticks.sort((a, b) => a - b);
    p50s.push(quantile(ticks, 0.5));
    p99s.push(quantile(ticks, 0.99));
    maxes.push(ticks[ticks.length - 1] ?? 0);
    hops = m.worlds.reduce((a, w) => a + w.stats.hopsCarried, 0);
    nodes = m.worlds.reduce((a, w) => a + w.nodes.filter((n) => n.kind !== "botnet").length, 0);
  }
  const ms = median(times);
  return {
    name,
    nodes,
    factor: (scenario.duration * 1000) / ms,
    hopsPerSecond: (hops / ms) * 1000,
    msPerRun: ms,
    tickP50: median(p50s),
    tickP99: median(p99s),
    tickMax: median(maxes),
  };
}

const rows: Row[] = [];
for (const [name, sc] of Object.entries(BUILT_IN_SCENARIOS)) rows.push(measure(name, sc));
rows.push(measure("district-idle", district, RUNS, idleSeats));
// The school network is always warmed up first: a process's first run of it takes 1.5 to 2 times a
// warm one, so a single cold run measured the compiler as much as the simulation.
const school = SCHOOL_RUNS > 0 ? measure("school-4000", SCHOOL, SCHOOL_RUNS, undefined, true) : null;
if (school) {
  rows.push(school);
  // Each network alone, to say which one the time goes to (a versus match steps both).
  for (const topology of ["hub", "swarm"] as const)
    rows.push(measure(`school-${topology}`, { ...SCHOOL, topology }, SCHOOL_RUNS, undefined, true));
}

const fmt = (x: number) => Math.round(x).toLocaleString("en-GB");
console.log(
  `Simulation benchmark — versus, bots in every seat, median of ${RUNS} runs, node ${process.version}\n`,
);
console.log(
  `${"scenario".padEnd(16)}${"nodes".padStart(7)}${"ms/run".padStart(10)}${"× real time".padStart(14)}${"hops/s".padStart(14)}${"tick p50".padStart(10)}${"p99".padStart(8)}${"max".padStart(8)}`,
);
const tickMs = (x: number) => x.toFixed(2).padStart(8);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(16)}${String(r.nodes).padStart(7)}${r.msPerRun.toFixed(1).padStart(10)}${fmt(r.factor).padStart(14)}${fmt(r.hopsPerSecond).padStart(14)}${tickMs(r.tickP50).padStart(10)}${tickMs(r.tickP99)}${tickMs(r.tickMax)}`,
  );
}
console.log("(tick: stepMatch per tick in ms, each run's p50, p99 and slowest, median over the runs)");
const large = new Set(["district", "district-idle", "school-4000", "school-hub", "school-swarm"]);
const classroom = rows.filter((r) => !large.has(r.name));
const worst = Math.min(...classroom.map((r) => r.factor));
const med = median(classroom.map((r) => r.factor));
console.log(
  `\nclassroom scenarios: median ${fmt(med)}× real time, slowest ${fmt(worst)}× (budget ≥ ${BUDGET}×): ${worst >= BUDGET ? "within budget" : "OVER BUDGET"}`,
);
if (school)
  console.log(
    `school network (${school.nodes} nodes, ${SCHOOL_RUNS} run${SCHOOL_RUNS > 1 ? "s" : ""}): ${fmt(school.factor)}× real time (budget ≥ ${SCHOOL_BUDGET}×): ${school.factor >= SCHOOL_BUDGET ? "within budget" : "OVER BUDGET"}`,
  );
