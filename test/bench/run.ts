import { createClient } from "@libsql/client";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "../../worker/config.ts";
import { memoryBlobStore } from "../../worker/runtime/disk-blobs.ts";
import { nodeDeps, openDatabase } from "../../worker/runtime/node-deps.ts";
import { createJurisdiction } from "../../worker/services/jurisdictions/create-jurisdiction.ts";
import { createKey } from "../../worker/services/keys/create-key.ts";
import { load, type LoadResult } from "./load.ts";
import { rawWrites } from "./raw-writes.ts";
import { startChild } from "./servers.ts";
import { workerBundleSize } from "./worker-size.ts";

/**
 * `npm run bench`: starts the real Node server on loopback over a fresh embedded database, drives
 * each scenario with autocannon for a bounded time, and prints figures with their ratio to the
 * ceilings measured in this same run. Nothing here asserts: the targets are printed, judged by people.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const dir = mkdtempSync(join(tmpdir(), "fq-bench-"));
const secrets = { TOKEN_SECRET: "bench-token-secret-0123456789abcdef0123", INDICATOR_SECRET: "bench-indicator-secret-0123456789abcdef" };

async function prepare() {
  const config = parseConfig({ ...secrets, LIBSQL_URL: `file:${dir}/fengqiao.db`, RATE_LIMIT_PER_MINUTE: "100000000" });
  const client = await openDatabase(config);
  const deps = nodeDeps(config, client, memoryBlobStore(), () => {});
  const { jurisdiction, adminKey, adminKeyId } = await createJurisdiction(deps, { code: "bench", name: "Bench county" });
  const admin = { jurisdictionId: jurisdiction.id, keyId: adminKeyId, keyKind: "admin" as const, scopes: ["admin"] };
  const app = await createKey({ deps, caller: admin, input: { name: "bench app", kind: "app" } });
  client.close();
  return { adminKey, appKey: app.secret };
}

const rows: { result: LoadResult; ceiling?: { name: string; rps: number }; target?: number }[] = [];
const record = (result: LoadResult, ceiling?: { name: string; rps: number }, target?: number) => {
  rows.push({ result, ceiling, target });
  const ratio = ceiling ? `  ${((result.rps / ceiling.rps) * 100).toFixed(0)}% of ${ceiling.name}` : "";
  console.log(`  ${result.name.padEnd(44)} ${result.rps.toFixed(0).padStart(7)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms${ratio}`);
};

async function main() {
  console.log(`fengqiao bench — ${SECONDS}s per scenario, loopback only, Node ${process.version}\n`);
  const { adminKey, appKey } = await prepare();
  const env = { ...secrets, DATA_DIR: dir, LIBSQL_URL: `file:${dir}/fengqiao.db`, RATE_LIMIT_PER_MINUTE: "100000000", JOBS_INTERVAL_MS: "3600000" };
  const bare = await startChild("test/bench/bare-server.ts", {}, /ready/);
  const api = await startChild("worker/node.ts", env, /listening on/);
  try {
    const bareResult = await load({ name: "ceiling: bare Hono route", url: `${bare.url}/bare`, seconds: SECONDS });
    record(bareResult);
    const bareCeiling = { name: "bare", rps: bareResult.rps };
    record(await load({ name: "GET /healthz (all middleware, no auth)", url: `${api.url}/healthz`, seconds: SECONDS }), bareCeiling);
    record(
      await load({ name: "GET /v1/me (API key, touches no table)", url: `${api.url}/v1/me`, headers: { authorization: `Bearer ${appKey}` }, seconds: SECONDS }),
      bareCeiling,
      0.7,
    );

    // Write path: raw libSQL ceiling for the rows createApiKey writes, then the API doing it.
    const raw = createClient({ url: `file:${dir}/raw.db` });
    await raw.execute("PRAGMA journal_mode = WAL");
    await raw.execute("PRAGMA synchronous = NORMAL");
    await raw.executeMultiple(`
      CREATE TABLE k (id TEXT PRIMARY KEY, jurisdiction_id TEXT, name TEXT, kind TEXT, prefix TEXT, hash TEXT UNIQUE, scopes TEXT, created_at INTEGER);
      CREATE TABLE a (id TEXT PRIMARY KEY, jurisdiction_id TEXT, actor TEXT, action TEXT, subject_type TEXT, subject_id TEXT, detail TEXT, at INTEGER);
      CREATE TABLE i (scope TEXT, key TEXT, fingerprint TEXT, response_status INTEGER, response_body TEXT, created_at INTEGER, expires_at INTEGER, PRIMARY KEY (scope, key));`);
    const rawRps = await rawWrites(
      raw,
      (n) => [
        { sql: "INSERT INTO i VALUES (?, ?, 'f', NULL, NULL, ?, ?)", args: ["s", `k${n}`, n, n] },
        { sql: "INSERT INTO k VALUES (?, 'j', 'n', 'app', 'p', ?, '[]', ?)", args: [`key${n}`, `h${n}`, n] },
        { sql: "INSERT INTO a VALUES (?, 'j', 'x', 'key.created', 'api_key', ?, '{}', ?)", args: [`a${n}`, `key${n}`, n] },
        { sql: "UPDATE i SET response_status = 201, response_body = '{}' WHERE scope = 's' AND key = ?", args: [`k${n}`] },
      ],
      SECONDS,
    );
    raw.close();
    const rawCeiling = { name: "raw libSQL", rps: rawRps };
    console.log(`  ${"ceiling: raw libSQL (same rows, 1 batch/op)".padEnd(44)} ${rawRps.toFixed(0).padStart(7)} ops/s`);
    record(
      await load({
        name: "POST /v1/keys (validation, idempotency, audit)",
        url: `${api.url}/v1/keys`,
        method: "POST",
        headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
        setup: (i) => ({ body: JSON.stringify({ name: `bench ${i}`, kind: "app" }), headers: { "idempotency-key": `bench-${i}` } }),
        seconds: SECONDS,
      }),
      rawCeiling,
    );

    const rss = api.peakRssMb();
    const size = workerBundleSize();
    console.log("\nTargets");
    for (const r of rows.filter((x) => x.target && x.ceiling)) {
      const ratio = r.result.rps / r.ceiling!.rps;
      console.log(`  ${r.result.name}: ${(ratio * 100).toFixed(0)}% of ${r.ceiling!.name} (target ≥ ${r.target! * 100}%) ${ratio >= r.target! ? "met" : "NOT met"}`);
    }
    console.log(`  Peak RSS of the Node server: ${rss.toFixed(0)} MB (target ≤ 256 MB) ${rss <= 256 ? "met" : "NOT met"}`);
    console.log(`  Worker bundle: ${size.gzipKb} KiB gzip (${size.totalKb} KiB raw; target ≤ 400 KiB gzip) ${size.gzipKb <= 400 ? "met" : "NOT met"}`);
    const failed = rows.filter((r) => r.result.errors > 0 || r.result.non2xx > 0);
    for (const f of failed) console.log(`  ! ${f.result.name}: ${f.result.errors} errors, ${f.result.non2xx} non-2xx`);
  } finally {
    await Promise.all([api.stop(), bare.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
