import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { areaTree, household, households_, publishedAlert, resident, staff, type Tree } from "./factories.ts";

let t: TestApp;
let county: Tenant;
let tree: Tree;
let desk: string;
let stats: string;

/** A token for `id` through a key holding `scopes`. */
async function token(id: string, scopes: string[]) {
  const key = await county.key("app", ["tokens:exchange", ...scopes]);
  const subject = (await t.deps.client.execute({ sql: "SELECT subject FROM users WHERE id = ?", args: [id] })).rows[0]!.subject as string;
  return (await t.post("/v1/tokens", { subject_type: "wechat_openid", subject }, { auth: key.secret })).json.access_token as string;
}

beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
  tree = await areaTree(t, county.id);
  const dispatcher = await staff(t, county, "dispatcher");
  desk = await token(dispatcher.id, ["alerts:read", "alerts:write", "fraud:report", "fraud:manage", "interventions:read", "interventions:write", "stats:read"]);
  stats = desk;

  // Before the period: must not count.
  const early = await resident(t, county, [tree.a1a.id]);
  await t.post("/v1/fraud/reports", { kind: "phone", value: "13700000000", narrative: "旧的" }, { auth: early.token });
  t.clock.advance(2 * 86_400_000); // now 2026-03-04T01:00Z = 09:00 in Shanghai

  const renew = await staff(t, county, "dispatcher");
  desk = await token(renew.id, ["alerts:read", "alerts:write", "fraud:report", "fraud:manage", "interventions:read", "interventions:write", "stats:read"]);
  stats = desk;

  await households_(t, county.id, tree.a1a.id, 3);
  await households_(t, county.id, tree.a2a.id, 2);
  await households_(t, county.id, tree.b1a.id, 4);

  const townA = await publishedAlert(t, desk, { area_ids: [tree.townA.id] });
  const a1Only = await publishedAlert(t, desk, { area_ids: [tree.a1a.id] });
  await publishedAlert(t, desk, { area_ids: [tree.b1.id] });
  const r1 = await resident(t, county, [tree.a1a.id]);
  const r2 = await resident(t, county, [tree.a2a.id]);
  await t.post(`/v1/alerts/${townA.id}/receipts`, { status: "acknowledged" }, { auth: r1.token });
  await t.post(`/v1/alerts/${a1Only.id}/receipts`, { status: "delivered" }, { auth: r1.token });
  await t.post(`/v1/alerts/${townA.id}/receipts`, { status: "read" }, { auth: r2.token });
  const home = await household(t, county.id, tree.a2a.id);
  await t.post(`/v1/doorplates/${home.doorplateCode}/alerts/${townA.id}/receipts`, { status: "delivered" });

  const rep = await t.post("/v1/fraud/reports", { kind: "phone", value: "13800138000", narrative: "冒充公检法" }, { auth: r1.token });
  await t.post("/v1/fraud/reports", { kind: "phone", value: "13800138000", narrative: "同一个号码" }, { auth: r2.token });
  await t.post("/v1/fraud/reports", { kind: "url", value: "evil.cn", narrative: "钓鱼网站" }, { auth: r2.token });
  const placeless = await resident(t, county);
  await t.post("/v1/fraud/reports", { kind: "app_name", value: "安全VPN", narrative: "无网格的居民" }, { auth: placeless.token });
  await t.post(`/v1/fraud/indicators/${rep.json.indicator.id}/confirm`, {}, { auth: desk });

  const stopped = await t.post("/v1/interventions", { source: "relative", area_id: tree.a1a.id, summary: "安全账户", amount_at_risk_fen: 2_000_000 }, { auth: desk });
  await t.post(`/v1/interventions/${stopped.json.id}/resolve`, { outcome: "stopped", amount_saved_fen: 2_000_000, anti_fraud_app_installed: true }, { auth: desk });
  const lost = await t.post("/v1/interventions", { source: "bank", area_id: tree.a2a.id, summary: "刷单" }, { auth: desk });
  await t.post(`/v1/interventions/${lost.json.id}/resolve`, { outcome: "lost", amount_lost_fen: 35_000, anti_fraud_app_installed: false }, { auth: desk });
  await t.post("/v1/interventions", { source: "hotline", area_id: tree.b1a.id, summary: "贷款先交费" }, { auth: desk });
});
afterAll(() => t.close());

