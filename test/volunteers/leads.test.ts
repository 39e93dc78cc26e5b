import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCatalogue } from "../../worker/services/catalogue/seed-catalogue.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { areaTree, postTask, signUp, volunteer } from "./factories.ts";

let t: TestApp;
let county: Tenant;
let tree: Awaited<ReturnType<typeof areaTree>>;
let officer: { id: string; token: string };

beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
  tree = await areaTree(t, county);
  officer = await county.user("officer", { areaIds: [tree.community.id] });
  await seedCatalogue(t.deps, county.id);
});
afterAll(() => t.close());

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
/** An id of the right shape that names no request. */
const MADE_UP = "req_01jf8z3m2ke5qb0x4n3c1w9v7t";
const leadRequest = { service_code: "lead", attributes: { lead_type: "suspicious_person" }, description: "3号楼有陌生男子逐层敲门" };

/** A service request the officer files through the requests API, in their area. */
async function filed(extra: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  const res = await t.post("/v1/requests", { ...leadRequest, area_id: tree.grid.id, ...extra }, { auth: officer.token });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

/** What a refused conversion must leave untouched. */
async function written() {
  const n = async (sql: string) => Number((await t.deps.client.execute(sql)).rows[0]!.n);
  return {
    outbox: await n("SELECT count(*) AS n FROM outbox"),
    events: await n("SELECT count(*) AS n FROM request_events"),
    audit: await n("SELECT count(*) AS n FROM audit_log"),
    linked: await n("SELECT count(*) AS n FROM service_requests WHERE source_lead_id IS NOT NULL"),
    converted: await n("SELECT count(*) AS n FROM volunteer_leads WHERE status <> 'new'"),
  };
}

async function reported() {
  const task = await postTask(t, officer.token, tree.grid);
  const v = await volunteer(t, county);
  await signUp(t, v.token, task.id);
  const lead = await t.post("/v1/leads", { text: "3号楼有陌生男子逐层敲门", task_id: task.id, location: { lat: 35.2372, lng: 110.1491 } }, { auth: v.token });
  expect(lead.status).toBe(201);
  return { task, v, lead: lead.json };
}

describe("leads (线索)", () => {
  it("a volunteer on a task reports a lead: it takes the task's area and tells the officers", async () => {
    const { task, lead } = await reported();
    expect(lead).toMatchObject({ task_id: task.id, area_id: tree.grid.id, status: "new", has_photo: false, location: { lat: 35.2372, lng: 110.1491 } });
    const events = await t.deps.client.execute({ sql: "SELECT payload FROM outbox WHERE type = 'lead.created'", args: [] });
    expect(events.rows.map((r) => JSON.parse(String(r.payload)))).toContainEqual({ lead_id: lead.id, task_id: task.id, area_id: tree.grid.id });
    const listed = await t.get(`/v1/leads?area_id=${tree.community.id}`, { auth: officer.token });
    expect(listed.json.data.map((l: { id: string }) => l.id)).toContain(lead.id);
  });

  it("cannot be linked to a task the volunteer is not on, and is private to its reporter and staff", async () => {
    const { task, lead } = await reported();
    const stranger = await volunteer(t, county);
    const res = await t.post("/v1/leads", { text: "x", task_id: task.id }, { auth: stranger.token });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].pointer).toBe("/body/task_id");
    expect((await t.get(`/v1/leads/${lead.id}`, { auth: stranger.token })).status).toBe(404);
    expect((await t.get("/v1/leads", { auth: stranger.token })).json.data).toEqual([]);
  });

  it("takes a photo only if its bytes are an image, whatever the declared type", async () => {
    const { v, lead } = await reported();
    const fake = await t.put(`/v1/leads/${lead.id}/photo`, new TextEncoder().encode("<script>alert(1)</script>"), { auth: v.token, headers: { "content-type": "image/png" } });
    expect(fake.status).toBe(415);
    const ok = await t.put(`/v1/leads/${lead.id}/photo`, PNG, { auth: v.token, headers: { "content-type": "image/jpeg" } });
    expect(ok.status).toBe(200);
    expect(ok.json.has_photo).toBe(true);
    const photo = await t.app.request(`/v1/leads/${lead.id}/photo`, { headers: { authorization: `Bearer ${officer.token}` } });
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await photo.arrayBuffer())).toEqual(PNG);
    const other = await volunteer(t, county);
    expect((await t.put(`/v1/leads/${lead.id}/photo`, PNG, { auth: other.token, headers: { "content-type": "image/png" } })).status).toBe(404);
  });

  it("a second conversion or a dismissal is a 409 problem naming the lead's state and the request it went to", async () => {
    const { lead } = await reported();
    const made = (await filed()).id;
    expect((await t.post(`/v1/leads/${lead.id}/convert`, { request_id: made }, { auth: officer.token })).status).toBe(200);
    for (const [verb, body] of [["convert", { request_id: made }], ["dismiss", { reason: "x" }]] as const) {
      const res = await t.post(`/v1/leads/${lead.id}/${verb}`, body, { auth: officer.token });
      expect(res.status).toBe(409);
      // `status` and `request_id` are the problem's own (HTTP status, support id): the lead's go by other names.
      expect(res.json).toMatchObject({ type: "/problems/invalid_transition", status: 409, status_now: "converted" });
      expect(res.json.request_id).toBe(res.headers.get("x-request-id"));
      if (verb === "convert") expect(res.json.converted_request_id).toBe(made);
    }
  });

  it("an officer links it to the service request made from it; both directions can be followed; only once", async () => {
    const { v, lead } = await reported();
    const req = await filed();
    expect((await t.post(`/v1/leads/${lead.id}/convert`, { request_id: req.id }, { auth: v.token })).status).toBe(403);
    const elsewhere = await county.user("officer", { areaIds: [tree.otherTown.id] });
    expect((await t.post(`/v1/leads/${lead.id}/convert`, { request_id: req.id }, { auth: elsewhere.token })).status).toBe(403);
    const res = await t.post(`/v1/leads/${lead.id}/convert`, { request_id: req.id }, { auth: officer.token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: "converted", request_id: req.id });
    expect((await t.get(`/v1/leads/${lead.id}`, { auth: officer.token })).json).toMatchObject({ status: "converted", request_id: req.id });
    // The request knows its lead too: a new version (so a new ETag), and an internal timeline entry.
    const got = await t.get(`/v1/requests/${req.id}`, { auth: officer.token });
    expect(got.json).toMatchObject({ id: req.id, source_lead_id: lead.id, version: req.version + 1 });
    expect(got.headers.get("etag")).toBe(`"v${req.version + 1}"`);
    const timeline = (await t.get(`/v1/requests/${req.id}/events`, { auth: officer.token })).json.data as { type: string; visibility: string; data: unknown }[];
    expect(timeline.filter((e) => e.type === "lead_linked")).toMatchObject([{ visibility: "internal", data: { lead_id: lead.id } }]);
    expect((await t.get(`/v1/leads?request_id=${req.id}`, { auth: officer.token })).json.data.map((l: { id: string }) => l.id)).toEqual([lead.id]);
    expect((await t.post(`/v1/leads/${lead.id}/convert`, { request_id: req.id }, { auth: officer.token })).status).toBe(409);
    expect((await t.post(`/v1/leads/${lead.id}/dismiss`, { reason: "x" }, { auth: officer.token })).status).toBe(409);
    const outbox = async (type: string) =>
      (await t.deps.client.execute({ sql: "SELECT payload FROM outbox WHERE type = ?", args: [type] })).rows.map((r) => JSON.parse(String(r.payload)));
    expect(await outbox("lead.converted")).toContainEqual({ lead_id: lead.id, request_id: req.id });
    expect(await outbox("request.lead_linked")).toContainEqual(expect.objectContaining({ request_id: req.id, lead_id: lead.id, version: req.version + 1 }));
    expect((await t.post(`/v1/leads/${lead.id}/convert`, { request_id: "not-a-request" }, { auth: officer.token })).status).toBe(400);
  });

  it("refuses a request that does not exist, and another county's alike, writing nothing", async () => {
    const { lead } = await reported();
    const neighbour = await tenant(t);
    await seedCatalogue(t.deps, neighbour.id);
    const theirs = await t.post("/v1/requests", leadRequest, { auth: neighbour.adminKey });
    expect(theirs.status, theirs.text).toBe(201);

    const before = await written();
    const unknown = await t.post(`/v1/leads/${lead.id}/convert`, { request_id: MADE_UP }, { auth: officer.token });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ type: "/problems/not_found", status: 404 });
    const foreign = await t.post(`/v1/leads/${lead.id}/convert`, { request_id: theirs.json.id }, { auth: officer.token });
    expect(foreign.status).toBe(404);
    const { request_id: _a, ...a } = unknown.json;
    const { request_id: _b, ...b } = foreign.json;
    expect(b).toEqual(a);

    expect(await written()).toEqual(before);
    expect((await t.get(`/v1/leads/${lead.id}`, { auth: officer.token })).json).toMatchObject({ status: "new", request_id: null });
    expect((await t.get(`/v1/requests/${theirs.json.id}`, { auth: neighbour.adminKey })).json).toMatchObject({ source_lead_id: null, version: 1 });
  });

  it("refuses (409) a request already linked to another lead, however it was linked", async () => {
    const first = await reported();
    const second = await reported();
    // Linked on filing (POST /v1/requests with source_lead_id) …
    const onFiling = await filed({ source_lead_id: first.lead.id });
    // … or by converting another lead to an existing request.
    const third = await reported();
    const byConversion = await filed();
    expect((await t.post(`/v1/leads/${third.lead.id}/convert`, { request_id: byConversion.id }, { auth: officer.token })).status).toBe(200);

    for (const [req, owner] of [[onFiling, first.lead.id], [byConversion, third.lead.id]] as const) {
      const before = await written();
      const res = await t.post(`/v1/leads/${second.lead.id}/convert`, { request_id: req.id }, { auth: officer.token });
      expect(res.status).toBe(409);
      expect(res.json).toMatchObject({ type: "/problems/conflict", status: 409, linked_lead_id: owner });
      expect(res.json.detail).toContain("already linked to another lead");
      expect(await written()).toEqual(before);
      expect((await t.get(`/v1/requests/${req.id}`, { auth: officer.token })).json.source_lead_id).toBe(owner);
    }
    expect((await t.get(`/v1/leads/${second.lead.id}`, { auth: officer.token })).json).toMatchObject({ status: "new", request_id: null });
  });

  it("of two leads converted to one request at once, exactly one is linked", async () => {
    const [a, b] = await Promise.all([reported(), reported()]);
    const req = await filed();
    const results = await Promise.all([a!, b!].map(({ lead }) => t.post(`/v1/leads/${lead.id}/convert`, { request_id: req.id }, { auth: officer.token })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.json.id;
    expect(results.find((r) => r.status === 409)!.json).toMatchObject({ type: "/problems/conflict" });
    const loser = [a!, b!].map(({ lead }) => lead.id).find((id) => id !== winner)!;
    expect((await t.get(`/v1/requests/${req.id}`, { auth: officer.token })).json).toMatchObject({ source_lead_id: winner, version: req.version + 1 });
    expect((await t.get(`/v1/leads/${loser}`, { auth: officer.token })).json).toMatchObject({ status: "new", request_id: null });
  });

  it("staff can dismiss a lead that needs no request", async () => {
    const { lead } = await reported();
    const gw = await county.user("grid_worker", { areaIds: [tree.grid.id] });
    const res = await t.post(`/v1/leads/${lead.id}/dismiss`, { reason: "已掌握" }, { auth: gw.token });
    expect(res.json.status).toBe("dismissed");
  });
});
