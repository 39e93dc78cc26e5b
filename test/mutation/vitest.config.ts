import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The in-process Node suite for mutation testing (`npm run mutate`): the same tests as `npm test`'s
 * `node` project, less those that start browsers, other Node versions or child processes, which
 * mutants cannot reach anyway and would only slow every run, and the SDK's size budget, which
 * Stryker's instrumentation of SDK sources overruns by design.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["test/**/*.test.ts", "sdk/test/**/*.test.ts"],
    exclude: ["test/worker/**", "**/node_modules/**", "**/*.e2e.test.ts", "sdk/test/node18.test.ts", "test/volunteers/race-processes.test.ts", "test/support/hrana-server.test.ts", "sdk/test/size.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
