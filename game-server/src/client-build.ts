/**
 * The browser client is built by `npm install` (its postinstall runs `npm run build`). When it is
 * missing or older than its sources (a developer changed them), `npm start` builds it first, in a
 * process of its own: a build takes far more memory than the server, and must never take the
 * server's (or its classes) down with it.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { log } from "./ops/log";

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
  const vite = join(dirname(createRequire(import.meta.url).resolve("vite/package.json")), "bin/vite.js");
  const args = [vite, "build", "--config", resolve(root, "game-client/vite.config.ts"), "--logLevel", "warn"];
  const code = await new Promise<number | null>((done) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: "inherit" });
    child.on("exit", done);
    child.on("error", () => done(-1));
  });
  if (code !== 0) throw new Error("the browser client could not be built: run npm run build to see why");
  return dist;
}
