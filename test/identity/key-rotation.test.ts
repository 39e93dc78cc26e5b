import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys, idempotencyKeys, users } from "../../worker/db/schema/index.ts";
import { newId } from "../../worker/lib/ids.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { world, type World } from "../requests/factories.ts";

/** Rotation changes a key's secret, not its identity: what hangs off the key follows its lineage. */
let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await testApp();
  w = await world(t);
});
afterAll(() => t.close());

const admin = () => ({ auth: w.county.adminKey });
const noise = () => ({ service_code: "noise", attributes: { source: "shop" }, area_id: w.grid.id, description: "夜市音响太吵" });
const rotate = (id: string, grace = 60) => t.post(`/v1/keys/${id}/rotate`, { grace_seconds: grace }, admin());
const exchange = (secret: string, subject: string) => t.post("/v1/tokens", { subject_type: "app_user", subject }, { auth: secret });
const count = async (table: string) => Number((await t.deps.client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

describe("rotation keeps an app's users", () => {
  it("the same app_user exchanged through the rotated key is the same user, with their requests", async () => {
    const app = await w.county.key("app");
    const before = await exchange(app.secret, "u-42");
    expect(before.status).toBe(200);
    const userId: string = before.json.user.id;
    const filed = await t.post("/v1/requests", noise(), { auth: before.json.access_token });
    expect(filed.status).toBe(201);

    const rotated = await rotate(app.id);
    expect(rotated.status).toBe(201);
    // Well past the grace period: the old secret and its tokens are gone.
    t.clock.advance(120_000);
    expect((await exchange(app.secret, "u-42")).status).toBe(401);

    const after = await exchange(rotated.json.secret, "u-42");
    expect(after.status).toBe(200);
    expect(after.json.user.id).toBe(userId);
    const mine = await t.get("/v1/requests/mine", { auth: after.json.access_token });
    expect(mine.status).toBe(200);
    expect(mine.json.data.map((r: { id: string }) => r.id)).toContain(filed.json.id);
    expect((await t.get(`/v1/requests/${filed.json.id}`, { auth: after.json.access_token })).status).toBe(200);

    // Twice rotated, still the same user; another app's "u-42" is someone else.
    t.clock.advance(-120_000);
    const again = await rotate(rotated.json.id);
    expect(again.status).toBe(201);
    expect((await exchange(again.json.secret, "u-42")).json.user.id).toBe(userId);
    const other = await w.county.key("app");
    expect((await exchange(other.secret, "u-42")).json.user.id).not.toBe(userId);
  });
});

describe("rotation keeps a key's Idempotency-Key records", () => {
  it("a write made under the old key and replayed under its successor after the grace period is replayed, not run again", async () => {
    const integration = await w.county.key("admin");
    const body = { name: "应急办", kind: "department" };
    const first = await t.post("/v1/agencies", body, { auth: integration.secret, headers: { "idempotency-key": "offline-1" } });
    expect(first.status).toBe(201);
    const agencies = await count("agencies");

    const rotated = await rotate(integration.id, 1);
    t.clock.advance(10_000);
    expect((await t.get("/v1/me", { auth: integration.secret })).status).toBe(401);
    const replay = await t.post("/v1/agencies", body, { auth: rotated.json.secret, headers: { "idempotency-key": "offline-1" } });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.json).toEqual(first.json);
    expect(await count("agencies")).toBe(agencies);
  });

  it("so does a request a kiosk filed as itself (the claim committed with the request)", async () => {
    const kiosk = await w.county.key("kiosk");
    const body = { ...noise(), reporter: { name: "刘大妈", phone: "13511112222" } };
    const first = await t.post("/v1/requests", body, { auth: kiosk.secret, headers: { "idempotency-key": "queue-7" } });
    expect(first.status).toBe(201);
    const requests = await count("service_requests");
    const rotated = await rotate(kiosk.id, 1);
    t.clock.advance(10_000);
    const replay = await t.post("/v1/requests", body, { auth: rotated.json.secret, headers: { "idempotency-key": "queue-7" } });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.json.id).toBe(first.json.id);
    expect(await count("service_requests")).toBe(requests);
    // And the successor follows what its lineage filed: the replay's Location reads back, the list holds it.
    expect((await t.get(replay.headers.get("location")!, { auth: rotated.json.secret })).status).toBe(200);
    const mine = await t.get("/v1/requests/mine", { auth: rotated.json.secret });
    expect(mine.json.data.map((r: { id: string }) => r.id)).toContain(first.json.id);
    // A filing through the successor is the lineage's too, so the next successor still sees it.
    const later = await t.post("/v1/requests", noise(), { auth: rotated.json.secret });
    const third = await rotate(rotated.json.id);
    expect((await t.get(`/v1/requests/${later.json.id}`, { auth: third.json.secret })).status).toBe(200);
  });
});

