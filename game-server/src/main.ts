/**
 * `npm start`: builds the client if it is missing or older than its sources (SKIP_CLIENT_BUILD=1
 * skips that), then runs the game server on one port (PORT, default 2567) with the embedded database in
 * DATA_DIR (default data/db), or the PostgreSQL server at DATABASE_URL. With REDIS_URL it joins the
 * other processes using that Redis (see cluster.ts); PUBLIC_ADDRESS is where browsers reach it.
 */
import { resolve } from "node:path";
import { ensureClientBuilt } from "./client-build";
import { parseProxyTrust } from "./edge/addresses";
import { log } from "./log";
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
}).catch((e: unknown) => {
  console.error(`Hub & Swarm could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
log.info(`Hub & Swarm is running at ${server.url}`);
log.info(`database: ${server.store.description}`);
if (process.env.REDIS_URL)
  log.info(
    `matchmaking through Redis; browsers reach this process at ${process.env.PUBLIC_ADDRESS ?? server.url}`,
  );
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log.info(`${signal}: shutting down (storing running rounds, telling their players)`);
    // A database that hangs must not keep a deploy waiting for ever.
    setTimeout(() => {
      log.error("shutdown took longer than 15 s: exiting anyway");
      process.exit(1);
    }, 15_000).unref();
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        log.error(`shutdown: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  });
}
