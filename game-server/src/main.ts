/**
 * `npm start`: builds the client if it is missing or older than its sources (SKIP_CLIENT_BUILD=1
 * skips that), then runs the game server on one port (PORT, default 2567) with the embedded database in
 * DATA_DIR (default data/db), or the PostgreSQL server at DATABASE_URL.
 */
import { resolve } from "node:path";
import { ensureClientBuilt } from "./client-build";
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
}).catch((e: unknown) => {
  console.error(`Hub & Swarm could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
log.info(`Hub & Swarm is running at ${server.url}`);
log.info(`database: ${server.store.description}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log.info(`${signal}: shutting down`);
    server.close().then(() => process.exit(0));
  });
}
