/**
 * Starting a second server where one already runs: on the same DATA_DIR it must refuse at once (two
 * processes on one embedded database lose each other's saves), on the same PORT it must refuse before
 * opening any database; each says so in one line naming the variable to change. A lock left by a
 * process that is gone does not block a start, and a server stopped with SIGTERM leaves no lock.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { freePort } from "./spawn";

// Each test starts server processes: on a busy machine loading one takes seconds.
vi.setConfig({ testTimeout: 90_000 });

/** A full start on a busy machine. */
const START_LIMIT_MS = 40_000;

interface Started {
  child: ChildProcess;
  port: number;
  output(): string;
  /** The exit code (or signal name) once the process ends. */
  exited: Promise<number | string>;
}

const children: ChildProcess[] = [];
let dir = "";

/** `npm start` (the compiled server) without the client build, on its own port and data folder. */
function launch(port: number, dataDir: string): Started {
  const child = spawn(process.execPath, ["game-server/start.mjs"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: undefined,
      REDIS_URL: undefined,
      SKIP_CLIENT_BUILD: "1",
      WARM_PAR: "0", // nothing here plays a round: par measured in the background would only take CPU
      LOG_LEVEL: "info",
      VITEST: undefined,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ?? code ?? -1)),
  );
  return { child, port, output: () => out, exited };
}

/**
 * Whether the server answering /health on its port is this process (not another test's on a reused
 * port). A connection the server closed while idle may fail once when reused: asked again then.
 */
async function answers(s: Started): Promise<boolean> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const res = await fetch(`http://127.0.0.1:${s.port}/health`);
      return res.ok && ((await res.json()) as { pid?: number }).pid === s.child.pid;
    } catch {
      if (s.child.exitCode !== null) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return false;
}

/**
 * A full start on a free port and a data folder; resolves once this process answers /health. The
 * port was free when chosen, but another test's server may take it first: then it starts again on
 * another one. Fails with its output if it exits otherwise, or takes too long.
 */
async function serving(dataDir: string): Promise<Started> {
  for (let attempt = 1; ; attempt++) {
    const s = launch(await freePort(), dataDir);
    const deadline = Date.now() + START_LIMIT_MS;
    while (Date.now() < deadline && s.child.exitCode === null && !(await answers(s)))
      await new Promise((r) => setTimeout(r, 150));
    if (s.child.exitCode === null && (await answers(s))) return s;
    if (s.child.exitCode !== null && /PORT \d+ is in use/.test(s.output()) && attempt < 3) continue;
    throw new Error(`server did not start:\n${s.output()}`);
  }
}

/** Waits for a start that must fail; returns its exit code, its output's lines and how long it took. */
async function refused(s: Started): Promise<{ code: number | string; lines: string[]; ms: number }> {
  const started = Date.now();
  const code = await Promise.race([
    s.exited,
    new Promise<string>((r) => setTimeout(() => r("still running"), START_LIMIT_MS)),
  ]);
  const lines = s
    .output()
    .split("\n")
    .filter((l) => l.trim() !== "");
  return { code, lines, ms: Date.now() - started };
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** A PID no process has: one that just exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((r) => child.once("exit", r));
  return child.pid!;
}

let first: Started;
let afterStale: Started;
const firstDir = () => join(dir, "first", "db");
const staleDir = () => join(dir, "stale", "db");

beforeAll(async () => {
  // Compiled once before the starts below (each would compile stale sources itself, all at once).
  const built = spawnSync(process.execPath, ["game-server/build.mjs"], { encoding: "utf8" });
  if (built.status !== 0) throw new Error(`npm run build:server failed:\n${built.stderr}`);
  dir = await mkdtemp(join(tmpdir(), "hub-swarm-startup-"));
  // (c) A lock left by a process killed with -9: the PID in it runs no more.
  await mkdir(join(dir, "stale"));
  await writeFile(`${staleDir()}.lock`, `${await deadPid()}\n2026-01-01T00:00:00.000Z\n`);
  // Both full starts at once: each takes seconds.
  [first, afterStale] = await Promise.all([serving(firstDir()), serving(staleDir())]);
}, 90_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  if (dir) await rm(dir, { recursive: true, force: true });
});

// "At once" is the output: the refusal is the only line, before anything of a start (the time it takes
// is the machine's: a busy one takes seconds to load the code at all).
it("a second server on the same DATA_DIR refuses at once, naming DATA_DIR and the first one's PID", async () => {
  const second = await refused(launch(await freePort(), firstDir()));
  expect(second.code).not.toBe(0);
  expect(second.code).not.toBe("still running");
  expect(second.lines).toEqual([
    `Hub & Swarm could not start: DATA_DIR "${firstDir()}" is in use by another Hub & Swarm (process ${first.child.pid}): stop that one first, or set DATA_DIR to another folder.`,
  ]);
  expect(await answers(first)).toBe(true);
  expect(first.child.exitCode).toBeNull();
});

it("a second server on the same PORT refuses before it opens a database", async () => {
  const otherDir = join(dir, "other", "db");
  const second = await refused(launch(first.port, otherDir));
  expect(second.code).not.toBe(0);
  expect(second.code).not.toBe("still running");
  expect(second.lines).toEqual([
    `Hub & Swarm could not start: PORT ${first.port} is in use (another Hub & Swarm, or another program): stop it, or set PORT to another port.`,
  ]);
  expect(await exists(join(dir, "other"))).toBe(false); // neither the folder nor its lock
  expect(await answers(first)).toBe(true);
});

it("npm start runs the compiled server, compiled from the sources it has", async () => {
  expect(await answers(first)).toBe(true);
  const newest = (dir: string): number =>
    Math.max(
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory()
          ? newest(join(dir, e.name))
          : e.name.endsWith(".ts")
            ? statSync(join(dir, e.name)).mtimeMs
            : 0,
      ),
    );
  const compiled = statSync("game-server/dist/main.js").mtimeMs;
  expect(compiled).toBeGreaterThanOrEqual(Math.max(newest("game-server/src"), newest("shared")));
  // Nothing between the signal and the server: the process started is the one that answers.
  const health = (await (await fetch(`http://127.0.0.1:${first.port}/health`)).json()) as { pid: number };
  expect(health.pid).toBe(first.child.pid);
});

it("a lock left by a process that is gone is replaced, and the server starts", async () => {
  expect(await answers(afterStale)).toBe(true);
  const lock = await readFile(`${staleDir()}.lock`, "utf8");
  expect(Number(lock.split("\n")[0])).toBe(afterStale.child.pid);
});

it("a server stopped with SIGTERM removes its lock", async () => {
  expect(await exists(`${firstDir()}.lock`)).toBe(true);
  first.child.kill("SIGTERM");
  expect(await first.exited).toBe(0);
  expect(await exists(`${firstDir()}.lock`)).toBe(false);
});
