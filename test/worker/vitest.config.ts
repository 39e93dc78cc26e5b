import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/**
 * The Worker build inside workerd. globalSetup (in Node) migrates a libSQL file and serves it
 * over Hrana HTTP on loopback; the Worker reaches it through @libsql/client/web like it would
 * reach Turso or sqld.
 */
export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      main: "./worker/index.ts",
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          ENVIRONMENT: "test",
          LIBSQL_URL: inject<string>("libsqlUrl"),
          TOKEN_SECRET: "worker-test-token-secret-0123456789abcdef",
          INDICATOR_SECRET: "worker-test-indicator-secret-0123456789abcd",
          LOG_REQUESTS: "false",
        },
        // Photos go to R2 on Workers (`BLOBS`, see README "Deploy"); miniflare keeps this one in memory.
        r2Buckets: ["BLOBS"],
        // Workers' own rate limiting (README "Deploy"): 100 a minute per key here, well above what
        // the suite sends with one key, so only the test that means to exceed it does.
        ratelimits: { RATE_LIMITER: { namespace_id: "1001", simple: { limit: 100, period: 60 } } },
      },
    })),
  ],
  test: {
    name: "workers",
    root: new URL("../..", import.meta.url).pathname,
    include: ["test/worker/**/*.test.ts"],
    globalSetup: ["test/worker/global-setup.ts"],
    testTimeout: 30_000,
  },
});
