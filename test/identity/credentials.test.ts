import { readFileSync, existsSync } from "node:fs";
import { sign } from "hono/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";

let t: TestApp;
let county: Tenant;
beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
});
afterAll(() => t.close());

const b64url = (s: string) => Buffer.from(s).toString("base64url");
const unauthenticated = (res: { status: number; json: any; headers: Headers }) => {
  expect(res.status).toBe(401);
  expect(res.json.type).toBe("/problems/unauthenticated");
  expect(res.headers.get("www-authenticate")).toContain("Bearer");
};

describe("end-user tokens", () => {
  it("expire after 15 minutes by the app's clock", async () => {
    const u = await county.user("resident");
    expect((await t.get("/v1/me", { auth: u.token })).status).toBe(200);
    t.clock.advance(15 * 60 * 1000 - 1000);
    expect((await t.get("/v1/me", { auth: u.token })).status).toBe(200);
    t.clock.advance(1000);
    unauthenticated(await t.get("/v1/me", { auth: u.token }));
  });

  it("a tampered payload, a changed signature or `alg: none` is refused", async () => {
    const u = await county.user("resident");
    const [header, payload, signature] = u.token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const elevated = b64url(JSON.stringify({ ...claims, role: "admin" }));
    unauthenticated(await t.get("/v1/me", { auth: `${header}.${elevated}.${signature}` }));
    const flipped = signature.slice(0, -2) + (signature.at(-2) === "A" ? "B" : "A") + signature.at(-1);
    unauthenticated(await t.get("/v1/me", { auth: `${header}.${payload}.${flipped}` }));
    const none = `${b64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${elevated}.`;
    unauthenticated(await t.get("/v1/me", { auth: none }));
  });

  it("only HS256 under this deployment's secret and issuer counts", async () => {
    const u = await county.user("resident");
    const claims = JSON.parse(Buffer.from(u.token.split(".")[1]!, "base64url").toString());
    const secret = t.deps.config.TOKEN_SECRET;
    expect((await t.get("/v1/me", { auth: await sign(claims, secret, "HS256") })).status).toBe(200);
    unauthenticated(await t.get("/v1/me", { auth: await sign(claims, "another-deployment-secret-0123456789abcdef", "HS256") }));
    unauthenticated(await t.get("/v1/me", { auth: await sign(claims, secret, "HS512") }));
    unauthenticated(await t.get("/v1/me", { auth: await sign({ ...claims, iss: "elsewhere" }, secret, "HS256") }));
  });

  it("die with the key they were issued through", async () => {
    const app = await county.key("app");
    const tok = await t.post("/v1/tokens", { subject_type: "wechat_openid", subject: "o-revoke-me" }, { auth: app.secret });
    expect((await t.get("/v1/me", { auth: tok.json.access_token })).status).toBe(200);
    expect((await t.post(`/v1/keys/${app.id}/revoke`, undefined, { auth: county.adminKey })).status).toBe(200);
    unauthenticated(await t.get("/v1/me", { auth: tok.json.access_token }));
  });

  it("a disabled user cannot exchange a new token", async () => {
    const u = await county.user("resident");
    expect((await t.patch(`/v1/users/${u.id}`, { disabled: true }, { auth: county.adminKey })).status).toBe(200);
    const app = await county.key("app");
    const res = await t.post("/v1/tokens", { subject_type: "wechat_openid", subject: u.subject }, { auth: app.secret });
    expect(res.status).toBe(403);
  });
});

