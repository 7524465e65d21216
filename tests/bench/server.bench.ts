/**
 * Server benchmark: starts the game server in its own process and drives it over real websockets on
 * loopback with bot clients (bounded in count and time): classroom rooms of 40 students plus a host.
 * Prints room tick time (simulation + encoding), event-loop lag, downstream bytes per client and CPU.
 *
 *   npm run bench:server [-- --rooms 1,25 --seconds 20 --scenario stormy-day]
 *
 * Budgets (DESIGN.md §6): tick p99 ≤ 5 ms for a 40-player room; 25 rooms × 40 clients in one process
 * with event-loop lag p99 ≤ 20 ms; ≤ 16 KB/s downstream per client.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { Client } from "colyseus.js";
import WebSocket from "ws";
import type { MetricsSnapshot } from "../../game-server/src/metrics";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const ROOM_COUNTS = arg("rooms", "1,25").split(",").map(Number);
const SECONDS = Number(arg("seconds", "20"));
const SCENARIO = arg("scenario", "stormy-day");
const STUDENTS = 40;
const WARMUP_SECONDS = 5;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(port: number): Promise<ChildProcess> {
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof", profiles the server process.
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...extra, "--import", "tsx", "game-server/src/main.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", SKIP_CLIENT_BUILD: "1" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error("server did not start");
}

/** A student that joins through the matchmaker, acknowledges the join and only counts bytes. */
class CountingStudent {
  bytes = 0;
  private ws: WebSocket | null = null;

  async join(base: string, code: string, nickname: string): Promise<void> {
    const res = await fetch(`${base}/matchmake/joinById/${code}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ nickname }),
    });
    const seat = (await res.json()) as {
      sessionId: string;
      room: { processId: string; roomId: string };
      error?: string;
    };
    if (!seat.sessionId) throw new Error(`join failed: ${JSON.stringify(seat)}`);
    const url = `${base.replace("http", "ws")}/${seat.room.processId}/${seat.room.roomId}?sessionId=${seat.sessionId}`;
    await new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(url);
      this.ws = ws;
      let joined = false;
      ws.on("message", (data: Buffer) => {
        this.bytes += data.length;
        if (!joined && data[0] === 10) {
          joined = true;
          ws.send(Buffer.from([10])); // acknowledge JOIN_ROOM, as colyseus.js does
          resolve();
        }
      });
      ws.on("error", reject);
    });
  }

  close(): void {
    this.ws?.close();
  }
}

type Metrics = MetricsSnapshot & { rooms: number; clients: number };

async function run(rooms: number): Promise<void> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(port);
  const students: CountingStudent[] = [];
  const hosts: Awaited<ReturnType<Client["joinById"]>>[] = [];
  try {
    const client = new Client(base);
    const t0 = performance.now();
    for (let r = 0; r < rooms; r++) {
      const res = await fetch(`${base}/api/classes`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenario: SCENARIO, duration: 1800 }),
      });
      const { code, hostKey } = (await res.json()) as { code: string; hostKey: string };
      const host = await client.joinById(code, { hostKey });
      for (const t of ["you", "banner", "ok", "pong", "results", "error", "room-error"])
        host.onMessage(t, () => {});
      hosts.push(host);
      const joins: Promise<void>[] = [];
      for (let s = 0; s < STUDENTS; s++) {
        const student = new CountingStudent();
        students.push(student);
        joins.push(student.join(base, code, `Bot ${s + 1}`.replace("Bot", "Pupil")));
      }
      await Promise.all(joins);
      host.send("host", { type: "start" });
    }
    const joinSeconds = (performance.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, WARMUP_SECONDS * 1000));
    await fetch(`${base}/api/metrics?reset=1`);
    const bytesBefore = students.map((s) => s.bytes);
    const start = performance.now();
    // The hosts break something now and then, as a teacher would.
    const kinds = ["crash", "link-cut", "congestion", "flash-crowd"];
    let k = 0;
    const chaos = setInterval(() => {
      const host = hosts[k % hosts.length]!;
      host.send("host", { type: "trigger", failure: { kind: kinds[k % kinds.length], duration: 10 } });
      k++;
    }, 2000);
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    clearInterval(chaos);
    const elapsed = (performance.now() - start) / 1000;
    const m = (await (await fetch(`${base}/api/metrics`)).json()) as Metrics;
    const rates = students.map((s, i) => (s.bytes - bytesBefore[i]!) / elapsed / 1024);
    rates.sort((a, b) => a - b);
    const avg = rates.reduce((a, b) => a + b, 0) / rates.length;
    const p = (q: number) => rates[Math.min(rates.length - 1, Math.floor(q * rates.length))]!;
    console.log(
      `\n${rooms} room(s) × ${STUDENTS} students + host, scenario ${SCENARIO}, ${elapsed.toFixed(0)} s measured`,
    );
    console.log(`  clients connected      ${m.clients} (joined in ${joinSeconds.toFixed(1)} s)`);
    console.log(
      `  room tick (sim+encode) p50 ${m.tickMs.p50} ms   p99 ${m.tickMs.p99} ms   (sim p99 ${m.simMs.p99}, encode p99 ${m.encodeMs.p99})`,
    );
    console.log(
      `  event-loop lag         p50 ${m.eventLoopLagMs.p50} ms   p99 ${m.eventLoopLagMs.p99} ms   max ${m.eventLoopLagMs.max} ms`,
    );
    console.log(
      `  downstream per client  avg ${avg.toFixed(2)} KB/s   p95 ${p(0.95).toFixed(2)} KB/s   max ${p(1).toFixed(2)} KB/s`,
    );
    console.log(`  server CPU             ${m.cpuPercent} % of one core, ${m.memoryMB} MB resident`);
    const verdicts = [
      rooms === 1 ? `tick p99 ${m.tickMs.p99 <= 5 ? "≤" : ">"} 5 ms` : null,
      `lag p99 ${m.eventLoopLagMs.p99 <= 20 ? "≤" : ">"} 20 ms`,
      `downstream ${avg <= 16 ? "≤" : ">"} 16 KB/s`,
    ].filter(Boolean);
    console.log(`  budgets                ${verdicts.join(", ")}`);
  } finally {
    for (const s of students) s.close();
    for (const h of hosts) await h.leave().catch(() => {});
    server.kill("SIGTERM");
  }
}

for (const rooms of ROOM_COUNTS) await run(rooms);
process.exit(0);
