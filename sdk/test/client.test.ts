import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/support/app.ts";
import { tenant, type Tenant } from "../../test/support/factories.ts";
import {
  ApiError,
  AuthenticationError,
  NotFoundError,
  Page,
  PermissionError,
  ValidationError,
  responseOf,
  type Fengqiao,
} from "../src/index.js";
import { sdkFor } from "./support.ts";

let t: TestApp;
let county: Tenant;
let admin: Fengqiao;
beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
  admin = sdkFor(t, { apiKey: county.adminKey });
});
afterAll(() => t.close());

describe("keys namespace against the real server", () => {
  it("creates, reads, rotates and revokes a key, typed end to end", async () => {
    const created = await admin.keys.create({ name: "Liutang hall kiosk 1", kind: "kiosk" });
    expect(created.secret).toMatch(/^fq_/);
    expect(created.kind).toBe("kiosk");

    const fetched = await admin.keys.get(created.id);
    expect(fetched).toMatchObject({ id: created.id, name: "Liutang hall kiosk 1", revoked_at: null });
    expect(fetched).not.toHaveProperty("secret");

    const rotated = await admin.keys.rotate(created.id, { grace_seconds: 0 });
    expect(rotated.rotated_from).toBe(created.id);
    expect(rotated.secret).not.toBe(created.secret);

    const revoked = await admin.keys.revoke(rotated.id);
    expect(revoked.revoked_at).not.toBeNull();
    // The revoked key no longer authenticates: the SDK turns the 401 problem into its class.
    const err = await sdkFor(t, { apiKey: rotated.secret }).me().catch((e) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.code).toBe("unauthenticated");
  });

  it("iterates every key across pages with for await, and pages one at a time", async () => {
    const other = await tenant(t);
    const client = sdkFor(t, { apiKey: other.adminKey });
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await client.keys.create({ name: `app ${i}`, kind: "app" })).id);

    const seen: string[] = [];
    for await (const key of client.keys.list({ limit: 2 })) seen.push(key.id);
    // Five made plus the tenant's bootstrap admin key, each exactly once.
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect(seen).toEqual(expect.arrayContaining(made));

    const first = await client.keys.list({ limit: 4 });
    expect(first).toBeInstanceOf(Page);
    expect(first.data).toHaveLength(4);
    expect(first.hasNextPage()).toBe(true);
    const second = await first.nextPage();
    expect(second!.data.map((k) => k.id)).toEqual(seen.slice(4));
    expect(second!.hasNextPage()).toBe(false);
    expect(await second!.nextPage()).toBeNull();
    expect(await (await client.keys.list({ limit: 2 }).page()).data.map((k) => k.id)).toEqual(seen.slice(0, 2));
  });

  it("turns problems into typed errors carrying code, detail, errors[] and the request id", async () => {
    const invalid = await admin.keys.create({ name: "", kind: "bogus" as "app" }).catch((e) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(invalid).toMatchObject({ status: 400, code: "validation_failed", type: "/problems/validation_failed" });
    expect(invalid.errors.map((e: { pointer: string }) => e.pointer)).toEqual(expect.arrayContaining(["/body/name", "/body/kind"]));
    expect(invalid.requestId).toMatch(/\S/);
    expect(invalid.requestId).toBe(invalid.headers.get("x-request-id"));

    const missing = await admin.keys.get("key_does_not_exist").catch((e) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.code).toBe("not_found");

    const kiosk = await county.key("kiosk");
    const forbidden = await sdkFor(t, { apiKey: kiosk.secret }).keys.list().page().catch((e) => e);
    expect(forbidden).toBeInstanceOf(PermissionError);
    expect(forbidden).toBeInstanceOf(ApiError);
    expect(forbidden.status).toBe(403);
  });

  it("exposes the answer's status and request id next to the result", async () => {
    const key = await admin.keys.get((await admin.keys.create({ name: "meta", kind: "app" })).id);
    const meta = responseOf(key)!;
    expect(meta.status).toBe(200);
    expect(meta.requestId).toMatch(/\S/);
    expect(meta.replayed).toBe(false);
  });
});

describe("tokens and me", () => {
  it("exchanges an identity with the key, then acts as that user", async () => {
    const app = await county.key("app");
    const client = sdkFor(t, { apiKey: app.secret });
    const token = await client.tokens.exchange({ subject_type: "wechat_openid", subject: "o-sdk-resident-1", display_name: "张三" });
    expect(token.token_type).toBe("Bearer");
    expect(token.user.role).toBe("resident");

    const asUser = client.withToken(token.access_token);
    const me = await asUser.me();
    expect(me.user?.id).toBe(token.user.id);
    expect(me.key.id).toBe(app.id);
    // The key alone is the app, with no end user.
    expect((await client.me()).user).toBeNull();
    // Exchange always goes with the key, even from the user's client.
    const again = await asUser.tokens.exchange({ subject_type: "wechat_openid", subject: "o-sdk-resident-1" });
    expect(again.user.id).toBe(token.user.id);
  });
});

describe("health", () => {
  it("answers liveness and readiness without a credential", async () => {
    const client = sdkFor(t);
    expect(await client.health.live()).toEqual({ status: "ok" });
    expect(await client.health.ready()).toMatchObject({ status: "ready", database: "ok", migrations: "current" });
  });
});

describe("request escape hatch", () => {
  it("calls a path the SDK has no method for, with the same errors", async () => {
    const me = await admin.request<{ jurisdiction_id: string }>("GET", "/v1/me");
    expect(me.jurisdiction_id).toBe(county.id);
    const err = await admin.request("GET", "/v1/not-a-route").catch((e) => e);
    expect(err).toBeInstanceOf(NotFoundError);
  });
});

describe("error answers of byte operations", () => {
  it("reads the problem a PNG operation answers with (read as a Blob) like any other", async () => {
    const anonymous = sdkFor(t);
    const missing = await anonymous.doorplates.qrPng("dp_no_such_plate").catch((e) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ status: 404, code: "not_found", type: "/problems/not_found" });
    expect(missing.requestId).toMatch(/\S/);
    expect(missing.body).toMatchObject({ status: 404, instance: "/v1/doorplates/dp_no_such_plate/qr.png" });

    const invalid = await anonymous.doorplates.qrPng("dp_no_such_plate", { scale: 999 }).catch((e) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(invalid.detail).toMatch(/\S/);
    expect(invalid.errors.map((e: { pointer: string }) => e.pointer)).toEqual(["/query/scale"]);
  });
});
