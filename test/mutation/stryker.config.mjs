/**
 * `npm run mutate`: Stryker changes one operator, condition or constant at a time in the modules
 * whose rules residents and agencies rely on, and reruns the tests that reach that line. A change
 * no test notices ("survived") marks a rule nobody would hear about breaking. Not part of `npm test`:
 * a run takes minutes per module. The report lands in .tmp/mutation/.
 */
export default {
  testRunner: "vitest",
  vitest: { configFile: "test/mutation/vitest.config.ts", related: false },
  coverageAnalysis: "perTest",
  // `MUTATE=a.ts,b.ts npm run mutate` for others. Modules reached by nearly every test (problems,
  // authorization, pagination) make each mutant rerun hundreds of tests and are left out here.
  mutate: (
    process.env.MUTATE ??
    [
      "worker/services/fraud/normalize.ts",
      "worker/lib/geo.ts",
      "worker/lib/mask.ts",
      "worker/lib/zoned-time.ts",
      "worker/lib/cap-time.ts",
      "worker/lib/csv.ts",
      "worker/lib/body-fingerprint.ts",
      "worker/services/catalogue/validate-attributes.ts",
      "worker/services/signups/presence.ts",
      "sdk/src/errors.ts",
      "sdk/src/retry.ts",
      "sdk/src/webhooks.ts",
      "sdk/src/offline.ts",
      "sdk/src/wx.ts",
      "sdk/src/pagination.ts",
      "sdk/src/transport.ts",
    ].join(",")
  ).split(","),
  ignorePatterns: [".tmp", ".data"],
  // Only the mutated modules get `// @ts-nocheck`; the SDK drift test compares generated files byte for byte.
  disableTypeChecks: "worker/**/*.ts",
  tempDirName: ".tmp/stryker",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: ".tmp/mutation/index.html" },
  jsonReporter: { fileName: ".tmp/mutation/report.json" },
  concurrency: 2,
  timeoutMS: 20_000,
  ignoreStatic: true,
};
