import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/shared/**/*.test.ts", "tests/server/**/*.test.ts", "tests/client/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