describe("a key is rotated once", () => {
  it("rotating a key in its grace period again is 409 naming the successor, and makes no key", async () => {
    const kiosk = await w.county.key("kiosk");
    const first = await rotate(kiosk.id);
    expect(first.status).toBe(201);
    const keys = await count("api_keys");
    const second = await rotate(kiosk.id);
    expect(second.status).toBe(409);
    expect(second.json.type).toBe("/problems/conflict");
    expect(second.json.successor_id).toBe(first.json.id);
    expect(second.json.detail).toContain(first.json.id);
    expect(await count("api_keys")).toBe(keys);
    // The old secret keeps its one grace period; the successor can be rotated.
    expect((await t.get("/v1/me", { auth: kiosk.secret })).status).toBe(200);
    expect((await rotate(first.json.id)).status).toBe(201);
  });

  it("two rotations at once: exactly one makes a successor", async () => {
    const kiosk = await w.county.key("kiosk");
    const results = await Promise.all([rotate(kiosk.id), rotate(kiosk.id), rotate(kiosk.id)]);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(2);
    const rows = await t.deps.client.execute({ sql: "SELECT count(*) AS n FROM api_keys WHERE rotated_from = ?", args: [kiosk.id] });
    expect(Number(rows.rows[0]!.n)).toBe(1);
  });

  it("a key whose successor was revoked may be rotated again within its grace", async () => {
    const kiosk = await w.county.key("kiosk");
    const leaked = await rotate(kiosk.id);
    await t.post(`/v1/keys/${leaked.json.id}/revoke`, undefined, admin());
    const next = await rotate(kiosk.id);
    expect(next.status).toBe(201);
    expect(next.json.rotated_from).toBe(kiosk.id);
  });
});

describe("migration 0014 (requests follow their filer's lineage)", () => {
  it("moves a request filed through an already-rotated key to the key's lineage, and leaves others", async () => {
    const kiosk = await w.county.key("kiosk");
    const filed = await t.post("/v1/requests", noise(), { auth: kiosk.secret });
    expect(filed.status).toBe(201);
    const successor = (await rotate(kiosk.id)).json;
    // As the code before this migration wrote it for a filing through the successor.
    await t.deps.client.execute({ sql: "UPDATE service_requests SET submitted_by = ? WHERE id = ?", args: [`key:${successor.id}`, filed.json.id] });
    const untouched = (await t.post("/v1/requests", noise(), { auth: successor.secret })).json.id;
    const sql = readFileSync(new URL("../../migrations/0014_request_filer_lineage.sql", import.meta.url), "utf8");
    await t.deps.client.execute(sql);
    const by = async (id: string) => (await t.deps.client.execute({ sql: "SELECT submitted_by FROM service_requests WHERE id = ?", args: [id] })).rows[0]!.submitted_by;
    expect(await by(filed.json.id)).toBe(`key:${kiosk.id}`);
    expect(await by(untouched)).toBe(`key:${kiosk.id}`);
  });
});

describe("migration 0013 (lineage backfill)", () => {
  /** The statements after the column and index: run again over rows written as before the migration. */
  const backfill = readFileSync(new URL("../../migrations/0013_key_lineage.sql", import.meta.url), "utf8").split("--> statement-breakpoint").slice(2);

  it("gives each key its chain's root, and moves users and records made through rotated keys to it", async () => {
    const at = t.deps.now();
    const key = (id: string, rotatedFrom: string | null) => ({
      id,
      jurisdictionId: w.county.id,
      name: "legacy kiosk",
      kind: "kiosk" as const,
      prefix: "fq_legacy0",
      hash: `legacy-${id}`,
      scopes: ["tokens:exchange"],
      rotatedFrom,
      lineageId: null,
      createdAt: at,
    });
    const [a, b, c, lone] = [newId("apiKey"), newId("apiKey"), newId("apiKey"), newId("apiKey")];
    await t.deps.db.insert(apiKeys).values([key(a, null), key(b, a), key(c, b), key(lone, null)]);
    const user = (subject: string) => ({ id: newId("user"), jurisdictionId: w.county.id, subjectType: "app_user" as const, subject, role: "resident" as const, createdAt: at });
    const rootUser = user(`${a}:u-1`);
    const middleUser = user(`${b}:u-2`);
    const split = [user(`${a}:u-3`), user(`${c}:u-3`)];
    const loneUser = user(`${lone}:u-4`);
    await t.deps.db.insert(users).values([rootUser, middleUser, ...split, loneUser]);
    const record = (scope: string, key: string) => ({ scope, key, fingerprint: "f", responseStatus: 201, responseBody: "{}", responseHeaders: "{}", createdAt: at, expiresAt: at + 1e9 });
    await t.deps.db.insert(idempotencyKeys).values([record(`key:${c}`, "q-1"), record(`key:${a}`, "q-2"), record(`key:${b}`, "q-2")]);

    for (const statement of backfill) await t.deps.client.execute(statement);

    const lineage = await t.deps.client.execute({ sql: "SELECT id, lineage_id FROM api_keys WHERE id IN (?, ?, ?, ?)", args: [a, b, c, lone] });
    expect(Object.fromEntries(lineage.rows.map((r) => [r.id, r.lineage_id]))).toEqual({ [a]: a, [b]: a, [c]: a, [lone]: lone });
    const subjectOf = async (id: string) => (await t.deps.client.execute({ sql: "SELECT subject FROM users WHERE id = ?", args: [id] })).rows[0]!.subject;
    expect(await subjectOf(rootUser.id)).toBe(`${a}:u-1`);
    expect(await subjectOf(middleUser.id)).toBe(`${a}:u-2`);
    expect(await subjectOf(split[0]!.id)).toBe(`${a}:u-3`);
    expect(await subjectOf(split[1]!.id)).toBe(`${c}:u-3`); // already split: left as it was
    expect(await subjectOf(loneUser.id)).toBe(`${lone}:u-4`);
    const scopes = await t.deps.client.execute("SELECT scope, key FROM idempotency_keys WHERE key IN ('q-1', 'q-2') ORDER BY key, scope");
    expect(scopes.rows.map((r) => `${r.scope} ${r.key}`).sort()).toEqual([`key:${a} q-1`, `key:${a} q-2`, `key:${b} q-2`].sort());
  });
});
