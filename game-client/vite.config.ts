import { readdirSync, rmSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { defineConfig, type Plugin } from "vite";

/** The game server the dev server forwards API and websocket traffic to. */
const server = `http://localhost:${process.env.GAME_SERVER_PORT ?? 2567}`;

const publicDir = resolve(import.meta.dirname, "../assets");
/** The project's shared/ folder (the simulation and the contract), as module ids start with it. */
const sharedDir = resolve(import.meta.dirname, "../shared") + sep;

/** Files under `dir` whose names end with `ending`, as paths relative to `dir`. */
function filesEnding(dir: string, ending: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(ending));
}

/**
 * assets/ is the public folder (the icons the client loads by key), and it also holds the art's notes
 * (README.md): Vite copies the whole folder, so the notes are taken out of the build again. The
 * server would not serve them anyway; the build should not hold them either.
 */
function withoutNotes(): Plugin {
  return {
    name: "without-notes",
    apply: "build",
    writeBundle(options) {
      const outDir = options.dir ?? resolve(import.meta.dirname, "dist");
      for (const note of filesEnding(publicDir, ".md")) rmSync(join(outDir, note), { force: true });
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  publicDir,
  plugins: [withoutNotes()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Maps would publish the whole client source (12 MB): only a build that asks (SOURCEMAP=1) has them.
    sourcemap: process.env.SOURCEMAP === "1",
    target: "es2022",
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // bench.html is the rendering benchmark's page; players only ever load index.html.
      input: { main: "index.html", bench: "bench.html" },
      // shared/ is definitions only (nothing runs at import), so what a page does not use is left out
      // of it even when reached through shared/index.ts: the simulation comes with a replay, not first.
      treeshake: { moduleSideEffects: (id) => !id.startsWith(sharedDir) },
    },
  },
  server: {
    proxy: {
      "/api": server,
      "/health": server,
      "/matchmake": server,
      // Colyseus room connections: /<processId>/<roomId>?sessionId=…
      "^/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+\\?sessionId=": { target: server, ws: true },
    },
  },
});
