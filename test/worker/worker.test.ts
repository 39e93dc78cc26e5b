import { call } from "./call.ts";
import { describe, expect, inject, it } from "vitest";

/**
 * The Worker build (worker/index.ts) inside workerd, reaching a real libSQL engine over HTTP
 * through @libsql/client/web — the production path to Turso or sqld.
 */

describe("the Worker build in workerd", () => {
  it("answers health and readiness against libSQL over HTTP", async () => {
    const health = await call("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await call("/readyz");
    expect(await ready.json()).toEqual({ status: "ready", database: "ok", migrations: "current" });
    expect(ready.status).toBe(200);
  });

  it("serves the same OpenAPI document", async () => {
    const res = await call("/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/v1/keys");
  });

  it("answers problems as problem+json", async () => {
    const res = await call("/v1/nowhere");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const bad = await call("/v1/keys", { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(bad.status).toBe(401);
  });

  it("writes through libSQL over HTTP and reads it back, idempotently", async () => {
    const auth = { authorization: `Bearer ${inject("adminKey")}`, "content-type": "application/json" };
    const body = JSON.stringify({ name: "柳塘派出所", kind: "police_station" });
    const created = await call("/v1/agencies", { method: "POST", headers: { ...auth, "idempotency-key": "wk-1" }, body });
    expect(created.status).toBe(201);
    const agency = (await created.json()) as { id: string };
    const replay = await call("/v1/agencies", { method: "POST", headers: { ...auth, "idempotency-key": "wk-1" }, body });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(((await replay.json()) as { id: string }).id).toBe(agency.id);
    const read = await call(`/v1/agencies/${agency.id}`, { headers: auth });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: agency.id, name: "柳塘派出所", kind: "police_station" });

    const keyRes = await call("/v1/keys", { method: "POST", headers: auth, body: JSON.stringify({ name: "workerd kiosk", kind: "kiosk" }) });
    expect(keyRes.status).toBe(201);
    const key = (await keyRes.json()) as { id: string; secret: string };
    // The new key itself authenticates against the same database.
    const me = await call("/v1/me", { headers: { authorization: `Bearer ${key.secret}` } });
    expect(((await me.json()) as { key: { id: string } }).key.id).toBe(key.id);
  });

  it("exchanges an end-user token and honours it, and only it, on the Workers runtime", async () => {
    const auth = { authorization: `Bearer ${inject("adminKey")}`, "content-type": "application/json" };
    const app = (await (await call("/v1/keys", { method: "POST", headers: auth, body: JSON.stringify({ name: "workerd app", kind: "app" }) })).json()) as { secret: string };
    const exchanged = await call("/v1/tokens", {
      method: "POST",
      headers: { authorization: `Bearer ${app.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ subject_type: "wechat_openid", subject: "o-workerd-resident" }),
    });
    expect(exchanged.status).toBe(200);
    const { access_token: token } = (await exchanged.json()) as { access_token: string };
    const me = await call("/v1/me", { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { role: string } }).user.role).toBe("resident");
    const forged = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    expect((await call("/v1/me", { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
  });
});