describe("anti-fraud figures", () => {
  it("break a town down by community for the period", async () => {
    const res = await t.get(`/v1/figures/anti-fraud?area_id=${tree.townA.id}&from=2026-03-03&to=2026-03-05`, { auth: stats });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ area_id: tree.townA.id, from: "2026-03-02T16:00:00.000Z", to: "2026-03-04T16:00:00.000Z", timezone: "Asia/Shanghai" });
    const row = (id: string) => res.json.rows.find((r: { area_id: string }) => r.area_id === id);
    expect(res.json.rows.map((r: { area_id: string }) => r.area_id).sort()).toEqual([tree.a1.id, tree.a2.id].sort());
    expect(row(tree.a1.id)).toMatchObject({
      households: 3,
      alerts_sent: 2,
      deliveries: 2,
      reads: 1,
      acknowledgements: 1,
      read_rate: 0.5,
      reports: 1,
      indicators_confirmed: 1,
      interventions: 1,
      stopped: 1,
      amount_saved_fen: 2_000_000,
      app_installed: 1,
    });
    expect(row(tree.a2.id)).toMatchObject({ households: 3, alerts_sent: 1, deliveries: 2, reads: 1, reports: 2, indicators_confirmed: 1, interventions: 1, lost: 1, amount_lost_fen: 35_000 });
    expect(res.json.total).toMatchObject({ households: 6, alerts_sent: 2, deliveries: 4, reads: 2, reports: 3, indicators_confirmed: 1, interventions: 2, amount_saved_fen: 2_000_000, amount_lost_fen: 35_000 });
  });

  it("cover the whole jurisdiction, and leave out what falls outside the period", async () => {
    const all = await t.get("/v1/figures/anti-fraud?from=2026-03-03&to=2026-03-05", { auth: stats });
    expect(all.json.total).toMatchObject({ households: 10, alerts_sent: 3, reports: 4, interventions: 3 });
    const wide = await t.get("/v1/figures/anti-fraud?from=2026-03-01&to=2026-03-05", { auth: stats });
    expect(wide.json.total.reports).toBe(5);
    const before = await t.get("/v1/figures/anti-fraud?from=2026-02-01&to=2026-03-01", { auth: stats });
    expect(before.json.total).toMatchObject({ alerts_sent: 0, deliveries: 0, reports: 0, interventions: 0, read_rate: null });
  });

  it("export as CSV", async () => {
    const res = await t.get(`/v1/figures/anti-fraud?area_id=${tree.townA.id}&from=2026-03-03&to=2026-03-05&format=csv`, { auth: stats });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = res.text.trim().split("\r\n").map((l) => l.split(","));
    const header = lines[0]!;
    expect(header.slice(0, 5)).toEqual(["area_id", "name", "level", "households", "alerts_sent"]);
    const saved = header.indexOf("amount_saved_fen");
    const total = lines.at(-1)!;
    expect(total[0]).toBe(tree.townA.id);
    expect(total[saved]).toBe("2000000");
    expect(lines).toHaveLength(4);
    const viaAccept = await t.get(`/v1/figures/anti-fraud?area_id=${tree.townA.id}`, { auth: stats, headers: { accept: "text/csv" } });
    expect(viaAccept.headers.get("content-type")).toMatch(/^text\/csv/);
  });

  it("are not for residents, and reject an empty period", async () => {
    const r = await resident(t, county, [tree.a1a.id]);
    expect((await t.get("/v1/figures/anti-fraud", { auth: r.token })).status).toBe(403);
    expect((await t.get("/v1/figures/anti-fraud?from=2026-03-05&to=2026-03-01", { auth: stats })).status).toBe(400);
  });
});
