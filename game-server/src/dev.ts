/**
 * `npm run dev`: the game server on GAME_SERVER_PORT (default 2567) and the Vite dev server with hot
 * reload in front of it (default http://localhost:5173), forwarding API and websocket traffic.
 */
import { resolve } from "node:path";
import { createServer } from "vite";
import { log } from "./ops/log";
import { startServer } from "./server";

const port = Number(process.env.GAME_SERVER_PORT ?? 2567);
const game = await startServer({
  port,
  clientDir: resolve("game-client/dist"),
  database: { url: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || "data/db" },
  // The pages come from Vite's dev server, another origin.
  allowedOrigins: ["http://localhost:5173", "http://127.0.0.1:5173"],
});
const vite = await createServer({ configFile: resolve("game-client/vite.config.ts") });
await vite.listen();
log.info(
  `game server at ${game.url}; open ${vite.resolvedUrls?.local[0] ?? "http://localhost:5173"} (hot reload)`,
);
