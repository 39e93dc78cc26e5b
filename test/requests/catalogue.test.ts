import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogueSeed } from "../../worker/services/catalogue/catalogue-seed.ts";
import { seedCatalogue } from "../../worker/services/catalogue/seed-catalogue.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { world, type World } from "./factories.ts";

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await testApp();
  w = await world(t);
});
afterAll(() => t.close());

const newService = {
  code: "fallen-tree",
  names: { "zh-CN": "树木倒伏", en: "Fallen tree" },
  group: "nuisance",
  attributes: [
    { code: "blocking", datatype: "singlevaluelist", required: true, description: "是否阻塞道路", values: [{ key: "yes", name: "是" }, { key: "no", name: "否" }] },
    { code: "size", datatype: "number", description: "直径（厘米）" },
  ],
  sla: { first_response_minutes: 30, resolution_hours: 12 },
};

describe("service catalogue", () => {
  it("is seeded with every service of the seeds, in Chinese and English, and seeding again adds nothing", async () => {
    const res = await t.get("/v1/services?limit=100", { auth: w.resident.token });
    expect(res.status).toBe(200);
    const codes = res.json.data.map((s: { code: string }) => s.code);
    expect(codes).toEqual([...catalogueSeed.map((s) => s.code)].sort());
    for (const s of res.json.data) {
      expect(s.names["zh-CN"]).toMatch(/[\u4e00-\u9fff]/);
      expect(s.names.en).toMatch(/[A-Za-z]/);
    }
    const cert = res.json.data.find((s: { code: string }) => s.code === "certificate-no-criminal-record");
    expect(cert.names["zh-CN"]).toBe("无犯罪记录证明");
    expect(cert.default_agency_id).toBe(w.station.id);
    expect(await seedCatalogue(t.deps, w.county.id)).toBe(0);
  });

  it("holds every service the seeds' residents ask for, written out here apart from the seed file", async () => {
    const named: Record<string, string> = {
      consultation: "政策咨询",
      "certificate-no-criminal-record": "无犯罪记录证明",
      "certificate-temporary-id": "临时身份证明",
      "exit-entry-appointment": "出入境业务预约",
      help: "群众求助",
      report: "报警举报",
      dispute: "矛盾纠纷调解",
      lead: "线索举报",
      noise: "噪音扰民",
      "blocked-drain": "下水道堵塞",
      "corridor-clutter": "楼道杂物堆放",
      "fire-lane-parking": "占用消防通道",
      wildlife: "野生动物",
      "lost-and-found": "失物招领",
    };
    const res = await t.get("/v1/services?limit=100", { auth: w.resident.token });
    const byCode = Object.fromEntries(res.json.data.map((s: { code: string; names: Record<string, string> }) => [s.code, s.names["zh-CN"]]));
    for (const [code, zh] of Object.entries(named)) expect(byCode[code], code).toBe(zh);
  });

  it("lists by group with cursor pagination", async () => {
    const first = await t.get("/v1/services?group=nuisance&limit=2", { auth: w.resident.token });
    expect(first.json.data).toHaveLength(2);
    expect(first.json.has_more).toBe(true);
    const second = await t.get(`/v1/services?group=nuisance&limit=2&cursor=${first.json.next_cursor}`, { auth: w.resident.token });
    const all = [...first.json.data, ...second.json.data].map((s: { code: string }) => s.code);
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((c: string) => ["noise", "blocked-drain", "corridor-clutter", "fire-lane-parking"].includes(c))).toBe(true);
  });

  it("an admin creates, edits and retires a service; others may not", async () => {
    const denied = await t.post("/v1/services", newService, { auth: w.dispatcher.token });
    expect(denied.status).toBe(403);
    const created = await t.post("/v1/services", { ...newService, default_agency_id: w.urban.id }, { auth: w.county.adminKey });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ code: "fallen-tree", default_agency_id: w.urban.id, sla: { first_response_minutes: 30, resolution_hours: 12 } });
    expect(created.json.attributes[0]).toMatchObject({ code: "blocking", required: true, order: 1, values: [{ key: "yes", name: "是", name_en: null }, { key: "no", name: "否", name_en: null }] });
    const again = await t.post("/v1/services", newService, { auth: w.county.adminKey });
    expect(again.status).toBe(409);
    // The refused copy left no trace: one audit row, for the service that exists.
    const audited = await t.deps.client.execute("SELECT subject_id FROM audit_log WHERE action = 'service.created'");
    expect(audited.rows).toHaveLength(1);

    const edited = await t.patch("/v1/services/fallen-tree", { sla: { resolution_hours: 6 }, names: { en: "Fallen or leaning tree" } }, { auth: w.county.adminKey });
    expect(edited.status).toBe(200);
    expect(edited.json.sla).toEqual({ first_response_minutes: 30, resolution_hours: 6 });
    expect(edited.json.names).toEqual({ "zh-CN": "树木倒伏", en: "Fallen or leaning tree" });

    const retired = await t.del("/v1/services/fallen-tree", { auth: w.county.adminKey });
    expect(retired.json.active).toBe(false);
    const list = await t.get("/v1/services?limit=100", { auth: w.resident.token });
    expect(list.json.data.map((s: { code: string }) => s.code)).not.toContain("fallen-tree");
    const withRetired = await t.get("/v1/services?limit=100&include_inactive=true", { auth: w.county.adminKey });
    expect(withRetired.json.data.map((s: { code: string }) => s.code)).toContain("fallen-tree");
  });

  it("refuses inconsistent attribute definitions and unknown agencies with pointers", async () => {
    const res = await t.post(
      "/v1/services",
      {
        ...newService,
        code: "bad-one",
        default_agency_id: "agy_nope",
        attributes: [{ code: "x", datatype: "singlevaluelist", description: "x" }],
      },
      { auth: w.county.adminKey },
    );
    expect(res.status).toBe(400);
    expect(res.json.errors[0].pointer).toBe("/body/default_agency_id");
    const lists = await t.post(
      "/v1/services",
      { ...newService, code: "bad-two", attributes: [{ code: "x", datatype: "singlevaluelist", description: "x" }, { code: "x", datatype: "string", description: "y", values: [{ key: "a", name: "a" }] }] },
      { auth: w.county.adminKey },
    );
    expect(lists.status).toBe(400);
    expect(lists.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(["/body/attributes/0/values", "/body/attributes/1/code", "/body/attributes/1/values"]);
  });

  it("another jurisdiction's catalogue is invisible", async () => {
    const other = await (await import("../support/factories.ts")).tenant(t);
    const res = await t.get("/v1/services/noise", { auth: other.adminKey });
    expect(res.status).toBe(404);
  });
});

describe("the demo seed", () => {
  it("gives the demo jurisdiction the catalogue, with default agencies", async () => {
    const fresh = await testApp();
    const { seedDemoIfEmpty } = await import("../../worker/seed/demo.ts");
    const printed = await seedDemoIfEmpty(fresh.deps);
    expect(printed).toContain(`${catalogueSeed.length} services`);
    const rows = await fresh.deps.client.execute("SELECT code, default_agency_id FROM services");
    expect(rows.rows).toHaveLength(catalogueSeed.length);
    expect(rows.rows.every((r) => typeof r.default_agency_id === "string")).toBe(true);
    await fresh.close();
  });
});
