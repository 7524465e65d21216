/**
 * `npm run start:cluster`: N game server processes on consecutive ports, sharing one Redis (Colyseus's
 * RedisPresence and RedisDriver: any process reserves a seat in a room on any other) and one
 * PostgreSQL. Each process is told its own public address, so a student's websocket goes straight to
 * the process that holds their room and no sticky sessions are needed.
 *
 *   REDIS_URL=redis://… DATABASE_URL=postgres://… npm run start:cluster -- --processes 2
 *
 * Environment: PORT (first port, default 2567), HOST, PUBLIC_ADDRESS_TEMPLATE (how browsers reach
 * process N: "{host}:{port}" by default with PUBLIC_HOST, default localhost; behind the example
 * reverse proxy "school.example.org/p{port}"). A process that dies is started again after a second;
 * the rooms it held are gone, every other room carries on.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { ensureClientBuilt } from "./client-build";
import { log } from "./ops/log";

function fail(message: string): never {
  console.error(`start:cluster: ${message}`);
  process.exit(2);
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fail(`--${name} needs a value`)) : fallback;
}

const count = Number(option("processes", process.env.PROCESSES ?? "2"));
if (!Number.isInteger(count) || count < 1 || count > 32)
  fail("--processes must be a whole number from 1 to 32");
const firstPort = Number(process.env.PORT ?? "2567");
if (!Number.isInteger(firstPort) || firstPort < 1 || firstPort + count - 1 > 65535)
  fail(`PORT must leave room for ${count} consecutive ports`);
if (!process.env.REDIS_URL) fail("set REDIS_URL: the processes meet in one Redis (redis://host:port)");
if (!process.env.DATABASE_URL)
  fail("set DATABASE_URL: the processes share one PostgreSQL (postgres://user:password@host:port/name)");
const template = process.env.PUBLIC_ADDRESS_TEMPLATE ?? "{host}:{port}";
const publicHost = process.env.PUBLIC_HOST ?? "localhost";

await ensureClientBuilt();

/** How a process is started: compiled (as `npm run start:cluster` runs this), or from the sources. */
const SERVER = import.meta.url.endsWith("/dist/cluster.js")
  ? ["game-server/start.mjs"]
  : ["--import", "tsx", "game-server/src/main.ts"];

const children = new Map<number, ChildProcess>();
let stopping = false;

function start(port: number): void {
  const publicAddress = template.replaceAll("{host}", publicHost).replaceAll("{port}", String(port));
  // Each process in its own group: a Ctrl-C or a group SIGTERM reaches only this parent, which tells
  // every process once. The IPC channel tells a process when this parent is gone (see main.ts).
  const child = spawn(process.execPath, SERVER, {
    env: { ...process.env, PORT: String(port), PUBLIC_ADDRESS: publicAddress, SKIP_CLIENT_BUILD: "1" },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    detached: true,
  });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter(Boolean)
      .map((line) => `[${port}] ${line}\n`)
      .join("");
  child.stdout!.on("data", (c: Buffer) => process.stdout.write(prefix(c)));
  child.stderr!.on("data", (c: Buffer) => process.stderr.write(prefix(c)));
  child.on("exit", (code, signal) => {
    children.delete(port);
    if (stopping) return;
    log.warn(`process on port ${port} stopped (${signal ?? `exit ${code}`}); starting it again in 1 s`);
    setTimeout(() => !stopping && start(port), 1000);
  });
  children.set(port, child);
}

for (let i = 0; i < count; i++) start(firstPort + i);
log.info(`cluster: ${count} processes on ports ${firstPort}–${firstPort + count - 1}`);

/** Ctrl-C, systemctl stop (the whole group), or a closed terminal: each process is told once. */
function stopAll(signal: string): void {
  if (stopping) return;
  stopping = true;
  log.info(`${signal}: stopping ${children.size} processes`);
  for (const child of children.values()) child.kill("SIGTERM");
  const check = setInterval(() => {
    if (children.size === 0) {
      clearInterval(check);
      process.exit(0);
    }
  }, 100);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => stopAll(signal));
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
