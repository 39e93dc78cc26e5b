/**
 * `npm run dev:edge`: the Worker build under `wrangler dev` (workerd), talking HTTP to a local
 * libSQL endpoint, as it would talk to Turso or sqld in production. There is no sqld binary on dev
 * machines, so test/support/hrana-server.ts serves the embedded file over Hrana HTTP on loopback.
 */
import { spawn } from "node:child_process";
import { parseConfig } from "../../worker/config.ts";
import { localSecrets } from "../../worker/runtime/local-secrets.ts";
import { memoryBlobStore } from "../../worker/runtime/disk-blobs.ts";
import { nodeDeps, openDatabase } from "../../worker/runtime/node-deps.ts";
import { seedDemoIfEmpty } from "../../worker/seed/demo.ts";
import { startHranaServer } from "./hrana-server.ts";

const dataDir = process.env.DATA_DIR ?? ".data";
const dbPath = `${dataDir}/fengqiao.db`;
const secrets = await localSecrets(`${dataDir}/secrets.json`);

// Migrate and seed through the embedded driver first: Workers never migrate at runtime.
const config = parseConfig({ ...secrets, ENVIRONMENT: "development", LIBSQL_URL: `file:${dbPath}` });
const client = await openDatabase(config);
const seeded = await seedDemoIfEmpty(nodeDeps(config, client, memoryBlobStore(), () => {}));
client.close();
if (seeded) console.log(seeded);

const libsql = await startHranaServer({ path: dbPath, port: Number(process.env.LIBSQL_PORT ?? 8080) });
console.log(`libSQL over HTTP at ${libsql.url} (serving ${dbPath})`);

const vars = { ENVIRONMENT: "development", LIBSQL_URL: libsql.url, ...secrets };
const wrangler = spawn(
  "npx",
  ["wrangler", "dev", "--port", process.env.PORT ?? "8787", ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`])],
  { stdio: "inherit", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
);
const stop = async () => {
  wrangler.kill("SIGINT");
  await libsql.close();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
wrangler.on("exit", async (code) => {
  await libsql.close();
  process.exit(code ?? 0);
});
