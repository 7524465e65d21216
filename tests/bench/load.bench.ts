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
 * After the classroom steps comes the school step: one room of 400 students on `district` (--big N
 * students, --big-scenario NAME, --big-seconds S measured, 60 by default; --big 0 skips it), alone on
 * the process.
 *
 * With --server-first every server process runs at real-time priority (SCHED_FIFO, through `chrt`;
 * Linux, as root or with CAP_SYS_NICE): the bots then only run while the servers wait, about as if
 * they were on machines of their own, and the tick figures are the servers' own.
 *
 * Budgets: room tick (simulation + encoding) p99 ≤ 5 ms; event-loop lag p99 ≤ 20 ms in every
 * process; ≤ 16 KB/s downstream per client; every join succeeds, no errors; in the school step, host
 * trigger → banner on every client p95 ≤ 150 ms. Writing patches to sockets is printed apart from the
 * tick (it grows with the clients, not with the work). The bot clients run on the same machine and take
 * CPU from the servers: the figures are a floor for what a dedicated machine holds.
 */
import { execFileSync } from "node:child_process";
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
/**
 * The school step measures longer: half of `district`'s two-minute round, past the first seconds
 * where code is not yet compiled and the room's first state objects are made.
 */
const BIG_SECONDS = Number(arg("big-seconds", "60"));
const SCENARIO = arg("scenario", "stormy-day");
const STUDENTS = Number(arg("students", "40"));
const BIG = Number(arg("big", "400"));
const BIG_SCENARIO = arg("big-scenario", "district");
const SERVER_FIRST = process.argv.includes("--server-first");
/** The real-time priority --server-first gives the servers (1–99; any is above every ordinary process). */
const SERVER_PRIORITY = 10;
const WARMUP_SECONDS = 5;
/** Protocol.ROOM_DATA, and the "banner" message type as msgpack writes it (a fixstr). */
const ROOM_DATA = 13;
const BANNER = Buffer.from([0xa0 | 6, ...Buffer.from("banner")]);

type Metrics = MetricsSnapshot & { rooms: number; clients: number };

/** A student that joins through the matchmaker of any process, acknowledges the join and counts bytes. */
class CountingStudent {
  bytes = 0;
  joinMs = 0;
  closedUnexpectedly = false;
  /** When each banner arrived (performance.now()). */
  banners: number[] = [];
  constructor(readonly room: number) {}
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
        if (data[0] === ROOM_DATA && data.subarray(1, 1 + BANNER.length).equals(BANNER))
          this.banners.push(performance.now());
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

