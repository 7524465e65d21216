import { defineConfig } from "vite";

/** The game server the dev server forwards API and websocket traffic to. */
const server = `http://localhost:${process.env.GAME_SERVER_PORT ?? 2567}`;

export default defineConfig({
  root: import.meta.dirname,
  publicDir: "../assets",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    target: "es2022",
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // bench.html is the rendering benchmark's page; players only ever load index.html.
      input: { main: "index.html", bench: "bench.html" },
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
