import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { world, type World } from "./factories.ts";
import { file, step, type Req } from "./helpers.ts";

let t: TestApp;
let w: World;
let from: string;
beforeAll(async () => {
  t = await testApp();
  w = await world(t);
  from = new Date(t.clock.now()).toISOString();
  const later = async (minutes: number) => {
    t.clock.advance(minutes * 60_000);
    await w.refresh();
  };
  const noise = () => file(t, w.resident.token, { service_code: "noise", attributes: { source: "shop" }, area_id: w.grid.id });
  let [a, b, c] = [await noise(), await noise(), await noise()] as Req[];
  const d = await noise();
  await step(t, w.resident.token, d, "withdraw");
  const dispute = await file(t, w.dispatcher.token, {
    service_code: "dispute",
    channel: "phone",
    area_id: w.otherGrid.id,
    attributes: { dispute_type: "wages" },
    dispute: { grade: "orange", parties: [{ name: "甲", role: "applicant" }] },
  });
  a = await step(t, w.dispatcher.token, a!, "dispatch");
  b = await step(t, w.dispatcher.token, b!, "dispatch");
  c = await step(t, w.dispatcher.token, c!, "dispatch");
  await later(10);
  a = await step(t, w.urbanStaff.token, a, "accept");
  await later(10);
  c = await step(t, w.urbanStaff.token, c, "accept");
  await later(10);
  b = await step(t, w.urbanStaff.token, b, "accept");
  await later(90); // 2 h after filing
  a = await step(t, w.urbanStaff.token, a, "resolve", { result: "ok" });
  await later(120); // 4 h
  b = await step(t, w.urbanStaff.token, b, "resolve", { result: "ok" });
  await step(t, w.resident.token, a, "rate", { score: 5 });
  await step(t, w.resident.token, b, "rate", { score: 4 });
  const read = await t.get(`/v1/disputes/${dispute.id}`, { auth: w.dispatcher.token });
  const file_ = read.json;
  const signed = await t.post(`/v1/disputes/${file_.id}/agreement`, { text: "协议", signed_at: "2026-03-02T09:00:00+08:00", party_ids: [file_.parties[0].id] }, { auth: w.dispatcher.token, headers: { "if-match": read.headers.get("etag")! } });
  expect(signed.status, signed.text).toBe(200);
});
afterAll(() => t.close());

