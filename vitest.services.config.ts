import { defineConfig } from "vitest/config";

/** `npm run test:services`: tests that need a real PostgreSQL and Redis (started by tests/services/with-services). */
export default defineConfig({
  test: {
    setupFiles: ["tests/setup-agent.ts"],
    include: [
      "tests/server/store.test.ts",
      "tests/server/teacher-api.test.ts",
      "tests/services/**/*.test.ts",
    ],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // Each file starts several server processes: one file at a time on a small machine.
    fileParallelism: false,
  },
});
