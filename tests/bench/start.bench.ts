/**
 * Start and memory benchmark: how soon a freshly started server answers /health, and its memory
 * (resident set) idle and with 25 classes open. Budgets (DESIGN.md §6):
 * /health within 3 s of launch; an idle server ≤ 300 MB with the embedded database.
 *
 *   npm run bench:start [-- --runs N]
 *   tests/services/with-services npm run bench:start     # the same on a PostgreSQL server
 *
 * The server runs as `npm start` runs it (the compiled server, game-server/start.mjs), in a process of its own, on an
 * embedded database in a fresh folder (first start: the database is created) and again on the same
 * folder (a usual start). Memory is read from /proc, so this benchmark needs Linux.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "colyseus.js";
import { median } from "../../shared/scoring";
import { freePort } from "../server/spawn";

const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 3) : 3;

const rssMB = (pid: number) =>
  Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function launch(dataDir: string): Promise<{ child: ChildProcess; url: string; ms: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ["game-server/start.mjs"], {
    env: {
      ...process.env,
      REDIS_URL: "", // one process: a cluster is measured by bench:load
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      SKIP_CLIENT_BUILD: "1",
      LOG_LEVEL: "error",
      RATE_LIMIT_SCALE: "10",
    },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${url}/health`)).ok) return { child, url, ms: performance.now() - t0 };
    } catch {}
    if (child.exitCode !== null) throw new Error("the server exited at start");
    await sleep(10);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

const rows: { first: number; usual: number; idle: number; classes: number }[] = [];
for (let run = 0; run < RUNS; run++) {
  const dir = await mkdtemp(join(tmpdir(), "hub-swarm-start-"));
  const first = await launch(join(dir, "db"));
  await stop(first.child);
  const usual = await launch(join(dir, "db"));
  await sleep(30_000); // par of the built-ins is measured in the background meanwhile
  const idle = rssMB(usual.child.pid!);
  const rooms = [];
  for (let i = 0; i < 25; i++) {
    const made = (await (
      await fetch(`${usual.url}/api/classes`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenario: i % 2 ? "server-crash" : "stormy-day" }),
      })
    ).json()) as { code: string; hostKey: string };
    rooms.push(await new Client(usual.url).joinById(made.code, { hostKey: made.hostKey }));
  }
  await sleep(5000);
  const classes = rssMB(usual.child.pid!);
  for (const r of rooms) await r.leave();
  await stop(usual.child);
  await rm(dir, { recursive: true, force: true });
  rows.push({ first: first.ms, usual: usual.ms, idle, classes });
}

const database = process.env.DATABASE_URL ? "PostgreSQL server" : "embedded database";
console.log(`Start and memory — ${database}, median of ${RUNS} runs, node ${process.version}\n`);
console.log(`/health after launch, new data folder:   ${Math.round(median(rows.map((r) => r.first)))} ms`);
console.log(
  `/health after launch, existing folder:   ${Math.round(median(rows.map((r) => r.usual)))} ms (budget 3000)`,
);
console.log(`memory idle (30 s after start):          ${median(rows.map((r) => r.idle))} MB (budget 300)`);
console.log(`memory with 25 classes open (hosts in): ${median(rows.map((r) => r.classes))} MB`);
process.exit(0);
