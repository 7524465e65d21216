/**
 * Simulation benchmark: real-time factor and packet-hops per second, bots in every seat, one core.
 * Budget (DESIGN.md §6): the 40-node classroom scenarios run at ≥ 1000× real time.
 *
 *   npm run bench:sim [-- --runs N]
 */
import { BUILT_IN_SCENARIOS, createMatch, runMatch, type Scenario } from "../../shared/index";
import { median } from "../../shared/scoring";

const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 5) : 5;
const BUDGET = 1000;

interface Row {
  name: string;
  nodes: number;
  factor: number;
  hopsPerSecond: number;
  msPerRun: number;
}

function measure(name: string, scenario: Scenario): Row {
  const times: number[] = [];
  let hops = 0;
  let nodes = 0;
  runMatch(createMatch(scenario)); // warm-up: let the JIT settle
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const m = runMatch(createMatch(scenario));
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
const classroom = rows.filter((r) => r.name !== "district");
const worst = Math.min(...classroom.map((r) => r.factor));
const med = median(classroom.map((r) => r.factor));
console.log(
  `\nclassroom scenarios: median ${fmt(med)}× real time, slowest ${fmt(worst)}× (budget ≥ ${BUDGET}×): ${worst >= BUDGET ? "within budget" : "OVER BUDGET"}`,
);
