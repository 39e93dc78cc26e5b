import { createAdaptorServer } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertBody, areaTree, staff, type Tree } from "../antifraud/factories.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";

/**
 * `X-HTTP-Method-Override: PATCH` on a POST, for WeChat mini-programs, whose wx.request has no
 * PATCH. The override is served exactly as the PATCH it names; nothing else is overridden.
 */
let t: TestApp;
let county: Tenant;
let tree: Tree;
let dispatcher: { token: string };
beforeAll(async () => {
  t = await testApp({ CORS_ORIGINS: "https://mp.example.gov.cn" });
  county = await tenant(t);
  tree = await areaTree(t, county.id);
  dispatcher = await staff(t, county, "dispatcher");
});
afterAll(() => t.close());

const OVERRIDE = { "x-http-method-override": "PATCH" };
const admin = (headers: Record<string, string> = {}) => ({ auth: county.adminKey, headers });
const agency = async (name: string) => (await t.post("/v1/agencies", { name, kind: "police_station" }, admin())).json as { id: string };
/** An answer without what differs between any two answers (request id, timing, the row's own id and times). */
const comparable = (res: { status: number; headers: Headers; json: any }, id = "") => ({
  status: res.status,
  type: res.headers.get("content-type"),
  body: JSON.parse(id ? JSON.stringify(res.json ?? null).replaceAll(id, "<id>") : JSON.stringify(res.json ?? null), (k, v) => (["request_id", "created_at", "updated_at"].includes(k) ? undefined : v)),
});
const idempotencyRows = async () => Number((await t.deps.client.execute("SELECT count(*) AS n FROM idempotency_keys")).rows[0]!.n);

