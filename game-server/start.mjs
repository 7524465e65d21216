/**
 * `npm start` and `npm run start:cluster`: run the compiled server (game-server/dist, built by
 * `npm install`), compiling it first when it is missing or older than its sources. Everything happens
 * in this one process — no wrapper between a signal and the server — and before anything else loads,
 * an unsupported Node.js is refused in one sentence.
 *
 *   node game-server/start.mjs            the game server (dist/main.js)
 *   node game-server/start.mjs cluster    several processes on one Redis (dist/cluster.js)
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (!((major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 23)) {
  console.error(
    `Hub & Swarm needs Node.js 20.19 or later in the 20 line, or 22.12 or later; this is ${process.version}. Install a supported Node.js (https://nodejs.org) and run npm install again.`,
  );
  process.exit(1);
}

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const entry = process.argv[2] === "cluster" ? "cluster" : "main";
const compiled = join(here, "dist", `${entry}.js`);

/** The newest modification time of the TypeScript sources the server is compiled from. */
function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (e.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

process.setSourceMapsEnabled(true); // stack traces name the TypeScript sources
const sources = Math.max(newestSource(join(here, "src")), newestSource(join(root, "shared")));
if (!existsSync(compiled) || statSync(compiled).mtimeMs < sources) {
  const { buildServer } = await import("./build.mjs");
  await buildServer();
}
await import(compiled);
