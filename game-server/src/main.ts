/**
 * `npm start`: builds the client if it is missing or older than its sources (SKIP_CLIENT_BUILD=1
 * skips that), then runs the game server on one port (PORT, default 2567) with the embedded database in
 * DATA_DIR (default data/db), or the PostgreSQL server at DATABASE_URL. With REDIS_URL it joins the
 * other processes using that Redis (see cluster.ts); PUBLIC_ADDRESS is where browsers reach it.
 */
import { resolve } from "node:path";
import { ensureClientBuilt } from "./client-build";
import { parseProxyTrust } from "./edge/addresses";
import { log } from "./ops/log";
import { startServer } from "./server";

function port(): number {
  const raw = process.env.PORT ?? "2567";
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`PORT must be a port number (0–65535), not "${raw}"`);
    process.exit(2);
  }
  return n;
}

const server = await startServer({
  port: port(),
  host: process.env.HOST,
  clientDir: process.env.SKIP_CLIENT_BUILD === "1" ? resolve("game-client/dist") : await ensureClientBuilt(),
  database: { url: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || "data/db" },
  redisUrl: process.env.REDIS_URL || undefined,
  allowedOrigins: (process.env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean),
  trustProxy: parseProxyTrust(process.env.TRUST_PROXY),
  limitScale: Number(process.env.RATE_LIMIT_SCALE ?? "1") || 1,
  publicAddress: process.env.PUBLIC_ADDRESS || undefined,
  ...(process.env.PENDING_DIR && { pendingDir: process.env.PENDING_DIR }),
  warmPar: process.env.WARM_PAR !== "0",
  publicUrl: process.env.PUBLIC_URL || undefined,
}).catch((e: unknown) => {
  console.error(`Hub & Swarm could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
log.info(`Hub & Swarm is running at ${server.url}`);
log.info(
  server.joinAddress
    ? `students join at ${server.joinAddress}`
    : "no network address found: students on other machines cannot join (set PUBLIC_URL)",
);
// The database opens while the server already answers; a database that cannot open ends the start.
server.store.ready.then(
  () => log.info(`database: ${server.store.description}`),
  (e: unknown) => {
    console.error(`Hub & Swarm could not start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
if (process.env.REDIS_URL)
  log.info(
    `matchmaking through Redis; browsers reach this process at ${process.env.PUBLIC_ADDRESS ?? server.url}`,
  );
/**
 * What stops the server, each the same way (store running rounds as interrupted, tell their players,
 * exit): Ctrl-C (SIGINT), `systemctl stop` or `kill` (SIGTERM, to the process or its whole group), a
 * closed terminal or SSH session (SIGHUP), and, under start:cluster, the parent going away. A signal
 * sent to the group arrives twice (once directly, once relayed by npm): the repeat is ignored.
 */
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
/** Longest a shutdown may take: a database that hangs must not keep a deploy waiting for ever. */
const SHUTDOWN_LIMIT_MS = 15_000;
let stopping = false;

function stop(why: string): void {
  if (stopping) {
    log.info(`${why}: already shutting down`);
    return;
  }
  stopping = true;
  log.info(`${why}: shutting down (storing running rounds, telling their players)`);
  setTimeout(() => {
    log.error(`shutdown took longer than ${SHUTDOWN_LIMIT_MS / 1000} s: exiting anyway`);
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS).unref();
  server.close().then(
    () => process.exit(0),
    (e: unknown) => {
      log.error(`shutdown: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}

for (const signal of STOP_SIGNALS) process.on(signal, () => stop(signal));
// `npm start` runs the server under a shell that does not pass signals on: `kill` of npm's PID ends
// npm and the shell, and leaves this process to its new parent. A changed parent is a stop too.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop("the process that started the server went away");
}, 1000).unref();
// start:cluster talks to its processes over IPC: a parent that vanished (killed) leaves no one to
// relay a stop, so the channel closing is one.
if (process.connected) process.on("disconnect", () => stop("start:cluster went away"));
// After a terminal closes, writing to it fails (EIO): a log line must not end the shutdown.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