  /** Leaves as colyseus.js does (LEAVE_ROOM, then the server closes): the seat is freed at once. */
  close(): void {
    this.leaving = true;
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(Buffer.from([12]));
    else this.ws?.close();
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
  // Thousands of students from one address: the per-address limits would (rightly) stop them. The
  // server works out every built-in's par when it starts, as `npm start` does (tests skip it): the
  // simulation's code is compiled before the first class, not during the first minute of it.
  Object.assign(env, { RATE_LIMIT_SCALE: "1000", METRICS_KEY, WARM_PAR: "1" });
  const servers = await Promise.all(Array.from({ length: PROCESSES }, () => spawnServer(env)));
  const refused = SERVER_FIRST ? servers.map(serverFirst).find((why) => why !== null) : null;
  if (refused) {
    for (const s of servers) s.child.kill("SIGTERM");
    console.error(`--server-first: a server could not be given real-time priority (${refused}).`);
    console.error("It needs Linux's chrt, and root or CAP_SYS_NICE; run without --server-first otherwise.");
    process.exit(2);
  }
  return servers;
}

/** Puts every thread of a server process ahead of the bots (--server-first); why not, if it cannot. */
function serverFirst(server: ServerProcess): string | null {
  const args = ["--all-tasks", "--fifo", "--pid", String(SERVER_PRIORITY), String(server.child.pid)];
  try {
    execFileSync("chrt", args, { stdio: "pipe" });
    return null;
  } catch (e) {
    return (e as { stderr?: Buffer }).stderr?.toString().trim() || String(e);
  }
}

interface Step {
  label: string;
  hosts: Room[];
  students: CountingStudent[];
  joins: number[];
  attempted: number;
  failed: number;
}

/** Creates classes through any process and joins their students; returns the hosts. */
async function openRooms(
  step: Step,
  count: number,
  students: number,
  scenario: string,
  next: () => string,
  onRoomError: () => void,
): Promise<void> {
  while (step.hosts.length < count) {
    // Each class is created, hosted and joined through whichever process is next: no stickiness.
    const res = await fetch(`${next()}/api/classes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario, duration: 1800 }),
    });
    const { code, hostKey } = (await res.json()) as { code: string; hostKey: string };
    const host = await new Client(next()).joinById(code, { hostKey });
    for (const t of ["you", "banner", "ok", "pong", "results", "error"]) host.onMessage(t, () => {});
    host.onMessage("room-error", onRoomError);
    const room = step.hosts.length;
    step.hosts.push(host);
    const joins = Array.from({ length: students }, async (_, s) => {
      const student = new CountingStudent(room);
      step.attempted++;
      try {
        await student.join(next(), code, `Pupil ${s + 1}`);
        step.students.push(student);
        step.joins.push(student.joinMs);
      } catch {
        step.failed++;
      }
    });
    await Promise.all(joins);
    host.send("host", { type: "start" });
  }
}

/**
 * Plays a step for `seconds` with a host breaking something every 2 s (round-robin over rooms), then
 * prints its figures. Returns the budgets it broke.
 */
async function measure(
  step: Step,
  servers: ServerProcess[],
  hostErrors: () => number,
  seconds = SECONDS,
): Promise<string[]> {
  const bases = servers.map((s) => s.url);
  const { hosts, students } = step;
  await new Promise((r) => setTimeout(r, WARMUP_SECONDS * 1000));
  await Promise.all(bases.map((b) => fetchMetrics(b, "?reset=1")));
  const bytesBefore = students.map((s) => s.bytes);
  const start = performance.now();
  const kinds = ["crash", "link-cut", "congestion", "flash-crowd"];
  const triggers: { room: number; at: number }[] = [];
  let k = 0;
  const chaos = setInterval(() => {
    const room = k % hosts.length;
    triggers.push({ room, at: performance.now() });
    hosts[room]!.send("host", {
      type: "trigger",
      failure: { kind: kinds[k % kinds.length], duration: 10 },
    });
    k++;
  }, 2000);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  clearInterval(chaos);
  const elapsed = (performance.now() - start) / 1000;
  await new Promise((r) => setTimeout(r, 1000)); // the last trigger's banners
  const metrics = await Promise.all(
    bases.map(async (b) => (await (await fetchMetrics(b)).json()) as Metrics),
  );
  const rates = students.map((s, i) => (s.bytes - bytesBefore[i]!) / elapsed / 1024);
  const avgRate = rates.reduce((a, b) => a + b, 0) / Math.max(1, rates.length);
  // Trigger → banner: for every trigger, each of its room's students' first banner after it.
  const latencies: number[] = [];
  let missed = 0;
  for (const t of triggers) {
    for (const s of students) {
      if (s.room !== t.room) continue;
      const seen = s.banners.find((b) => b >= t.at);
      if (seen !== undefined && seen - t.at < 2000) latencies.push(seen - t.at);
      else missed++;
    }
  }
  const ccu = metrics.reduce((n, m) => n + m.clients, 0);
  const dropped = students.filter((s) => s.closedUnexpectedly).length;
  const errors = step.failed + dropped + hostErrors();

  console.log(`\n${step.label}: ${hosts.length} rooms, CCU ${ccu}`);
  console.log(
    `  joins                  ${step.attempted - step.failed}/${step.attempted} succeeded   p50 ${fmt(percentile(step.joins, 0.5), 0)} ms   p99 ${fmt(percentile(step.joins, 0.99), 0)} ms`,
  );
  const kind = (k: { p50: number; p99: number }) => `${k.p50} / ${k.p99} ms`;
  metrics.forEach((m, i) => {
    console.log(
      `  process ${i + 1} (:${servers[i]!.port})   ${m.rooms} rooms, ${m.clients} clients, tick (sim + encode) p50 ${m.tickMs.p50} ms p99 ${m.tickMs.p99} ms (sim p99 ${m.simMs.p99}: step ${m.simPartsMs.step}, hash ${m.simPartsMs.hash}, projection ${m.simPartsMs.project}; encode p99 ${m.encodeMs.p99}), socket writes p99 ${m.sendMs.p99} ms, lag p99 ${m.eventLoopLagMs.p99} ms, CPU ${m.cpuPercent} %, ${m.memoryMB} MB\n    simulation by tick (p50 / p99): once a second ${kind(m.simByTickMs.second)}, state hash ${kind(m.simByTickMs.hash)}, the rest ${kind(m.simByTickMs.other)}${m.twinMs?.samples ? `\n    autopilot twin between ticks (the live standing): p50 ${m.twinMs.p50} ms, p99 ${m.twinMs.p99} ms a step` : ""}`,
    );
  });
  console.log(
    `  downstream per client  avg ${fmt(avgRate, 2)} KB/s   p95 ${fmt(percentile(rates, 0.95), 2)} KB/s`,
  );
  const p95 = percentile(latencies, 0.95);
  console.log(
    `  trigger → banner       p50 ${fmt(percentile(latencies, 0.5), 0)} ms   p95 ${fmt(p95, 0)} ms (${latencies.length} banners, ${missed} missing, ${triggers.length} triggers)`,
  );
  console.log(
    `  errors                 ${errors} (join failures ${step.failed}, dropped ${dropped}, room errors ${hostErrors()})`,
  );
  const broken = [
    ...metrics.flatMap((m, i) => [
      m.tickMs.p99 > 5 ? `tick p99 ${m.tickMs.p99} ms > 5 ms in process ${i + 1}` : null,
      m.eventLoopLagMs.p99 > 20 ? `lag p99 ${m.eventLoopLagMs.p99} ms > 20 ms in process ${i + 1}` : null,
    ]),
    avgRate > 16 ? `downstream ${fmt(avgRate, 2)} KB/s > 16 KB/s` : null,
    p95 > 150 ? `trigger → banner p95 ${fmt(p95, 0)} ms > 150 ms` : null,
    missed > 0 ? `${missed} banners missing` : null,
    errors > 0 ? `${errors} errors` : null,
  ].filter((x): x is string => x !== null);
  console.log(`  budgets                ${broken.length ? `BROKEN: ${broken.join("; ")}` : "all met"}`);
  return broken;
}

/**
 * Closes a step's clients, once: a second call finds nothing to close (a host room that has left
 * already never settles its leave() again, and the benchmark would wait for it forever).
 */
async function closeStep(step: Step): Promise<void> {
  const students = step.students.splice(0);
  const hosts = step.hosts.splice(0);
  for (const s of students) s.close();
  const bounded = (p: Promise<unknown>) =>
    Promise.race([p.catch(() => {}), new Promise((r) => setTimeout(r, 2000))]);
  await Promise.all(hosts.map((h) => bounded(h.leave())));
}

async function main(): Promise<void> {
  const servers = await startCluster();
  const bases = servers.map((s) => s.url);
  let hostErrors = 0;
  let lastGood: { clients: number; rooms: number } | null = null;
  let limit = `no budget broke up to ${STEPS.at(-1)} rooms`;
  const next = (() => {
    let i = 0;
    return () => bases[i++ % bases.length]!;
  })();
  console.log(
    `bench:load: ${PROCESSES} process(es), rooms of ${STUDENTS} students + host, scenario ${SCENARIO}, ${SECONDS} s per step${BIG ? `; then one room of ${BIG} on ${BIG_SCENARIO} for ${BIG_SECONDS} s` : ""}${SERVER_FIRST ? `; servers at real-time priority ${SERVER_PRIORITY} (SCHED_FIFO), ahead of the bots` : ""}`,
  );
  const classes: Step = { label: "classes", hosts: [], students: [], joins: [], attempted: 0, failed: 0 };
  const onRoomError = () => hostErrors++;
  try {
    for (const target of STEPS) {
      classes.joins = [];
      await openRooms(classes, target, STUDENTS, SCENARIO, next, onRoomError);
      const broken = await measure(classes, servers, () => hostErrors);
      if (broken.length) {
        limit = broken.join("; ");
        if (RAMP) break;
      } else
        lastGood = { clients: classes.students.length + classes.hosts.length, rooms: classes.hosts.length };
    }
    console.log(
      `\nmost clients within every budget on ${PROCESSES} process(es): ${lastGood ? `${lastGood.clients} (${lastGood.rooms} rooms)` : "none measured"}; ${RAMP ? "limit" : "last step"}: ${limit}`,
    );
    await closeStep(classes);
    if (BIG > 0) {
      await new Promise((r) => setTimeout(r, 3000)); // the classes close and their rooms go
      hostErrors = 0;
      const school: Step = { label: "school", hosts: [], students: [], joins: [], attempted: 0, failed: 0 };
      await openRooms(school, 1, BIG, BIG_SCENARIO, next, onRoomError);
      const broken = await measure(school, servers, () => hostErrors, BIG_SECONDS);
      await closeStep(school);
      console.log(
        `\none room of ${BIG} students on ${BIG_SCENARIO}: ${broken.length ? `BROKEN: ${broken.join("; ")}` : "every budget met"}`,
      );
    }
  } finally {
    await closeStep(classes);
    for (const s of servers) s.child.kill("SIGTERM");
  }
}

await main();
process.exit(0);
