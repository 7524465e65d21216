import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    setupFiles: ["tests/setup-agent.ts"],
    // A freshly initialised embedded database, made once, for every server the tests start.
    globalSetup: ["tests/global-setup.ts"],
    include: ["tests/shared/**/*.test.ts", "tests/server/**/*.test.ts", "tests/client/**/*.test.ts"],
    testTimeout: 30_000,
    // Vitest runs one file at a time on two cores (one core less than the machine has). Half of the
    // files mostly wait (on a server's ticks, a websocket, a child process): two at a time keeps both
    // cores busy. Each server test boots its own server on a free port, so files do not collide.
    maxWorkers: 2,
    // Booting a server process (tests/server/spawn.ts) takes seconds on a busy machine.
    hookTimeout: 60_000,
  },
});
