import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { hmacSha256Hex } from "../../worker/lib/crypto.ts";
import { areaTree, resident, staff, type Tree } from "./factories.ts";

let t: TestApp;
let county: Tenant;
let tree: Tree;
let officer: { id: string; token: string };

const narrative = "对方自称市公安局民警，说我的银行卡涉嫌洗钱，要我转到安全账户。";
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

beforeAll(async () => {
  t = await testApp();
  county = await tenant(t, "liutang");
  tree = await areaTree(t, county.id);
  officer = await staff(t, county, "officer", [tree.a1.id]);
  // Officers review reports through an app key that holds fraud:manage.
  const key = await county.key("app", ["tokens:exchange", "fraud:check", "fraud:report", "fraud:manage"]);
  const subject = (await t.deps.client.execute({ sql: "SELECT subject FROM users WHERE id = ?", args: [officer.id] })).rows[0]!.subject as string;
  officer.token = (await t.post("/v1/tokens", { subject_type: "wechat_openid", subject }, { auth: key.secret })).json.access_token;
});
afterAll(() => t.close());

const check = (value: string, kind = "phone", auth?: string, extra: Record<string, unknown> = {}) => t.post("/v1/fraud/checks", { kind, value, ...extra }, auth ? { auth } : {});

describe("reporting and checking", () => {
  it("a number reported in one format is found in any other, counted once per reporter", async () => {
    const alice = await resident(t, county, [tree.a1a.id]);
    const bob = await resident(t, county, [tree.b1a.id]);
    const kiosk = await county.key("kiosk");

    expect((await check("138 0013 8000", "phone", kiosk.secret)).json).toMatchObject({ verdict: "none", report_count: 0 });

    const rep = await t.post("/v1/fraud/reports", { kind: "phone", value: "+86 138-0013-8000", narrative, amount_fen: 2_000_000 }, { auth: alice.token });
    expect(rep.status).toBe(201);
    expect(rep.json).toMatchObject({ indicator: { kind: "phone", display: "+86 138****8000", status: "reported", report_count: 1 }, area_id: tree.a1a.id, amount_fen: 2_000_000 });

    await t.post("/v1/fraud/reports", { kind: "phone", value: "１３８００１３８０００", narrative: "又打来了" }, { auth: alice.token });
    await t.post("/v1/fraud/reports", { kind: "phone", value: "0086 13800138000", narrative }, { auth: bob.token });

    const res = await check("138.0013.8000", "phone", kiosk.secret);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ verdict: "reported", kind: "phone", display: "+86 138****8000", report_count: 2, reviewed: false, matched: null });
    expect(res.json.last_reported_at).toBe("2026-03-02T01:00:00.000Z");
    expect(res.json.advice).toContain("2位群众举报");
    expect(res.headers.get("cache-control")).toBe("no-store");

    const mine = await t.get("/v1/fraud/reports", { auth: alice.token });
    expect(mine.json.data).toHaveLength(1);
    expect(mine.json.data[0]).toMatchObject({ narrative: "又打来了", indicator: { report_count: 2 } });
  });

  it("a check never reveals who reported, or what they wrote", async () => {
    const carol = await resident(t, county, [tree.a2a.id]);
    const rep = await t.post("/v1/fraud/reports", { kind: "bank_account", value: "6222 0212 3456 7890 123", narrative: "张三让我转账到这个账户" }, { auth: carol.token });
    expect(rep.status).toBe(201);
    await t.post(`/v1/fraud/indicators/${rep.json.indicator.id}/confirm`, { note: "已核实" }, { auth: officer.token });
    for (const auth of [undefined, (await county.key("kiosk")).secret, (await resident(t, county)).token]) {
      const res = await check("6222021234567890123", "bank_account", auth, auth ? {} : { jurisdiction: "liutang" });
      expect(res.status).toBe(200);
      expect(Object.keys(res.json).sort()).toEqual(["advice", "display", "kind", "last_reported_at", "matched", "report_count", "reviewed", "verdict"]);
      expect(res.json.verdict).toBe("confirmed");
      expect(res.text).not.toContain(carol.id);
      expect(res.text).not.toContain(rep.json.id);
      expect(res.text).not.toContain("张三");
      expect(res.text).not.toContain("已核实");
    }
  });

  it("stores only a keyed hash and a masked form, never the value", async () => {
    const dave = await resident(t, county);
    await t.post("/v1/fraud/reports", { kind: "phone", value: "139 1234 5678", narrative: "冒充客服" }, { auth: dave.token });
    const dump = JSON.stringify((await t.deps.client.execute("SELECT * FROM fraud_indicators")).rows) + JSON.stringify((await t.deps.client.execute("SELECT * FROM fraud_reports")).rows);
    expect(dump).not.toContain("13912345678");
    expect(dump).not.toContain("1234 5678");
    const expected = await hmacSha256Hex("test-indicator-secret-0123456789abcdef-01234", "phone\u0000+8613912345678");
    const row = (await t.deps.client.execute({ sql: "SELECT key_hash, display FROM fraud_indicators WHERE key_hash = ?", args: [expected] })).rows[0];
    expect(row).toMatchObject({ display: "+86 139****5678" });
    // The number in any spacing (not just its last digits: random request ids contain "5678" now and then).
    expect(JSON.stringify(t.logs)).not.toMatch(/139\D{0,3}1234\D{0,3}5678/);
  });

  it("a link matches reports of the same page and of its whole site; a QR link is a link", async () => {
    const erin = await resident(t, county);
    await t.post("/v1/fraud/reports", { kind: "url", value: "http://fake-icbc.top", narrative: "仿冒银行网站" }, { auth: erin.token });
    await t.post("/v1/fraud/reports", { kind: "qr_payload", value: "https://pay.scam.cn/qr/88?u=1", narrative: "扫码付款" }, { auth: erin.token });
    const kiosk = (await county.key("kiosk")).secret;
    expect((await check("HTTPS://FAKE-ICBC.TOP/login?next=/#x", "url", kiosk)).json).toMatchObject({ verdict: "reported", matched: "site", display: "fake-icbc.top/login" });
    expect((await check("pay.scam.cn/qr/88/", "url", kiosk)).json).toMatchObject({ verdict: "reported", matched: "exact" });
    expect((await check("pay.scam.cn/other", "url", kiosk)).json).toMatchObject({ verdict: "none", matched: null });
  });

  it("refuses unreadable values without echoing them", async () => {
    const res = await check("call-me-maybe-555", "phone", (await county.key("kiosk")).secret);
    expect(res.status).toBe(400);
    expect(res.json.errors[0].pointer).toBe("/body/value");
    expect(res.text).not.toContain("call-me-maybe");
  });

  it("keeps tenants apart", async () => {
    const other = await tenant(t, "elsewhere");
    const kiosk = await other.key("kiosk");
    expect((await check("13800138000", "phone", kiosk.secret)).json.verdict).toBe("none");
    expect((await check("13800138000", "phone", undefined, { jurisdiction: "elsewhere" })).json.verdict).toBe("none");
  });
});

