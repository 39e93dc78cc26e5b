import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
});
afterAll(() => t.close());

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const REQ = "req_01jf8z3m2ke5qb0x4n3c1w9v7t";

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
    const made = "req_01jf8z3m2ke5qb0x4n3c1w9v7v";
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
    expect((await t.post(`/v1/leads/${lead.id}/convert`, { request_id: REQ }, { auth: v.token })).status).toBe(403);
    const elsewhere = await county.user("officer", { areaIds: [tree.otherTown.id] });
    expect((await t.post(`/v1/leads/${lead.id}/convert`, { request_id: REQ }, { auth: elsewhere.token })).status).toBe(403);
    const res = await t.post(`/v1/leads/${lead.id}/convert`, { request_id: REQ }, { auth: officer.token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: "converted", request_id: REQ });
    expect((await t.get(`/v1/leads?request_id=${REQ}`, { auth: officer.token })).json.data.map((l: { id: string }) => l.id)).toEqual([lead.id]);
    expect((await t.post(`/v1/leads/${lead.id}/convert`, { request_id: REQ }, { auth: officer.token })).status).toBe(409);
    expect((await t.post(`/v1/leads/${lead.id}/dismiss`, { reason: "x" }, { auth: officer.token })).status).toBe(409);
    const events = await t.deps.client.execute({ sql: "SELECT payload FROM outbox WHERE type = 'lead.converted'", args: [] });
    expect(events.rows.map((r) => JSON.parse(String(r.payload)))).toContainEqual({ lead_id: lead.id, request_id: REQ });
    expect((await t.post(`/v1/leads/${lead.id}/convert`, { request_id: "not-a-request" }, { auth: officer.token })).status).toBe(400);
  });

  it("staff can dismiss a lead that needs no request", async () => {
    const { lead } = await reported();
    const gw = await county.user("grid_worker", { areaIds: [tree.grid.id] });
    const res = await t.post(`/v1/leads/${lead.id}/dismiss`, { reason: "已掌握" }, { auth: gw.token });
    expect(res.json.status).toBe("dismissed");
  });
});