describe("POST with X-HTTP-Method-Override: PATCH", () => {
  it("answers exactly as the PATCH would: success, validation and not-found alike", async () => {
    const [direct, overridden] = [await agency("同名派出所"), await agency("同名派出所")];
    for (const [body, path] of [
      [{ phone: "0857-7221119" }, ""],
      [{ name: "" }, ""],
      [{ phone: "0857-7221119" }, "/missing"],
    ] as const) {
      const id = (a: { id: string }) => (path ? `agency_missing` : a.id);
      const patched = await t.patch(`/v1/agencies/${id(direct)}`, body, admin());
      const posted = await t.post(`/v1/agencies/${id(overridden)}`, body, admin(OVERRIDE));
      expect(posted.status).toBe(patched.status);
      expect(comparable(posted, id(overridden))).toEqual(comparable(patched, id(direct)));
    }
    expect((await t.get(`/v1/agencies/${overridden.id}`, admin())).json.phone).toBe("0857-7221119");
    // Without the header, the same POST is what it always was: the route has no POST.
    expect((await t.post(`/v1/agencies/${overridden.id}`, { phone: "1" }, admin())).status).toBe(405);
  });

  it("keeps PATCH's If-Match rules: the current ETag edits, a stale one is 412", async () => {
    const draft = await t.post("/v1/alerts", alertBody({ area_ids: [tree.a1.id] }), { auth: dispatcher.token });
    const etag = draft.headers.get("etag")!;
    const auth = (h: Record<string, string>) => ({ auth: dispatcher.token, headers: { ...OVERRIDE, ...h } });
    const ok = await t.post(`/v1/alerts/${draft.json.id}`, { title_zh: "新标题" }, auth({ "if-match": etag }));
    expect(ok.status).toBe(200);
    expect(ok.json.title_zh).toBe("新标题");
    expect(ok.headers.get("etag")).not.toBe(etag);
    const stale = await t.post(`/v1/alerts/${draft.json.id}`, { title_zh: "又一个" }, auth({ "if-match": etag }));
    expect(stale.status).toBe(412);
    expect(stale.json.type).toBe("/problems/precondition_failed");
    const direct = await t.patch(`/v1/alerts/${draft.json.id}`, { title_zh: "又一个" }, { auth: dispatcher.token, headers: { "if-match": etag } });
    expect(comparable(stale)).toEqual(comparable(direct));
  });

  it("is a PATCH to the idempotency step too: its key is a PATCH's key, replayed for a direct PATCH alike", async () => {
    const a = await agency("幂等");
    const before = await idempotencyRows();
    const key = (k: string) => ({ "idempotency-key": k });
    const first = await t.post(`/v1/agencies/${a.id}`, { phone: "0857-1" }, admin({ ...OVERRIDE, ...key("override-1") }));
    expect(first.status).toBe(200);
    // Retried through the override or sent directly as PATCH, the same key and body get the first answer.
    for (const again of [
      await t.post(`/v1/agencies/${a.id}`, { phone: "0857-1" }, admin({ ...OVERRIDE, ...key("override-1") })),
      await t.patch(`/v1/agencies/${a.id}`, { phone: "0857-1" }, admin(key("override-1"))),
    ]) {
      expect(again.status).toBe(200);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(again.text).toBe(first.text);
    }
    // Another body under the key is 422, as on any PATCH, and nothing was applied twice.
    const other = await t.post(`/v1/agencies/${a.id}`, { phone: "0857-2" }, admin({ ...OVERRIDE, ...key("override-1") }));
    expect(other.status).toBe(422);
    expect(other.json.type).toBe("/problems/idempotency_key_reused");
    expect((await t.get(`/v1/agencies/${a.id}`, admin())).json.phone).toBe("0857-1");
    // One record, taken as the PATCH: a direct PATCH's key answers an overridden retry too.
    expect(await idempotencyRows()).toBe(before + 1);
    const direct = await t.patch(`/v1/agencies/${a.id}`, { phone: "0857-3" }, admin(key("override-2")));
    const overridden = await t.post(`/v1/agencies/${a.id}`, { phone: "0857-3" }, admin({ ...OVERRIDE, ...key("override-2") }));
    expect(overridden.headers.get("idempotent-replayed")).toBe("true");
    expect(overridden.text).toBe(direct.text);
    // A real POST under a PATCH's key is another request: 422.
    expect((await t.post("/v1/agencies", { name: "幂等二", kind: "police_station" }, admin(key("override-1")))).status).toBe(422);
  });

  it("is logged, once, as the PATCH it is; the method name may be in any case", async () => {
    const a = await agency("日志");
    t.logs.length = 0;
    const res = await t.post(`/v1/agencies/${a.id}`, { phone: "0857-3" }, admin({ "x-http-method-override": "patch" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/\S/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const lines = t.logs.filter((l) => l.msg === "request");
    expect(lines).toEqual([expect.objectContaining({ method: "PATCH", route: "/v1/agencies/:id", status: 200, request_id: res.headers.get("x-request-id") })]);
  });

  it("refuses a POST that names any other method (400) instead of running it as a POST", async () => {
    const before = (await t.get("/v1/agencies?limit=100", admin())).json.data.length;
    for (const method of ["GET", "DELETE", "PUT", "POST", ""]) {
      const res = await t.post("/v1/agencies", { name: `改写-${method}`, kind: "police_station" }, admin({ "x-http-method-override": method }));
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.json).toMatchObject({ type: "/problems/validation_failed", errors: [{ pointer: "/header/x-http-method-override" }] });
      expect(res.json.request_id).toBe(res.headers.get("x-request-id"));
    }
    expect((await t.get("/v1/agencies?limit=100", admin())).json.data.length).toBe(before);
  });
});

describe("the header on any other method", () => {
  it("does nothing on GET or HEAD: they stay safe reads", async () => {
    const a = await agency("只读");
    const plain = await t.get(`/v1/agencies/${a.id}`, admin());
    const overridden = await t.get(`/v1/agencies/${a.id}`, admin(OVERRIDE));
    expect(comparable(overridden, a.id)).toEqual(comparable(plain, a.id));
    expect((await t.request("HEAD", `/v1/agencies/${a.id}`, admin(OVERRIDE))).status).toBe(200);
    expect((await t.get(`/v1/agencies/${a.id}`, admin({ "x-http-method-override": "DELETE" }))).status).toBe(200);
    expect((await t.get(`/v1/agencies/${a.id}`, admin())).status).toBe(200);
  });

  it("does nothing on PATCH, PUT or DELETE either", async () => {
    const a = await agency("原样");
    const res = await t.patch(`/v1/agencies/${a.id}`, { phone: "0857-4" }, admin({ "x-http-method-override": "DELETE" }));
    expect(res.status).toBe(200);
    expect((await t.get(`/v1/agencies/${a.id}`, admin())).json.phone).toBe("0857-4");
  });

  it("is allowed by CORS, so a browser may send it too", async () => {
    const res = await t.request("OPTIONS", "/v1/agencies/x", {
      headers: { origin: "https://mp.example.gov.cn", "access-control-request-method": "POST", "access-control-request-headers": "x-http-method-override" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-headers")?.split(",")).toContain("x-http-method-override");
  });
});

describe("over a real Node socket", () => {
  it("re-dispatches the request Node handed over, body and headers intact", async () => {
    const server = createAdaptorServer({ fetch: t.app.fetch });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const a = await agency("套接字");
      const res = await fetch(`${base}/v1/agencies/${a.id}`, {
        method: "POST",
        headers: { authorization: `Bearer ${county.adminKey}`, "content-type": "application/json", ...OVERRIDE },
        body: JSON.stringify({ phone: "0857-5" }),
      });
      expect(res.status).toBe(200);
      expect((await res.json()).phone).toBe("0857-5");
      expect(res.headers.get("x-request-id")).toMatch(/\S/);
      expect(res.headers.get("strict-transport-security")).toMatch(/max-age/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