describe("API keys", () => {
  it("revoked, expired, unknown and malformed keys are 401", async () => {
    const k = await county.key("kiosk");
    expect((await t.get("/v1/me", { auth: k.secret })).status).toBe(200);
    await t.post(`/v1/keys/${k.id}/revoke`, undefined, { auth: county.adminKey });
    unauthenticated(await t.get("/v1/me", { auth: k.secret }));

    const soon = new Date(t.clock.now() + 60_000).toISOString();
    const exp = await t.post("/v1/keys", { name: "temp", kind: "app", expires_at: soon }, { auth: county.adminKey });
    expect((await t.get("/v1/me", { auth: exp.json.secret })).status).toBe(200);
    t.clock.advance(60_000);
    unauthenticated(await t.get("/v1/me", { auth: exp.json.secret }));

    unauthenticated(await t.get("/v1/me", { auth: k.secret.slice(0, -1) + (k.secret.endsWith("A") ? "B" : "A") }));
    unauthenticated(await t.get("/v1/me", { headers: { authorization: `Basic ${k.secret}` } }));
  });

  it("rotation keeps the old key working for the grace period only", async () => {
    const old = await county.key("integration");
    const rotated = await t.post(`/v1/keys/${old.id}/rotate`, { grace_seconds: 60 }, { auth: county.adminKey });
    expect(rotated.status).toBe(201);
    expect(rotated.json.rotated_from).toBe(old.id);
    expect((await t.get("/v1/me", { auth: old.secret })).status).toBe(200);
    expect((await t.get("/v1/me", { auth: rotated.json.secret })).status).toBe(200);
    t.clock.advance(59_000);
    expect((await t.get("/v1/me", { auth: old.secret })).status).toBe(200);
    t.clock.advance(2_000);
    unauthenticated(await t.get("/v1/me", { auth: old.secret }));
    expect((await t.get("/v1/me", { auth: rotated.json.secret })).status).toBe(200);
  });

  it("a key is never stored or logged in clear, not even behind an Idempotency-Key", async () => {
    t.logs.length = 0;
    const created = await t.post("/v1/keys", { name: "kiosk 9", kind: "kiosk" }, { auth: county.adminKey, headers: { "idempotency-key": "create-kiosk-9" } });
    expect(created.status).toBe(201);
    const secret: string = created.json.secret;
    expect((await t.get("/v1/me", { auth: secret })).status).toBe(200);
    const rotated = await t.post(`/v1/keys/${created.json.id}/rotate`, {}, { auth: county.adminKey, headers: { "idempotency-key": "rotate-kiosk-9" } });
    const tok = await t.post("/v1/tokens", { subject_type: "wechat_openid", subject: "o-scan" }, { auth: secret, headers: { "idempotency-key": "tok-1" } });
    expect(tok.status).toBe(200);
    const secrets = [secret, rotated.json.secret as string, county.adminKey, tok.json.access_token as string];

    // Every row of every table, as the database returns it …
    const tables = await t.deps.client.execute("SELECT name FROM sqlite_master WHERE type = 'table'");
    for (const { name } of tables.rows) {
      const rows = await t.deps.client.execute(`SELECT * FROM "${String(name)}"`);
      const dump = JSON.stringify(rows.rows);
      for (const s of secrets) expect(dump.includes(s), `${String(name)} holds a secret`).toBe(false);
    }
    // … the files on disk (the WAL included) …
    const file = t.deps.config.LIBSQL_URL.slice("file:".length);
    for (const f of [file, `${file}-wal`]) {
      if (!existsSync(f)) continue;
      const bytes = readFileSync(f).toString("latin1");
      for (const s of secrets) expect(bytes.includes(s), `${f} holds a secret`).toBe(false);
    }
    // … and the logs. The stored hash is what lets the key be checked.
    const logs = JSON.stringify(t.logs);
    for (const s of secrets) expect(logs.includes(s)).toBe(false);
    const [row] = (await t.deps.client.execute({ sql: "SELECT prefix, hash FROM api_keys WHERE id = ?", args: [created.json.id] })).rows;
    expect(secret.startsWith(String(row!.prefix))).toBe(true);
    expect(String(row!.hash)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("rate limits", () => {
  it("429 with Retry-After and the RateLimit headers, per key and per address", async () => {
    const limited = await testApp({ RATE_LIMIT_PER_MINUTE: "3" });
    try {
      const c = await tenant(limited);
      for (let i = 0; i < 3; i++) {
        const ok = await limited.get("/v1/me", { auth: c.adminKey });
        expect(ok.status).toBe(200);
        expect(ok.headers.get("ratelimit-policy")).toBe('"default";q=3;w=60');
        expect(ok.headers.get("ratelimit")).toMatch(new RegExp(`^"default";r=${2 - i};t=\\d+$`));
      }
      const refused = await limited.get("/v1/me", { auth: c.adminKey });
      expect(refused.status).toBe(429);
      expect(refused.json.type).toBe("/problems/rate_limited");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(refused.headers.get("ratelimit")).toMatch(/^"default";r=0;t=\d+$/);

      // Anonymous callers (the public doorplate lookup) are counted per client address.
      const from = (addr: string) => limited.get("/v1/doorplates/none", { headers: { "x-test-client": addr } });
      for (let i = 0; i < 3; i++) expect((await from("10.0.0.1")).status).toBe(404);
      expect((await from("10.0.0.1")).status).toBe(429);
      expect((await from("10.0.0.2")).status).toBe(404);

      limited.clock.advance(60_000);
      expect((await limited.get("/v1/me", { auth: c.adminKey })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
