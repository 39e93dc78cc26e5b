import type { ExecutionContext, R2Bucket, ScheduledController } from "@cloudflare/workers-types";
import { createClient } from "@libsql/client/web";
import { createApp, type App } from "./app.ts";
import { parseConfig } from "./config.ts";
import { createDb } from "./db/client.ts";
import type { Deps } from "./deps.ts";
import { runScheduledJobs } from "./jobs/run.ts";
import { faultLog } from "./lib/problem.ts";
import { bindingRateLimiter, memoryRateLimiter, type CloudflareRateLimitBinding } from "./lib/rate-limit.ts";
import { missingBlobStore, r2BlobStore } from "./runtime/r2-blobs.ts";

interface Bindings extends Record<string, unknown> {
  BLOBS?: R2Bucket;
  RATE_LIMITER?: CloudflareRateLimitBinding;
}

/**
 * Workers entry: libSQL over HTTP (Turso or sqld). One app and client per isolate, built on the
 * first request from validated bindings; migrations are applied at deploy time, not here.
 */
let cached: { env: Bindings; deps: Deps; app: App } | undefined;

function build(env: Bindings) {
  if (cached?.env === env) return cached;
  const config = parseConfig(env);
  if (config.LIBSQL_URL.startsWith("file:")) {
    throw new Error("LIBSQL_URL must be a libsql://, https:// or http:// URL on Workers");
  }
  const client = createClient({ url: config.LIBSQL_URL, authToken: config.LIBSQL_AUTH_TOKEN });
  const deps: Deps = {
    config,
    client,
    db: createDb(client),
    blobs: env.BLOBS ? r2BlobStore(env.BLOBS) : missingBlobStore(),
    rateLimiter: env.RATE_LIMITER ? bindingRateLimiter(env.RATE_LIMITER) : memoryRateLimiter(),
    now: Date.now,
    clientAddress: (c) => c.req.header("cf-connecting-ip") ?? "unknown",
    log: (line) => console.log(JSON.stringify(line)),
  };
  cached = { env, deps, app: createApp(deps) };
  return cached;
}

export default {
  async fetch(request: Request, env: Bindings, ctx: ExecutionContext): Promise<Response> {
    return build(env).app.fetch(request, env, ctx as never);
  },
  async scheduled(_controller: ScheduledController, env: Bindings, ctx: ExecutionContext): Promise<void> {
    const { deps } = build(env);
    // A failure is logged here, through faultLog, rather than left to the runtime, which would log
    // the error's message: a failed query's message repeats its parameters (phones, names).
    ctx.waitUntil(
      runScheduledJobs(deps).then(
        (r) => deps.log({ level: "info", msg: "scheduled jobs", ...r }),
        (err) => deps.log({ level: "error", msg: "scheduled jobs failed", ...faultLog(err) }),
      ),
    );
  },
};