describe("figures", () => {
  it("per area (with descendants) and period: counts, median and p90 times, rates, satisfaction", async () => {
    const to = new Date(t.clock.now() + 1).toISOString();
    const res = await t.get(`/v1/figures/requests?area_id=${w.town.id}&from=${from}&to=${to}`, { auth: w.dispatcher.token });
    expect(res.status, res.text).toBe(200);
    expect(res.json.requests).toEqual({
      total: 4,
      by_status: { rated: 2, accepted: 1, withdrawn: 1 },
      by_group: { nuisance: 4 },
      by_service: { noise: 4 },
      by_channel: { app: 4 },
      first_response: { count: 3, median_minutes: 20, p90_minutes: 30 },
      resolution: { count: 2, median_hours: 2, p90_hours: 4 },
      resolution_rate: 0.6667,
      satisfaction: { rated: 2, average: 4.5, satisfied_rate: 1 },
      overdue: { now: 0, ever: 0 },
    });
    expect(res.json.disputes).toEqual({ total: 0, by_grade: {}, by_level: {}, mediated: 0, mediated_rate: null });
    const all = await t.get(`/v1/figures/requests?area_id=${w.root.id}&from=${from}&to=${to}`, { auth: w.dispatcher.token });
    expect(all.json.requests.total).toBe(5);
    expect(all.json.requests.by_channel).toEqual({ app: 4, phone: 1 });
    expect(all.json.disputes).toEqual({ total: 1, by_grade: { orange: 1 }, by_level: { grid: 1 }, mediated: 1, mediated_rate: 1 });
    const before = await t.get(`/v1/figures/requests?from=2025-01-01T00:00:00Z&to=${from}`, { auth: w.dispatcher.token });
    expect(before.json.requests.total).toBe(0);
    expect(before.json.requests.first_response.median_minutes).toBeNull();
  });

  it("break an area down by its children, every child listed, the same measures as the totals", async () => {
    const to = new Date(t.clock.now() + 1).toISOString();
    const res = await t.get(`/v1/figures/requests?area_id=${w.root.id}&from=${from}&to=${to}`, { auth: w.dispatcher.token });
    expect(res.json.by_area).toEqual([
      { area_id: w.town.id, name: "城关街道", level: "town", total: 4, resolved: 2, resolution_rate: 0.6667, overdue_now: 0, rated: 2, satisfaction_average: 4.5, disputes: 0, mediated_rate: null },
      { area_id: w.otherTown.id, name: "甘井镇", level: "town", total: 1, resolved: 0, resolution_rate: 0, overdue_now: 0, rated: 0, satisfaction_average: null, disputes: 1, mediated_rate: 1 },
    ]);
    // A child with nothing filed is still a row; the county as a whole is the jurisdiction's one top-level area.
    const town = await t.get(`/v1/figures/requests?area_id=${w.otherTown.id}&from=${from}&to=${to}`, { auth: w.dispatcher.token });
    expect(town.json.by_area).toEqual([expect.objectContaining({ area_id: w.otherGrid.id, total: 1, disputes: 1 })]);
    const all = await t.get(`/v1/figures/requests?from=${from}&to=${to}`, { auth: w.dispatcher.token });
    expect(all.json.by_area).toEqual([expect.objectContaining({ area_id: w.root.id, total: 5, disputes: 1 })]);
    const csv = await t.get(`/v1/figures/requests?area_id=${w.root.id}&from=${from}&to=${to}&format=csv`, { auth: w.dispatcher.token });
    expect(csv.text).toContain(`by_area,total,${w.town.id},4\r\n`);
    expect(csv.text).toContain(`by_area,name,${w.otherTown.id},甘井镇\r\n`);
  });

  it("take the period as local days in the jurisdiction's zone too, up to three years", async () => {
    // Everything above was filed on 2 March, Beijing time (the test clock starts at 09:00 there).
    const day = await t.get("/v1/figures/requests?from=2026-03-02&to=2026-03-03", { auth: w.dispatcher.token });
    expect(day.status, day.text).toBe(200);
    expect(day.json.requests.total).toBe(5);
    expect([Date.parse(day.json.from), Date.parse(day.json.to)]).toEqual([Date.parse("2026-03-02T00:00:00+08:00"), Date.parse("2026-03-03T00:00:00+08:00")]);
    const dayBefore = await t.get("/v1/figures/requests?from=2026-03-01&to=2026-03-02", { auth: w.dispatcher.token });
    expect(dayBefore.json.requests.total).toBe(0);
    const tooLong = await t.get("/v1/figures/requests?from=2020-01-01&to=2026-03-02", { auth: w.dispatcher.token });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.errors).toEqual([{ pointer: "/query/from", detail: expect.stringContaining("3 years") }]);
    // Years 0–99 are those years (not 1900–1999), and out of range; so is an end past year 9999.
    const ancient = await t.get("/v1/figures/requests?from=0001-01-01&to=0002-01-01", { auth: w.dispatcher.token });
    expect(ancient.status).toBe(400);
    expect(ancient.json.errors).toEqual([{ pointer: "/query/from", detail: "between 1970-01-01 and 9999-12-31" }]);
    const beyond = await t.get(`/v1/figures/requests?from=9999-12-01&to=${encodeURIComponent("9999-12-31T23:59:59-12:00")}`, { auth: w.dispatcher.token });
    expect(beyond.status).toBe(400);
    expect(beyond.json.errors[0].pointer).toBe("/query/to");
  });

  it("CSV export carries the same figures", async () => {
    const to = new Date(t.clock.now() + 1).toISOString();
    const res = await t.get(`/v1/figures/requests?area_id=${w.town.id}&from=${from}&to=${to}&format=csv`, { auth: w.dispatcher.token });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = res.text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("section,metric,key,value");
    expect(lines).toContain("requests,total,,4");
    expect(lines).toContain("requests,first_response,median_minutes,20");
    expect(lines).toContain("requests,resolution,p90_hours,4");
    expect(lines).toContain("requests,by_status,withdrawn,1");
    expect(lines).toContain("disputes,mediated_rate,,");
  });

  it("residents may not read figures; a department sees only what it may see", async () => {
    expect((await t.get("/v1/figures/requests", { auth: w.resident.token })).status).toBe(403);
    const housing = await t.get(`/v1/figures/requests?from=${from}`, { auth: w.housingStaff.token });
    expect(housing.json.requests.total).toBe(0);
    const urban = await t.get(`/v1/figures/requests?from=${from}`, { auth: w.urbanStaff.token });
    expect(urban.json.requests.total).toBe(3); // dispatched to it; the withdrawn one never was
  });
});
