import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    setupFiles: ["tests/setup-agent.ts"],
    // Once per run: the compiled server, and one initialised embedded database for every server tests start.
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 30_000,
    // The default report, and the longest beforeAll/afterAll of the run against hookTimeout.
    reporters: ["default", "./tests/hook-times.ts"],
    // Vitest runs one file at a time on two cores (one core less than the machine has). Half of the
    // files mostly wait (on a server's ticks, a websocket, a child process): three at a time keeps both
    // cores busy (quiet: 133 s against 148 s with two). Each server test boots its own server on a free
    // port, so files do not collide.
    maxWorkers: 3,
    // Booting a server process (tests/server/spawn.ts) takes seconds on a busy machine.
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "simulation",
          include: ["tests/shared/**/*.test.ts", "tests/client/**/*.test.ts"],
          // Pure functions of their arguments, no mocks, no globals: files share one loaded copy of the
          // simulation instead of loading it again each (about a third of their CPU time).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "server",
          include: ["tests/server/**/*.test.ts"],
          // Each file boots its own server and closes it in afterAll (Colyseus's matchmaker and the
          // server's services are singletons, set up again by every start), so files can share one
          // loaded copy of the server and its packages instead of loading them again each: a third
          // of the project's CPU time. A file that changes process.env puts it back when it ends.
          isolate: false,
        },
      },
    ],
  },
});
