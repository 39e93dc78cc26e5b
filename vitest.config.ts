import { defineConfig } from "vitest/config";

/**
 * Two suites: `node` runs the app in-process against fresh embedded databases; `workers` runs
 * the Worker build inside workerd against a libSQL engine over HTTP (test/worker/).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          include: ["test/**/*.test.ts", "sdk/test/**/*.test.ts"],
          exclude: ["test/worker/**", "**/node_modules/**"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      "test/worker/vitest.config.ts",
    ],
  },
});
