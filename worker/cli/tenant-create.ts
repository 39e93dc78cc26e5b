import { parseArgs } from "node:util";
import { parseConfig } from "../config.ts";
import { memoryBlobStore } from "../runtime/disk-blobs.ts";
import { nodeDeps, openDatabase } from "../runtime/node-deps.ts";
import { createJurisdiction } from "../services/jurisdictions/create-jurisdiction.ts";

/**
 * `npm run tenant:create -- --code jinsha --name 金沙县 [--timezone Asia/Shanghai]`: bootstraps a
 * jurisdiction and prints its first admin key once. Operators only; there is no HTTP route for it.
 */
const { values } = parseArgs({ options: { code: { type: "string" }, name: { type: "string" }, timezone: { type: "string" } } });
if (!values.code || !/^[a-z0-9-]{2,40}$/.test(values.code) || !values.name) {
  console.error("usage: npm run tenant:create -- --code <a-z0-9-> --name <display name> [--timezone Asia/Shanghai]");
  process.exit(2);
}
const config = parseConfig({
  LIBSQL_URL: "file:.data/fengqiao.db",
  TOKEN_SECRET: "not-used-by-this-command-0123456789abcdef",
  ...process.env,
});
const client = await openDatabase(config);
const deps = nodeDeps(config, client, memoryBlobStore(), () => {});
const { jurisdiction, adminKey } = await createJurisdiction(deps, { code: values.code, name: values.name, timezone: values.timezone });
console.log(`jurisdiction ${jurisdiction.code} (${jurisdiction.id}) created`);
console.log(`admin key (shown once, store it now): ${adminKey}`);
client.close();
