import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../worker/config.ts";
import { areas } from "../../worker/db/schema/index.ts";
import { newId } from "../../worker/lib/ids.ts";
import { memoryBlobStore } from "../../worker/runtime/disk-blobs.ts";
import { nodeDeps, openDatabase } from "../../worker/runtime/node-deps.ts";
import { createJurisdiction } from "../../worker/services/jurisdictions/create-jurisdiction.ts";
import { createKey } from "../../worker/services/keys/create-key.ts";
import { startChild, type Child } from "../bench/servers.ts";
import { signupRace, volunteerTokens } from "../bench/scenarios/volunteers.ts";

/**
 * In-process tests cannot interleave two writes (the embedded driver is synchronous), so this one
 * runs three real server processes over one database file and spreads the sign-ups across them:
 * separate connections really do race for the last place here, as Workers isolates do over HTTP.
 */
const dir = mkdtempSync(join(tmpdir(), "fq-race-"));
const secrets = { TOKEN_SECRET: "race-token-secret-0123456789abcdef0123456", INDICATOR_SECRET: "race-indicator-secret-0123456789abcdef012" };
const env = { ...secrets, DATA_DIR: dir, LIBSQL_URL: `file:${dir}/fq.db`, RATE_LIMIT_PER_MINUTE: "100000000", JOBS_INTERVAL_MS: "3600000", LOG_REQUESTS: "false" };
let servers: Child[] = [];
let setup: { adminKey: string; appKey: string; areaId: string };

beforeAll(async () => {
  const config = parseConfig({ ...env });
  const client = await openDatabase(config);
  const deps = nodeDeps(config, client, memoryBlobStore(), () => {});
  const { jurisdiction, adminKey, adminKeyId } = await createJurisdiction(deps, { code: "race", name: "Race county" });
  const admin = { jurisdictionId: jurisdiction.id, keyId: adminKeyId, keyKind: "admin" as const, scopes: ["admin"] };
  const app = await createKey({ deps, caller: admin, input: { name: "race app", kind: "app" } });
  const areaId = newId("area");
  await deps.db.insert(areas).values({ id: areaId, jurisdictionId: jurisdiction.id, level: "grid", name: "grid", path: `/${areaId}/`, createdAt: Date.now() });
  client.close();
  setup = { adminKey, appKey: app.secret, areaId };
  servers = await Promise.all([1, 2, 3].map(() => startChild("worker/node.ts", env, /listening on/)));
}, 90_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe("the capacity race across processes", () => {
  it("150 sign-ups spread over three servers for 10 places: exactly 10 confirmed", async () => {
    const tokens = await volunteerTokens({ baseUrl: servers[0]!.url, appKey: setup.appKey, count: 150, concurrency: 16 });
    // Round-robin each request to another process.
    let n = 0;
    const spread = (url: string, init?: RequestInit) => fetch(url.replace(servers[0]!.url, servers[n++ % servers.length]!.url), init);
    const r = await signupRace({ baseUrl: servers[0]!.url, staffToken: setup.adminKey, areaId: setup.areaId, tokens, capacity: 10, fetch: spread });
    expect(r).toMatchObject({ confirmed: 10, waitlisted: 140, failed: 0, server_confirmed: 10 });
  }, 120_000);
});
