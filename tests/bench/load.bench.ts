/**
 * Load benchmark: starts one game server process, or a cluster on one Redis and one PostgreSQL, and
 * drives it over real websockets on loopback with bot clients, bounded in count and time: classroom
 * rooms of 40 students plus a host who breaks something every few seconds. Rooms are added step by
 * step; after each step it measures and prints CCU, join time, tick and event-loop lag per process,
 * downstream bytes per client and errors, against the budgets of DESIGN.md §6. With --ramp it keeps
 * adding rooms until a budget breaks, and names the most clients held within all of them.
 *
 *   npm run bench:load                                   # one process, 1 then 25 rooms
 *   npm run bench:load -- --ramp 5 --max-rooms 60        # one process, +5 rooms a step until a budget breaks
 *   tests/services/with-services npm run bench:load -- --processes 2 --ramp 5
 *
 * Budgets: room tick p99 ≤ 5 ms; event-loop lag p99 ≤ 20 ms in every process; ≤ 16 KB/s downstream
 * per client; no errors. The bot clients run on the same machine and take CPU from the servers: the
 * figures are a floor for what a dedicated machine holds.
 */
import { randomBytes } from "node:crypto";
import { Client, type Room } from "colyseus.js";
import WebSocket from "ws";
import type { MetricsSnapshot } from "../../game-server/src/ops/metrics";
import { type ServerProcess, spawnServer } from "../server/spawn";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const PROCESSES = Number(arg("processes", "1"));
const RAMP = Number(arg("ramp", "0"));
const MAX_ROOMS = Number(arg("max-rooms", "60"));
const STEPS = RAMP
  ? Array.from({ length: Math.floor(MAX_ROOMS / RAMP) }, (_, i) => (i + 1) * RAMP)
  : arg("rooms", "1,25").split(",").map(Number);
const SECONDS = Number(arg("seconds", "20"));
const SCENARIO = arg("scenario", "stormy-day");
const STUDENTS = Number(arg("students", "40"));
const WARMUP_SECONDS = 5;

type Metrics = MetricsSnapshot & { rooms: number; clients: number };

/** A student that joins through the matchmaker of any process, acknowledges the join and counts bytes. */
class CountingStudent {
  bytes = 0;
  joinMs = 0;
  closedUnexpectedly = false;
  private ws: WebSocket | null = null;
  private leaving = false;

  async join(base: string, code: string, nickname: string): Promise<void> {
    const t0 = performance.now();
    const res = await fetch(`${base}/matchmake/joinById/${code}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ nickname }),
    });
    const seat = (await res.json()) as {
      sessionId?: string;
      room: { processId: string; roomId: string; publicAddress?: string };
      error?: string;
    };
    if (!seat.sessionId) throw new Error(`join failed: ${seat.error ?? res.status}`);
    // The seat names the process that holds the room; without a public address it is the one asked.
    const address = seat.room.publicAddress ?? new URL(base).host;
    const url = `ws://${address}/${seat.room.processId}/${seat.room.roomId}?sessionId=${seat.sessionId}`;
    await new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(url);
      this.ws = ws;
      let joined = false;
      ws.on("message", (data: Buffer) => {
        this.bytes += data.length;
        if (!joined && data[0] === 10) {
          joined = true;
          ws.send(Buffer.from([10])); // acknowledge JOIN_ROOM, as colyseus.js does
          this.joinMs = performance.now() - t0;
          resolve();
        }
      });
      ws.on("close", () => {
        if (!this.leaving) this.closedUnexpectedly = true;
        if (!joined) reject(new Error("closed before joining"));
      });
      ws.on("error", reject);
    });
  }

  close(): void {
    this.leaving = true;
    this.ws?.close();
  }
}

const percentile = (values: number[], q: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : 0;
};
const fmt = (x: number, digits = 1) => x.toFixed(digits);

/** The operator's key for /api/metrics, made up for this run and given to every process. */
const METRICS_KEY = randomBytes(16).toString("hex");
const fetchMetrics = (base: string, query = "") =>
  fetch(`${base}/api/metrics${query}`, { headers: { "x-metrics-key": METRICS_KEY } });

async function startCluster(): Promise<ServerProcess[]> {
  const { REDIS_URL, DATABASE_URL } = process.env;
  if (PROCESSES > 1 && (!REDIS_URL || !DATABASE_URL)) {
    console.error(
      "bench:load: several processes need REDIS_URL and DATABASE_URL, e.g.\n" +
        "  tests/services/with-services npm run bench:load -- --processes 2",
    );
    process.exit(2);
  }
  const env =
    PROCESSES > 1
      ? { REDIS_URL, DATABASE_URL, PUBLIC_ADDRESS: "127.0.0.1:{port}", LOG_LEVEL: "warn" }
      : { REDIS_URL: undefined, DATABASE_URL: undefined, DATA_DIR: "memory://", LOG_LEVEL: "warn" };
  // Thousands of students from one address: the per-address limits would (rightly) stop them.
  Object.assign(env, { RATE_LIMIT_SCALE: "1000", METRICS_KEY });
  return Promise.all(Array.from({ length: PROCESSES }, () => spawnServer(env)));
}

