import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "../../worker/config.ts";
import { memoryBlobStore } from "../../worker/runtime/disk-blobs.ts";
import { nodeDeps, openDatabase } from "../../worker/runtime/node-deps.ts";
import { createJurisdiction } from "../../worker/services/jurisdictions/create-jurisdiction.ts";
import { seedCatalogue } from "../../worker/services/catalogue/seed-catalogue.ts";
import { createKey } from "../../worker/services/keys/create-key.ts";
import type { BenchContext } from "./context.ts";
import { formatCpu } from "./cpu.ts";
import { load } from "./load.ts";
import { benchAntifraud } from "./scenarios/antifraud.ts";
import { benchPlatform } from "./scenarios/platform.ts";
import { benchRequests } from "./scenarios/requests.ts";
import { benchVolunteers } from "./scenarios/volunteers.ts";
import { startChild } from "./servers.ts";
import { workerBundleSize } from "./worker-size.ts";

/**
 * `npm run bench`: starts the real Node server on loopback over a fresh embedded database, drives
 * each scenario for a bounded time after a warm-up, and prints figures with their ratio to the
 * ceilings measured in this same run. Nothing here asserts: targets are printed as met / NOT met.
 * `BENCH_SECONDS` sets the length of each timed scenario; `BENCH_ONLY=platform,volunteers` picks groups.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const groups: Record<string, (ctx: BenchContext) => Promise<void>> = {
  platform: benchPlatform,
  volunteers: benchVolunteers,
  requests: benchRequests,
  antifraud: (ctx) => benchAntifraud(ctx, { indicatorSecret: secrets.INDICATOR_SECRET }),
};
const only = process.env.BENCH_ONLY?.split(",");
const dir = mkdtempSync(join(tmpdir(), "fq-bench-"));
const secrets = { TOKEN_SECRET: "bench-token-secret-0123456789abcdef0123", INDICATOR_SECRET: "bench-indicator-secret-0123456789abcdef" };
const env = { ...secrets, LIBSQL_URL: `file:${dir}/fengqiao.db`, RATE_LIMIT_PER_MINUTE: "100000000" };

/** A tenant with an admin key and an app key, made before the server starts (so no demo seed runs). */
async function prepare() {
  const config = parseConfig(env);
  const client = await openDatabase(config);
  const deps = nodeDeps(config, client, memoryBlobStore(), () => {});
  const { jurisdiction, adminKey, adminKeyId } = await createJurisdiction(deps, { code: "bench", name: "Bench county" });
  const admin = { jurisdictionId: jurisdiction.id, keyId: adminKeyId, keyKind: "admin" as const, scopes: ["admin"] };
  // The standard service catalogue, as `tenant:create` gives a new county.
  await seedCatalogue(deps, jurisdiction.id);
  const app = await createKey({ deps, caller: admin, input: { name: "bench app", kind: "app" } });
  client.close();
  return { adminKey, appKey: app.secret };
}

async function main() {
  console.log(`fengqiao bench — ${SECONDS}s per timed scenario after 1s warm-up, loopback only, Node ${process.version}\n`);
  const keys = await prepare();
  const bare = await startChild("test/bench/bare-server.ts", {}, /ready/);
  const api = await startChild("worker/node.ts", { ...env, DATA_DIR: dir, JOBS_INTERVAL_MS: "3600000" }, /listening on/);
  try {
    const bareResult = await load({ name: "ceiling: bare Hono route", url: `${bare.url}/bare`, seconds: SECONDS });
    const bareHeadersResult = await load({ name: "ceiling: bare route, the API's headers", url: `${bare.url}/bare-headers`, seconds: SECONDS });
    const ctx: BenchContext = {
      apiUrl: api.url,
      seconds: SECONDS,
      dir,
      ...keys,
      bare: { name: "bare", rps: bareResult.rps, cpu: bareResult.cpu },
      bareHeaders: { name: "bare with the API's headers", rps: bareHeadersResult.rps, cpu: bareHeadersResult.cpu },
      rows: [],
      notes: [],
    };
    for (const r of [bareResult, bareHeadersResult]) {
      console.log(`  ${r.name.padEnd(48)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms${formatCpu(r.cpu)}`);
    }
    for (const [name, run] of Object.entries(groups)) {
      if (only && !only.includes(name)) continue;
      console.log(`\n${name}`);
      await run(ctx);
    }

    const rss = api.peakRssMb();
    const size = workerBundleSize();
    console.log("\nTargets");
    for (const r of ctx.rows.filter((x) => x.target && x.ceiling)) {
      const ratio = r.result.rps / r.ceiling!.rps;
      const alt = r.ceiling!.alternative ? `; ${((r.result.rps / r.ceiling!.alternative.rps) * 100).toFixed(0)}% via ${r.ceiling!.alternative.name}` : "";
      console.log(`  ${r.result.name}: ${(ratio * 100).toFixed(0)}% of ${r.ceiling!.name} (target ≥ ${r.target! * 100}%${alt}) ${ratio >= r.target! ? "met" : "NOT met"}`);
      const [mine, theirs] = [r.result.cpu, r.ceiling!.cpu];
      if (mine && theirs) {
        console.log(`    server CPU per answer ${mine.server.toFixed(0)} µs against ${theirs.server.toFixed(0)} µs for the ${r.ceiling!.name} route (${((theirs.server / mine.server) * 100).toFixed(0)}% as many answers per CPU-second)`);
      }
    }
    const healthz = ctx.rows.find((x) => x.result.name.startsWith("GET /healthz"));
    // What a bare-route ratio cannot exceed, whatever the route does: the answer's must-have header
    // bytes, and the must-have middleware with no credential and no table.
    console.log(
      `  Bounds for the bare-route targets: the API's header bytes alone ${pct(ctx.bareHeaders.rps, ctx.bare.rps)} of bare` +
        (healthz ? `; every must-have middleware, no credential, no table (GET /healthz) ${pct(healthz.result.rps, ctx.bare.rps)}` : ""),
    );
    console.log(`  Peak RSS of the Node server: ${rss.toFixed(0)} MB (target ≤ 256 MB) ${rss <= 256 ? "met" : "NOT met"}`);
    console.log(`  Worker bundle: ${size.gzipKb} KiB gzip (${size.totalKb} KiB raw; target ≤ 400 KiB gzip) ${size.gzipKb <= 400 ? "met" : "NOT met"}`);
  } finally {
    await Promise.all([api.stop(), bare.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`;

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
