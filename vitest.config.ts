import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/shared/**/*.test.ts", "tests/server/**/*.test.ts", "tests/client/**/*.test.ts"],
    testTimeout: 30_000,
    // Booting a server (embedded database, par of every built-in) takes seconds on a busy machine.
    hookTimeout: 60_000,
  },
});
