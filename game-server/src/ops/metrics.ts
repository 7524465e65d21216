/**
 * Process metrics for operators and benchmarks: room tick time (simulation + state encoding), the
 * time spent handing patches to sockets (apart: it grows with the clients, not with the work), event
 * loop lag, CPU and memory. Samples live in fixed-size rings, so memory stays bounded.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";

const RING = 20_000;

class Ring {
  private readonly values = new Float64Array(RING);
  private count = 0;
  add(v: number): void {
    this.values[this.count % RING] = v;
    this.count++;
  }
  percentile(p: number): number {
    const n = Math.min(this.count, RING);
    if (n === 0) return 0;
    const sorted = Array.from(this.values.subarray(0, n)).sort((a, b) => a - b);
    return sorted[Math.min(n - 1, Math.floor((p / 100) * n))]!;
  }
  get size(): number {
    return Math.min(this.count, RING);
  }
  reset(): void {
    this.count = 0;
  }
}

const sim = new Ring();
const encode = new Ring();
const tick = new Ring();
const send = new Ring();
const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();
let cpuSince = process.cpuUsage();
let wallSince = performance.now();

/** The simulation's three parts: the step, the state hash (every few seconds) and the projection. */
const step = new Ring();
const hash = new Ring();
const projection = new Ring();

/**
 * Which tick a sample is: the once-a-second one (scores and every link's load are written), one that
 * takes the state hash, or any other. A room's slowest ticks are read against their kind: a tick slow
 * for its kind is the collector's or the machine's, not the work's.
 */
export type TickKind = "second" | "hash" | "other";
const byKind: Record<TickKind, Ring> = { second: new Ring(), hash: new Ring(), other: new Ring() };
/** A school-sized room's autopilot twin, stepped between its ticks (a classroom's is in its step). */
const twin = new Ring();

/**
 * Records one room tick's simulation time, and its parts (they add up to it); the encode of the next
 * patch completes the sample.
 */
export function recordSim(stepMs: number, hashMs: number, projectMs: number, kind: TickKind = "other"): void {
  sim.add(stepMs + hashMs + projectMs);
  byKind[kind].add(stepMs + hashMs + projectMs);
  step.add(stepMs);
  hash.add(hashMs);
  projection.add(projectMs);
}

/** One step of a room's autopilot twin taken between ticks (MatchRoom: the live standing). */
export function recordTwin(ms: number): void {
  twin.add(ms);
}

/** One room tick: its simulation, the encoding of its patch, and the writes of that patch to sockets. */
export function recordTick(simMs: number, encodeMs: number, sendMs: number): void {
  encode.add(encodeMs);
  tick.add(simMs + encodeMs);
  send.add(sendMs);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export interface MetricsSnapshot {
  samples: number;
  simMs: { p50: number; p99: number };
  /** The simulation's parts, p99 each: the step, the state hash, the projection into the room's state. */
  simPartsMs: { step: number; hash: number; project: number };
  /** The simulation's time by kind of tick (p50 and p99 of each kind's own ticks). */
  simByTickMs: Record<TickKind, { p50: number; p99: number }>;
  encodeMs: { p50: number; p99: number };
  /** Simulation + encoding. */
  tickMs: { p50: number; p99: number };
  /** Handing each tick's patch (and joiners' full states) to every client's socket. */
  sendMs: { p50: number; p99: number };
  /** School-sized rooms' autopilot twins, stepped between ticks (0 samples: none ran). */
  twinMs: { samples: number; p50: number; p99: number };
  eventLoopLagMs: { p50: number; p99: number; max: number };
  cpuPercent: number;
  memoryMB: number;
}

export function snapshot(reset = false): MetricsSnapshot {
  const cpu = process.cpuUsage(cpuSince);
  const wall = performance.now() - wallSince;
  const out: MetricsSnapshot = {
    samples: tick.size,
    simMs: { p50: round(sim.percentile(50)), p99: round(sim.percentile(99)) },
    simPartsMs: {
      step: round(step.percentile(99)),
      hash: round(hash.percentile(99)),
      project: round(projection.percentile(99)),
    },
    simByTickMs: {
      second: { p50: round(byKind.second.percentile(50)), p99: round(byKind.second.percentile(99)) },
      hash: { p50: round(byKind.hash.percentile(50)), p99: round(byKind.hash.percentile(99)) },
      other: { p50: round(byKind.other.percentile(50)), p99: round(byKind.other.percentile(99)) },
    },
    encodeMs: { p50: round(encode.percentile(50)), p99: round(encode.percentile(99)) },
    tickMs: { p50: round(tick.percentile(50)), p99: round(tick.percentile(99)) },
    sendMs: { p50: round(send.percentile(50)), p99: round(send.percentile(99)) },
    twinMs: { samples: twin.size, p50: round(twin.percentile(50)), p99: round(twin.percentile(99)) },
    eventLoopLagMs: {
      // The histogram counts the timer's own resolution (10 ms) as delay; take it off.
      p50: round(Math.max(0, lag.percentile(50) / 1e6 - 10)),
      p99: round(Math.max(0, lag.percentile(99) / 1e6 - 10)),
      max: round(Math.max(0, lag.max / 1e6 - 10)),
    },
    cpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / Math.max(1, wall)) * 100),
    memoryMB: Math.round(process.memoryUsage().rss / 2 ** 20),
  };
  if (reset) {
    sim.reset();
    step.reset();
    hash.reset();
    projection.reset();
    for (const r of Object.values(byKind)) r.reset();
    encode.reset();
    tick.reset();
    send.reset();
    twin.reset();
    lag.reset();
    cpuSince = process.cpuUsage();
    wallSince = performance.now();
  }
  return out;
}
