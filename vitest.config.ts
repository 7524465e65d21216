import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    setupFiles: ["tests/setup-agent.ts"],
    include: ["tests/shared/**/*.test.ts", "tests/server/**/*.test.ts", "tests/client/**/*.test.ts"],
    testTimeout: 30_000,
    // Booting a server process (tests/server/spawn.ts) takes seconds on a busy machine.
    hookTimeout: 60_000,
  },
});
