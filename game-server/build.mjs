/**
 * Compiles the server (game-server/src and the shared simulation) to game-server/dist: one JavaScript
 * file per entry point, the packages in node_modules left as imports. `npm run build:server` runs it,
 * so does `npm install`; game-server/start.mjs runs it when the sources are newer than the output.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));

export async function buildServer() {
  await build({
    entryPoints: [join(here, "src", "main.ts"), join(here, "src", "cluster.ts")],
    outdir: join(here, "dist"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