describe("staff review", () => {
  it("confirm and dismiss change the verdict; residents cannot decide", async () => {
    const frank = await resident(t, county);
    const rep = await t.post("/v1/fraud/reports", { kind: "social_account", platform: "wechat", value: "@Scam_Helper", narrative: "刷单返利" }, { auth: frank.token });
    const id = rep.json.indicator.id;
    expect((await t.post(`/v1/fraud/indicators/${id}/confirm`, {}, { auth: frank.token })).status).toBe(403);

    const queue = await t.get("/v1/fraud/indicators?status=reported", { auth: officer.token });
    expect(queue.json.data.map((i: { id: string }) => i.id)).toContain(id);
    const reports = await t.get(`/v1/fraud/indicators/${id}/reports`, { auth: officer.token });
    expect(reports.json.data[0]).toMatchObject({ reporter: frank.id, narrative: "刷单返利" });

    const kiosk = (await county.key("kiosk")).secret;
    const confirmed = await t.post(`/v1/fraud/indicators/${id}/confirm`, { note: "已核实" }, { auth: officer.token });
    expect(confirmed.json).toMatchObject({ status: "confirmed", decided_by: `user:${officer.id}` });
    expect((await t.post(`/v1/fraud/indicators/${id}/confirm`, {}, { auth: officer.token })).status).toBe(409);
    expect((await check("scam_helper", "social_account", kiosk, { platform: "wechat" })).json).toMatchObject({ verdict: "confirmed", reviewed: true });

    await t.post(`/v1/fraud/indicators/${id}/dismiss`, { note: "误报" }, { auth: officer.token });
    const after = (await check("SCAM_HELPER", "social_account", kiosk, { platform: "wechat" })).json;
    expect(after).toMatchObject({ verdict: "none", reviewed: true, report_count: 0 });
    expect(after.advice).toContain("未发现诈骗");

    const events = await t.deps.client.execute({ sql: "SELECT type FROM outbox WHERE payload LIKE ? ORDER BY rowid", args: [`%${id}%`] });
    expect(events.rows.map((r) => r.type)).toEqual(["fraud.reported", "fraud_indicator.confirmed", "fraud_indicator.dismissed"]);
  });
});

