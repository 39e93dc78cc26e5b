import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { world, type World } from "./factories.ts";
import { file, residentVia, step, timeline, type Req } from "./helpers.ts";

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await testApp();
  w = await world(t);
});
afterAll(() => t.close());
beforeEach(() => w.refresh());

const noise = { service_code: "noise", description: "楼上装修每天早上七点开始电钻", attributes: { source: "renovation", times: ["morning"] } };

/** 派单 → 接单 → 办结 → 评单 → closed, by the people who do each step. */
async function closeTheLoop(req: Req, rater: () => string) {
  await w.refresh();
  expect(req.status).toBe("submitted");
  let r = await step(t, w.dispatcher.token, req, "dispatch", { note: "请城管处理" });
  expect(r).toMatchObject({ status: "dispatched", agency_id: w.urban.id });
  expect(Date.parse(r.due.first_response_at) - t.clock.now()).toBe(30 * 60_000);
  expect(Date.parse(r.due.resolution_at) - t.clock.now()).toBe(24 * 3_600_000);
  t.clock.advance(10 * 60_000);
  r = await step(t, w.urbanStaff.token, r, "accept");
  expect(r.first_responded_at).toBe(new Date(t.clock.now()).toISOString());
  r = await step(t, w.urbanStaff.token, r, "start", { note: "已到现场" });
  t.clock.advance(3 * 60_000); // tokens last 15 minutes of this clock
  r = await step(t, w.urbanStaff.token, r, "resolve", { result: "已责令施工方调整作业时间至8点后" });
  expect(r).toMatchObject({ status: "resolved", resolution_note: "已责令施工方调整作业时间至8点后" });
  r = await step(t, rater(), r, "rate", { score: 5, comment: "很快" });
  expect(r).toMatchObject({ status: "rated", rating: { score: 5, comment: "很快" } });
  r = await step(t, w.dispatcher.token, r, "close");
  expect(r.status).toBe("closed");
  const events = await timeline(t, w.dispatcher.token, r.id);
  expect(events.map((e) => e.type)).toEqual(["submitted", "dispatched", "accepted", "started", "resolved", "rated", "closed"]);
  expect(events[1]).toMatchObject({ from_status: "submitted", to_status: "dispatched", note: "请城管处理", actor: { kind: "staff", role: "dispatcher" } });
  await w.refresh();
  return r;
}

