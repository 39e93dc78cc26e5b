import { createAdaptorServer } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createApp } from "./app.ts";
import { parseConfig } from "./config.ts";
import { diskBlobStore } from "./runtime/disk-blobs.ts";
import { localSecrets } from "./runtime/local-secrets.ts";
import { nodeDeps, openDatabase } from "./runtime/node-deps.ts";
import { runScheduledJobs } from "./jobs/run.ts";
import { faultLog } from "./lib/problem.ts";
import { seedDemoIfEmpty } from "./seed/demo.ts";

/**
 * Node entry: the embedded default for `npm start`. Reads process.env, falls back to a local
 * data folder, migrates, seeds the demo jurisdiction on first start, serves, and drains on exit.
 */
async function main() {
  const dataDir = process.env.DATA_DIR ?? ".data";
  const env: Record<string, string | undefined> = { ENVIRONMENT: "development", LIBSQL_URL: `file:${dataDir}/fengqiao.db`, ...process.env };
  const secrets = env.TOKEN_SECRET ? {} : await localSecrets(`${dataDir}/secrets.json`);
  const config = parseConfig({ ...secrets, ...env });
  const client = await openDatabase(config);
  const deps = nodeDeps(config, client, diskBlobStore(`${dataDir}/blobs`));

  const seeded = await seedDemoIfEmpty(deps);
  const app = createApp(deps);
  const port = Number(process.env.PORT ?? 8787);
  const host = process.env.HOST ?? "127.0.0.1";

  const server = createAdaptorServer({ fetch: app.fetch });
  // A QR campaign or an alert sends many phones at once: Node's default accept queue (511) drops
  // the rest of such a burst into SYN retries a second later. The kernel caps this at somaxconn.
  server.listen({ port, host, backlog: 4096 }, () => {
    const { port: bound } = server.address() as AddressInfo;
    const base = `http://${host === "0.0.0.0" ? "localhost" : host}:${bound}`;
    console.log(`fengqiao listening on ${base}`);
    console.log(`  API reference  ${base}/docs`);
    console.log(`  OpenAPI        ${base}/openapi.json`);
    if (seeded) console.log(seeded);
  });

  // The scheduled jobs (SLA escalation, webhook delivery, key expiry) that Workers run by cron.
  // One pass at a time: a tick that finds the last pass still running skips, and shutdown waits
  // for the running pass before closing the database, so no job writes to a closed client.
  let pass: Promise<void> | undefined;
  const jobs = setInterval(() => {
    if (pass) return;
    pass = runScheduledJobs(deps)
      .then(
        () => undefined,
        (err) => deps.log({ level: "error", msg: "scheduled jobs failed", ...faultLog(err) }),
      )
      .finally(() => (pass = undefined));
  }, Number(process.env.JOBS_INTERVAL_MS ?? 60_000));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(jobs);
    console.log(`${signal}: draining in-flight requests…`);
    // close() stops accepting and calls back once in-flight requests have been answered; then a
    // scheduled-jobs pass already running finishes before the database is closed.
    server.close(async () => {
      await pass;
      client.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
