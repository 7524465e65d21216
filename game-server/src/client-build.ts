/** `npm start` builds the browser client when it is missing or older than its sources. */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { log } from "./log";

const SOURCES = [
  "game-client/src",
  "game-client/index.html",
  "game-client/vite.config.ts",
  "shared",
  "assets",
];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

export async function ensureClientBuilt(root = process.cwd()): Promise<string> {
  const dist = resolve(root, "game-client/dist");
  const built = newest(join(dist, "index.html"));
  const sources = Math.max(...SOURCES.map((s) => newest(resolve(root, s))));
  if (built > 0 && built >= sources) return dist;
  log.info(
    built ? "the client's sources changed: rebuilding it…" : "building the browser client (first start)…",
  );
  const { build } = await import("vite");
  await build({ configFile: resolve(root, "game-client/vite.config.ts"), logLevel: "warn" });
  return dist;
}