describe("limits and photos", () => {
  it("anonymous checks have their own per-address limit", async () => {
    const from = { "x-test-client": "203.0.113.9" };
    for (let i = 0; i < 20; i++) {
      const r = await t.post("/v1/fraud/checks", { kind: "phone", value: "13800138000", jurisdiction: "liutang" }, { headers: from });
      expect(r.status).toBe(200);
    }
    const refused = await t.post("/v1/fraud/checks", { kind: "phone", value: "13800138000", jurisdiction: "liutang" }, { headers: from });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
    // Another address, or a kiosk behind the same address, is not affected.
    expect((await t.post("/v1/fraud/checks", { kind: "phone", value: "13800138000", jurisdiction: "liutang" }, { headers: { "x-test-client": "203.0.113.10" } })).status).toBe(200);
    const kiosk = (await county.key("kiosk")).secret;
    expect((await t.post("/v1/fraud/checks", { kind: "phone", value: "13800138000" }, { auth: kiosk, headers: from })).status).toBe(200);
    // Without a credential the jurisdiction must be named.
    expect((await t.post("/v1/fraud/checks", { kind: "phone", value: "13800138000" }, { headers: { "x-test-client": "203.0.113.11" } })).status).toBe(400);
  });

  it("a reporter attaches images to their own report; staff can view them", async () => {
    const gina = await resident(t, county);
    const other = await resident(t, county);
    const rep = await t.post("/v1/fraud/reports", { kind: "app_name", value: "安全 VPN", narrative: "让我下载这个应用" }, { auth: gina.token });
    const path = `/v1/fraud/reports/${rep.json.id}/photos`;
    const up = await t.request("POST", path, { body: PNG, auth: gina.token, headers: { "content-type": "image/png" } });
    expect(up.status).toBe(201);
    expect(up.json).toEqual({ index: 0, content_type: "image/png", size: PNG.length });
    const fake = await t.request("POST", path, { body: new TextEncoder().encode("<svg/>"), auth: gina.token, headers: { "content-type": "image/png" } });
    expect(fake.status).toBe(415);
    expect((await t.request("POST", path, { body: PNG, auth: other.token, headers: { "content-type": "image/png" } })).status).toBe(404);
    const seen = await t.get(`${path}/0`, { auth: officer.token });
    expect(seen.status).toBe(200);
    expect(seen.headers.get("content-type")).toBe("image/png");
    expect((await t.get(`${path}/0`, { auth: other.token })).status).toBe(404);
    for (let i = 1; i < 4; i++) expect((await t.request("POST", path, { body: PNG, auth: gina.token, headers: { "content-type": "image/png" } })).status).toBe(201);
    expect((await t.request("POST", path, { body: PNG, auth: gina.token, headers: { "content-type": "image/png" } })).status).toBe(409);
  });
});
