/**
 * Stall benchmark: the longest time one request holds the server's event loop. Budget (issue
 * "hardening, round two"): no request stalls it for more than 50 ms, whatever its size, because every
 * class on the process waits that long for its next tick.
 *
 * A real server runs in this process (in-memory database); each step sends requests through HTTP and
 * websockets the way a browser or a script would, and the event loop's longest delay during the step
 * is read from Node's own monitor (10 ms resolution, so figures are ±10 ms).
 *
 *   npm run bench:stall [-- --runs N]
 */

import { resolve } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Client } from "colyseus.js";
import { startServer } from "../../game-server/src/server";
import { BUILT_IN_SCENARIOS, type Scenario } from "../../shared/index";
import { median } from "../../shared/scoring";

const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 3) : 3;
const BUDGET_MS = 50;

const server = await startServer({
  port: 0,
  host: "127.0.0.1",
  clientDir: resolve("game-client/dist"),
  database: { dataDir: "memory://" },
  limitScale: 1000, // the benchmark is one address sending what a whole district would
});
const base = server.url;
const post = async (path: string, body: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, unknown> };
};

/**
 * The largest scenario the schema admits: 80 routers, 20 servers, 300 users and 100 more joining in
 * flash crowds (400 at its busiest, the cap), 100 failures of every heavy kind.
 */
export function largest(): Scenario {
  const district = BUILT_IN_SCENARIOS.district!;
  const heavy: Scenario["failures"] = [
    { kind: "flash-crowd", at: 0, magnitude: 10 },
    { kind: "ddos", at: 0, duration: 20, magnitude: 50, target: "role:source" },
    { kind: "crash", at: 0, duration: 10, target: "busiest" },
    { kind: "link-cut", at: 0, duration: 10, target: "random" },
    { kind: "outage", at: 0, duration: 10, target: "random" },
    { kind: "churn", at: 0, magnitude: 20 },
    { kind: "congestion", at: 0, duration: 20, target: "random" },
    { kind: "disk-failure", at: 0, target: "random" },
    { kind: "breach", at: 0, duration: 20, target: "random" },
    { kind: "wiretap", at: 0, duration: 20, target: "random" },
  ];
  const failures = Array.from({ length: 100 }, (_, i) => ({ ...heavy[i % heavy.length]!, at: 2 + i }));
  return {
    ...district,
    name: "Largest allowed",
    duration: 120,
    map: { ...district.map, routers: 80, servers: 20, users: 300 } as Scenario["map"],
    failures,
  };
}

/** Runs a step and returns the longest event-loop delay seen while it ran, in milliseconds. */
async function longestStall(step: () => Promise<unknown>): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  await step();
  h.disable();
  return h.max / 1e6;
}

const steps: [string, () => Promise<unknown>][] = [
  [
    "crafted classroom through the matchmaker (5,000 users)",
    () =>
      post("/matchmake/create/classroom", {
        scenario: { ...BUILT_IN_SCENARIOS.calm!, map: { ...BUILT_IN_SCENARIOS.calm!.map, users: 5000 } },
        scenarioCode: null,
        mode: "versus",
        hostKey: "chosen-by-caller-0123456789",
      }),
  ],
  [
    "new class: district (481 nodes) and its host joins",
    async () => {
      const made = await post("/api/classes", { scenario: "district" });
      const room = await new Client(base).joinById(String(made.json.code), { hostKey: made.json.hostKey });
      await room.leave();
    },
  ],
  [
    "save the largest allowed scenario",
    async () => {
      const saved = await post("/api/scenarios", { scenario: largest() });
      if (saved.status !== 201) throw new Error(`save refused: ${JSON.stringify(saved.json)}`);
      savedCode = String(saved.json.id);
    },
  ],
  [
    "new class on it (its par measured in slices)",
    async () => {
      const made = await post("/api/classes", { scenario: savedCode });
      if (made.status !== 201) throw new Error(`class refused: ${JSON.stringify(made.json)}`);
      const room = await new Client(base).joinById(String(made.json.code), { hostKey: made.json.hostKey });
      await room.leave();
    },
  ],
  ["preview of the largest allowed scenario", () => post("/api/preview", { scenario: largest() })],
  [
    "ten district solo games at once",
    async () => {
      const rooms = await Promise.all(
        Array.from({ length: 10 }, () => new Client(base).create("solo", { scenario: "district" })),
      );
      await Promise.all(rooms.map((r) => r.leave()));
    },
  ],
];
let savedCode = "";

console.log(
  `Stall benchmark — longest event-loop delay per step, median of ${RUNS} runs, node ${process.version}\n`,
);
console.log(`${"step".padEnd(58)}${"median ms".padStart(11)}${"worst ms".padStart(10)}`);
let over = 0;
for (const [name, step] of steps) {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await longestStall(step));
  const worst = Math.max(...runs);
  if (median(runs) > BUDGET_MS) over++;
  console.log(`${name.padEnd(58)}${median(runs).toFixed(1).padStart(11)}${worst.toFixed(1).padStart(10)}`);
}
console.log(`\nbudget: ${BUDGET_MS} ms per step (median) — ${over === 0 ? "met" : `${over} step(s) over`}`);
await server.close();
process.exit(0);
