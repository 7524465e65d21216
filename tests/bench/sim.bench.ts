/**
 * Simulation benchmark: real-time factor and packet-hops per second, bots in every seat, one core.
 * Budgets (DESIGN.md §6): the 40-node classroom scenarios run at ≥ 1000× real time; a school-sized
 * network of about 4,000 nodes (`district` with 400 routers, 100 content holders and 1,500 users a
 * side, 30 s of play) at ≥ 100×.
 *
 *   npm run bench:sim [-- --runs N --school-runs N]   (--school-runs 0 skips the school network)
 */
import { BUILT_IN_SCENARIOS, createMatch, runMatch, type Scenario } from "../../shared/index";
import { median } from "../../shared/scoring";

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
}

function measure(name: string, scenario: Scenario, runs = RUNS): Row {
  const times: number[] = [];
  let hops = 0;
  let nodes = 0;
  if (runs > 1) runMatch(createMatch(scenario)); // warm-up: let the JIT settle
  for (let i = 0; i < runs; i++) {
    const match = createMatch(scenario); // building the map is not simulation time
    const t0 = performance.now();
    const m = runMatch(match);
    times.push(performance.now() - t0);
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
  };
}

const rows: Row[] = [];
for (const [name, sc] of Object.entries(BUILT_IN_SCENARIOS)) rows.push(measure(name, sc));
const school = SCHOOL_RUNS > 0 ? measure("school-4000", SCHOOL, SCHOOL_RUNS) : null;
if (school) rows.push(school);

const fmt = (x: number) => Math.round(x).toLocaleString("en-GB");
console.log(
  `Simulation benchmark — versus, bots in every seat, median of ${RUNS} runs, node ${process.version}\n`,
);
console.log(
  `${"scenario".padEnd(16)}${"nodes".padStart(7)}${"ms/run".padStart(10)}${"× real time".padStart(14)}${"hops/s".padStart(14)}`,
);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(16)}${String(r.nodes).padStart(7)}${r.msPerRun.toFixed(1).padStart(10)}${fmt(r.factor).padStart(14)}${fmt(r.hopsPerSecond).padStart(14)}`,
  );
}
const classroom = rows.filter((r) => r.name !== "district" && r.name !== "school-4000");
const worst = Math.min(...classroom.map((r) => r.factor));
const med = median(classroom.map((r) => r.factor));
console.log(
  `\nclassroom scenarios: median ${fmt(med)}× real time, slowest ${fmt(worst)}× (budget ≥ ${BUDGET}×): ${worst >= BUDGET ? "within budget" : "OVER BUDGET"}`,
);
if (school)
  console.log(
    `school network (${school.nodes} nodes, ${SCHOOL_RUNS} run${SCHOOL_RUNS > 1 ? "s" : ""}): ${fmt(school.factor)}× real time (budget ≥ ${SCHOOL_BUDGET}×): ${school.factor >= SCHOOL_BUDGET ? "within budget" : "OVER BUDGET"}`,
  );