describe("the closed loop over HTTP, from every channel", () => {
  it("qr: a doorplate code fills address, grid and location", async () => {
    const req = await file(t, w.resident.token, { ...noise, doorplate_code: w.home.doorplateCode });
    expect(req).toMatchObject({
      channel: "qr",
      location: { area_id: w.grid.id, lat: 35.23, long: 110.15 },
      reporter: { name: "张**", phone: "138****5678", user_id: w.resident.id },
    });
    // Anyone can scan any door: the household's address a code filled in is the desk's to see, not the filer's.
    expect(req.location.address).not.toBe(w.home.address);
    expect((await t.get(`/v1/requests/${req.id}`, { auth: w.dispatcher.token })).json.location.address).toBe(w.home.address);
    expect(req.tracking_code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(req.id).toMatch(/^req_/);
    await closeTheLoop(req, () => w.resident.token);
  });

  it("app, public_account and kiosk: the channel follows the resident's credential", async () => {
    for (const kind of ["app", "public_account", "kiosk"] as const) {
      const resident = await residentVia(t, w.county, kind, `openid-${kind}`);
      const req = await file(t, resident.token, { ...noise, area_id: w.grid.id });
      expect(req.channel).toBe(kind);
      expect(req.reporter).toMatchObject({ name: "王**", phone: "137****2222" });
      await closeTheLoop(req, () => resident.token);
    }
  });

  it("a kiosk key without a signed-in resident files for a walk-up caller and can rate it at the kiosk", async () => {
    const kiosk = await w.county.key("kiosk");
    const req = await file(t, kiosk.secret, { ...noise, area_id: w.grid.id, reporter: { name: "刘大妈", phone: "13511112222" } });
    expect(req).toMatchObject({ channel: "kiosk", reporter: { name: "刘**", phone: "135****2222", user_id: null } });
    await closeTheLoop(req, () => kiosk.secret);
  });

  it("phone and walk_in: staff file with the caller's contact; staff record the rating on the follow-up call", async () => {
    const phone = await file(t, w.dispatcher.token, { ...noise, channel: "phone", area_id: w.grid.id, reporter: { name: "李四", phone: "13600003333" } });
    expect(phone).toMatchObject({ channel: "phone", reporter: { name: "李*", phone: "136****3333" } });
    await closeTheLoop(phone, () => w.gridWorker.token);
    const walkIn = await file(t, w.officer.token, { ...noise, channel: "walk_in", area_id: w.grid.id });
    expect(walkIn.channel).toBe("walk_in");
    await closeTheLoop(walkIn, () => w.officer.token);
  });

  it("staff: a grid worker files for a registered resident, who then follows and rates it", async () => {
    const req = await file(t, w.gridWorker.token, { ...noise, resident_id: w.neighbour.id, doorplate_code: w.home.doorplateCode });
    expect(req).toMatchObject({ channel: "staff", reporter: { user_id: w.neighbour.id, name: "赵*" }, location: { area_id: w.grid.id } });
    const mine = await t.get("/v1/requests/mine", { auth: w.neighbour.token });
    expect(mine.json.data.map((r: Req) => r.id)).toContain(req.id);
    await closeTheLoop(req, () => w.neighbour.token);
  });

  it("channels a credential cannot use are refused with a pointer", async () => {
    const res = await t.post("/v1/requests", { ...noise, channel: "phone" }, { auth: w.resident.token });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].pointer).toBe("/body/channel");
    const qr = await t.post("/v1/requests", { ...noise, channel: "qr" }, { auth: w.resident.token });
    expect(qr.json.errors[0].pointer).toBe("/body/doorplate_code");
    const door = await t.post("/v1/requests", { ...noise, doorplate_code: "not-a-code" }, { auth: w.resident.token });
    expect(door.json.errors[0]).toEqual({ pointer: "/body/doorplate_code", detail: "unknown doorplate code" });
  });

  it("attributes are validated against the service definition, with pointers and without echoing values", async () => {
    const res = await t.post(
      "/v1/requests",
      { service_code: "exit-entry-appointment", attributes: { document: "spaceship", applicants: "many", secret_field: "x" } },
      { auth: w.resident.token },
    );
    expect(res.status).toBe(400);
    const byPointer = Object.fromEntries(res.json.errors.map((e: { pointer: string; detail: string }) => [e.pointer, e.detail]));
    expect(byPointer).toEqual({
      "/body/attributes/secret_field": "this service has no such attribute",
      "/body/attributes/document": "expected one of the listed value keys",
      "/body/attributes/preferred_at": "required",
      "/body/attributes/applicants": "expected a number",
    });
    expect(res.text).not.toContain("spaceship");
    const ok = await t.post(
      "/v1/requests",
      { service_code: "exit-entry-appointment", attributes: { document: "passport", preferred_at: "2026-03-05T09:30:00+08:00", applicants: "2" } },
      { auth: w.resident.token },
    );
    expect(ok.status).toBe(201);
    expect(ok.json.attributes).toEqual({ document: "passport", preferred_at: "2026-03-05T01:30:00.000Z", applicants: 2 });
    const unknown = await t.post("/v1/requests", { service_code: "teleport" }, { auth: w.resident.token });
    expect(unknown.json.errors[0].pointer).toBe("/body/service_code");
  });

  it("an Idempotency-Key replay returns the first request and files nothing twice", async () => {
    const count = async () => Number((await t.deps.client.execute("SELECT count(*) AS n FROM service_requests")).rows[0]!.n);
    const before = await count();
    const headers = { "idempotency-key": "kiosk-7-submit-0042" };
    const first = await t.post("/v1/requests", { ...noise, area_id: w.grid.id }, { auth: w.resident.token, headers });
    const again = await t.post("/v1/requests", { ...noise, area_id: w.grid.id }, { auth: w.resident.token, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(await count()).toBe(before + 1);
  });

  it("the request is found by its tracking code too", async () => {
    const req = await file(t, w.resident.token, { ...noise, area_id: w.grid.id });
    const res = await t.get(`/v1/requests/${req.tracking_code.toLowerCase()}`, { auth: w.resident.token });
    expect(res.status).toBe(200);
    expect(res.json.id).toBe(req.id);
  });
});

describe("a volunteer's lead (线索) becomes a request", () => {
  it("staff file it from the lead, which is marked converted in the same change, once", async () => {
    const { volunteerLeads } = await import("../../worker/db/schema/index.ts");
    const leadId = `lead_${Date.now()}`;
    await t.deps.db.insert(volunteerLeads).values({
      id: leadId,
      jurisdictionId: w.county.id,
      userId: w.resident.id,
      text: "巡逻发现小区东门有人聚众赌博",
      lat: 35.24,
      lng: 110.15,
      areaId: w.grid.id,
      areaPath: w.grid.path,
      status: "new",
      createdAt: t.clock.now(),
      updatedAt: t.clock.now(),
    });
    const req = await file(t, w.officer.token, { service_code: "lead", attributes: { lead_type: "gambling" }, source_lead_id: leadId });
    expect(req).toMatchObject({ source_lead_id: leadId, description: "巡逻发现小区东门有人聚众赌博", location: { area_id: w.grid.id, lat: 35.24 } });
    const lead = await t.deps.client.execute({ sql: "SELECT status, request_id FROM volunteer_leads WHERE id = ?", args: [leadId] });
    expect(lead.rows[0]).toMatchObject({ status: "converted", request_id: req.id });
    const again = await t.post("/v1/requests", { service_code: "lead", attributes: { lead_type: "gambling" }, source_lead_id: leadId }, { auth: w.officer.token });
    expect(again.status).toBe(409);
    const byResident = await t.post("/v1/requests", { service_code: "lead", attributes: { lead_type: "gambling" }, source_lead_id: leadId }, { auth: w.resident.token });
    expect(byResident.json.errors[0].pointer).toBe("/body/source_lead_id");
  });
});