async function main(): Promise<void> {
  const servers = await startCluster();
  const bases = servers.map((s) => s.url);
  const students: CountingStudent[] = [];
  const hosts: Room[] = [];
  let joinFailures = 0;
  let hostErrors = 0;
  let lastGood: { clients: number; rooms: number } | null = null;
  let limit = `no budget broke up to ${STEPS.at(-1)} rooms`;
  const next = (() => {
    let i = 0;
    return () => bases[i++ % bases.length]!;
  })();
  console.log(
    `bench:load: ${PROCESSES} process(es), rooms of ${STUDENTS} students + host, scenario ${SCENARIO}, ${SECONDS} s per step`,
  );
  try {
    for (const target of STEPS) {
      const stepJoins: number[] = [];
      while (hosts.length < target) {
        // Each class is created, hosted and joined through whichever process is next: no stickiness.
        const res = await fetch(`${next()}/api/classes`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ scenario: SCENARIO, duration: 1800 }),
        });
        const { code, hostKey } = (await res.json()) as { code: string; hostKey: string };
        const host = await new Client(next()).joinById(code, { hostKey });
        for (const t of ["you", "banner", "ok", "pong", "results", "error"]) host.onMessage(t, () => {});
        host.onMessage("room-error", () => hostErrors++);
        hosts.push(host);
        const joins = Array.from({ length: STUDENTS }, async (_, s) => {
          const student = new CountingStudent();
          try {
            await student.join(next(), code, `Pupil ${s + 1}`);
            students.push(student);
            stepJoins.push(student.joinMs);
          } catch {
            joinFailures++;
          }
        });
        await Promise.all(joins);
        host.send("host", { type: "start" });
      }
      await new Promise((r) => setTimeout(r, WARMUP_SECONDS * 1000));
      await Promise.all(bases.map((b) => fetchMetrics(b, "?reset=1")));
      const bytesBefore = students.map((s) => s.bytes);
      const start = performance.now();
      const kinds = ["crash", "link-cut", "congestion", "flash-crowd"];
      let k = 0;
      const chaos = setInterval(() => {
        hosts[k % hosts.length]!.send("host", {
          type: "trigger",
          failure: { kind: kinds[k % kinds.length], duration: 10 },
        });
        k++;
      }, 2000);
      await new Promise((r) => setTimeout(r, SECONDS * 1000));
      clearInterval(chaos);
      const elapsed = (performance.now() - start) / 1000;
      const metrics = await Promise.all(
        bases.map(async (b) => (await (await fetchMetrics(b)).json()) as Metrics),
      );
      const rates = students.map((s, i) => (s.bytes - bytesBefore[i]!) / elapsed / 1024);
      const avgRate = rates.reduce((a, b) => a + b, 0) / Math.max(1, rates.length);
      const ccu = metrics.reduce((n, m) => n + m.clients, 0);
      const dropped = students.filter((s) => s.closedUnexpectedly).length;
      const errors = joinFailures + dropped + hostErrors;

      console.log(`\n${hosts.length} rooms, CCU ${ccu}`);
      console.log(
        `  join time              p50 ${fmt(percentile(stepJoins, 0.5), 0)} ms   p99 ${fmt(percentile(stepJoins, 0.99), 0)} ms (${stepJoins.length} joins this step)`,
      );
      metrics.forEach((m, i) => {
        console.log(
          `  process ${i + 1} (:${servers[i]!.port})   ${m.rooms} rooms, ${m.clients} clients, tick p99 ${m.tickMs.p99} ms, lag p99 ${m.eventLoopLagMs.p99} ms, CPU ${m.cpuPercent} %, ${m.memoryMB} MB`,
        );
      });
      console.log(
        `  downstream per client  avg ${fmt(avgRate, 2)} KB/s   p95 ${fmt(percentile(rates, 0.95), 2)} KB/s`,
      );
      console.log(
        `  errors                 ${errors} (join failures ${joinFailures}, dropped ${dropped}, room errors ${hostErrors})`,
      );
      const broken = [
        ...metrics.flatMap((m, i) => [
          m.tickMs.p99 > 5 ? `tick p99 ${m.tickMs.p99} ms > 5 ms in process ${i + 1}` : null,
          m.eventLoopLagMs.p99 > 20 ? `lag p99 ${m.eventLoopLagMs.p99} ms > 20 ms in process ${i + 1}` : null,
        ]),
        avgRate > 16 ? `downstream ${fmt(avgRate, 2)} KB/s > 16 KB/s` : null,
        errors > 0 ? `${errors} errors` : null,
      ].filter((x): x is string => x !== null);
      console.log(`  budgets                ${broken.length ? `BROKEN: ${broken.join("; ")}` : "all met"}`);
      if (broken.length) {
        limit = broken.join("; ");
        if (RAMP) break;
      } else lastGood = { clients: ccu, rooms: hosts.length };
    }
  } finally {
    for (const s of students) s.close();
    for (const h of hosts) await h.leave().catch(() => {});
    for (const s of servers) s.child.kill("SIGTERM");
  }
  console.log(
    `\nmost clients within every budget on ${PROCESSES} process(es): ${lastGood ? `${lastGood.clients} (${lastGood.rooms} rooms)` : "none measured"}; ${RAMP ? "limit" : "last step"}: ${limit}`,
  );
}

await main();
process.exit(0);
