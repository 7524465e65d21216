import { defineConfig } from "vitest/config";

/** Browser tests: real headless Chromium against a real server (npm run test:e2e). */
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
