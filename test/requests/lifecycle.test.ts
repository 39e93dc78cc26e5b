import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { world, type World } from "./factories.ts";
import { act, file, step, timeline, type Req } from "./helpers.ts";

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await testApp();
  w = await world(t);
});
afterAll(() => t.close());
beforeEach(() => w.refresh());

const noise = { service_code: "noise", attributes: { source: "square_dance" }, area_id: "" };
const fileNoise = (auth = w.resident.token) => file(t, auth, { ...noise, area_id: w.grid.id });

/** Valid bodies, so only the state decides. */
const bodies: Record<string, unknown> = {
  dispatch: {},
  accept: {},
  decline: { reason: "不属于本单位职责" },
  transfer: { agency_id: "", note: "转住建" },
  start: {},
  resolve: { result: "已处理" },
  rate: { score: 4 },
  close: {},
  withdraw: {},
  "mark-duplicate": { duplicate_of: "" },
  "mark-invalid": { reason: "恶作剧" },
  reopen: { reason: "问题复发" },
};

// Written out independently of the implementation's table: the spec of who may follow whom.
const legal: Record<string, string[]> = {
  submitted: ["dispatch", "withdraw", "mark-duplicate", "mark-invalid"],
  dispatched: ["accept", "decline", "transfer", "withdraw", "mark-duplicate", "mark-invalid"],
  transferred: ["accept", "decline", "transfer", "withdraw", "mark-duplicate", "mark-invalid"],
  accepted: ["transfer", "start", "resolve", "withdraw"],
  declined: ["dispatch", "withdraw", "mark-duplicate", "mark-invalid"],
  in_progress: ["transfer", "resolve", "withdraw"],
  resolved: ["rate", "close", "reopen"],
  rated: ["close", "reopen"],
  closed: ["reopen"],
  reopened: ["dispatch", "withdraw", "mark-duplicate", "mark-invalid"],
  withdrawn: [],
  duplicate: [],
  invalid: [],
};
const allVerbs = Object.keys(bodies);

/** A request driven (by the admin key, which may do everything) into `status`. */
async function inStatus(status: string, original: Req): Promise<Req> {
  const admin = w.county.adminKey;
  let r = await fileNoise();
  const go = async (verb: string, body: unknown = bodies[verb]) => (r = await step(t, admin, r, verb, body));
  const paths: Record<string, () => Promise<unknown>> = {
    submitted: async () => {},
    dispatched: () => go("dispatch"),
    transferred: async () => (await go("dispatch"), go("transfer", { agency_id: w.housing.id, note: "转住建" })),
    accepted: async () => (await go("dispatch"), go("accept")),
    declined: async () => (await go("dispatch"), go("decline")),
    in_progress: async () => (await go("dispatch"), await go("accept"), go("start")),
    resolved: async () => (await go("dispatch"), await go("accept"), go("resolve")),
    rated: async () => (await go("dispatch"), await go("accept"), await go("resolve"), go("rate")),
    closed: async () => (await go("dispatch"), await go("accept"), await go("resolve"), go("close")),
    reopened: async () => (await go("dispatch"), await go("accept"), await go("resolve"), go("reopen")),
    withdrawn: () => go("withdraw"),
    duplicate: () => go("mark-duplicate", { duplicate_of: original.id }),
    invalid: () => go("mark-invalid"),
  };
  await paths[status]!();
  expect(r.status).toBe(status);
  return r;
}

describe("the lifecycle state machine", () => {
  it("refuses every illegal transition with 409 invalid_transition naming the allowed ones", async () => {
    const original = await fileNoise();
    let refused = 0;
    for (const [status, allowed] of Object.entries(legal)) {
      const r = await inStatus(status, original);
      for (const verb of allVerbs.filter((v) => !allowed.includes(v))) {
        const body = verb === "transfer" ? { agency_id: w.housing.id, note: "x" } : verb === "mark-duplicate" ? { duplicate_of: original.id } : bodies[verb];
        const res = await act(t, w.county.adminKey, r, verb, body);
        expect(res.status, `${verb} from ${status}`).toBe(409);
        expect(res.json).toMatchObject({ type: "/problems/invalid_transition", status_now: status });
        expect([...res.json.allowed].sort()).toEqual([...allowed].sort());
        refused++;
      }
      const after = await t.get(`/v1/requests/${r.id}`, { auth: w.county.adminKey });
      expect(after.json).toMatchObject({ status, version: r.version });
    }
    expect(refused).toBe(13 * 12 - Object.values(legal).flat().length);
  });

  it("50 parallel accepts of one request: exactly one succeeds, the rest conflict", async () => {
    const dispatched = await step(t, w.dispatcher.token, await fileNoise(), "dispatch");
    const results = await Promise.all(Array.from({ length: 50 }, () => act(t, w.urbanStaff.token, dispatched, "accept", { note: "收到" })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 409 || s === 412)).toBe(true);
    const events = await timeline(t, w.dispatcher.token, dispatched.id);
    expect(events.filter((e) => e.type === "accepted")).toHaveLength(1);
    const outbox = await t.deps.client.execute({ sql: "SELECT count(*) AS n FROM outbox WHERE type = 'request.accepted' AND json_extract(payload, '$.request_id') = ?", args: [dispatched.id] });
    expect(Number(outbox.rows[0]!.n)).toBe(1);
    const final = await t.get(`/v1/requests/${dispatched.id}`, { auth: w.dispatcher.token });
    expect(final.json).toMatchObject({ status: "accepted", version: dispatched.version + 1 });
  });

  it("If-Match: missing → 428, stale → 412 with the current ETag; nothing changes", async () => {
    const r = await fileNoise();
    const missing = await t.post(`/v1/requests/${r.id}/dispatch`, {}, { auth: w.dispatcher.token });
    expect(missing.status).toBe(428);
    expect(missing.json.type).toBe("/problems/precondition_required");
    const moved = await step(t, w.dispatcher.token, r, "dispatch");
    const stale = await act(t, w.urbanStaff.token, r, "accept");
    expect(stale.status).toBe(412);
    expect(stale.json.type).toBe("/problems/precondition_failed");
    expect(stale.headers.get("etag")).toBe(`"v${moved.version}"`);
    expect((await t.get(`/v1/requests/${r.id}`, { auth: w.dispatcher.token })).json.status).toBe("dispatched");
  });

  it("GET sends the version ETag and honours If-None-Match with 304", async () => {
    const r = await fileNoise();
    const first = await t.get(`/v1/requests/${r.id}`, { auth: w.resident.token });
    expect(first.headers.get("etag")).toBe('"v1"');
    expect(first.headers.get("vary")).toBe("Authorization"); // masking differs by caller
    expect(first.headers.get("content-type")).toBe("application/json");
    const again = await t.get(`/v1/requests/${r.id}`, { auth: w.resident.token, headers: { "if-none-match": '"v1"' } });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    await step(t, w.dispatcher.token, r, "dispatch");
    const changed = await t.get(`/v1/requests/${r.id}`, { auth: w.resident.token, headers: { "if-none-match": '"v1"' } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).toBe('"v2"');
    const list = await t.get("/v1/requests/mine", { auth: w.resident.token });
    const listAgain = await t.get("/v1/requests/mine", { auth: w.resident.token, headers: { "if-none-match": list.headers.get("etag")! } });
    expect(listAgain.status).toBe(304);
  });

  it("the timeline answers 304 while unchanged, and a new entry or an internal note the resident cannot see decides", async () => {
    const r = await fileNoise();
    const path = `/v1/requests/${r.id}/events`;
    const first = await t.get(path, { auth: w.resident.token });
    const tag = first.headers.get("etag")!;
    expect(tag).toBeTruthy();
    expect(first.headers.get("vary")).toBe("Authorization");
    const again = await t.get(path, { auth: w.resident.token, headers: { "if-none-match": tag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    // An internal note is a new entry for the desk, not for the resident, whose copy stays current.
    const desk = (await t.get(path, { auth: w.dispatcher.token })).headers.get("etag")!;
    expect((await t.post(`/v1/requests/${r.id}/comments`, { body: "先核实地址", visibility: "internal" }, { auth: w.dispatcher.token })).status).toBe(201);
    expect((await t.get(path, { auth: w.dispatcher.token, headers: { "if-none-match": desk } })).status).toBe(200);
    expect((await t.get(path, { auth: w.resident.token, headers: { "if-none-match": tag } })).status).toBe(304);
    await step(t, w.dispatcher.token, r, "dispatch");
    const moved = await t.get(path, { auth: w.resident.token, headers: { "if-none-match": tag } });
    expect(moved.status).toBe(200);
    expect(moved.json.data.at(-1).type).toBe("dispatched");
  });

  it("who may do what: the desk dispatches, only the assigned agency accepts, only the follower withdraws", async () => {
    const r = await fileNoise();
    expect((await act(t, w.urbanStaff.token, r, "dispatch")).status).toBe(404); // not its agency's, not its area
    expect((await act(t, w.gridWorker.token, r, "dispatch")).status).toBe(403); // sees it (its grid), may not dispatch
    expect((await act(t, w.resident.token, r, "dispatch")).status).toBe(403);
    const d = await step(t, w.dispatcher.token, r, "dispatch", { agency_id: w.urban.id });
    expect((await act(t, w.housingStaff.token, d, "accept")).status).toBe(404); // cannot even see it
    expect((await act(t, w.officer.token, d, "accept")).status).toBe(403); // sees it by area, not its agency
    expect((await act(t, w.dispatcher.token, d, "accept")).status).toBe(403);
    expect((await act(t, w.neighbour.token, d, "withdraw")).status).toBe(404);
    const withdrawn = await step(t, w.resident.token, d, "withdraw", { reason: "已自行解决" });
    expect(withdrawn).toMatchObject({ status: "withdrawn" });
  });

  it("decline sends it back to the desk with an internal reason; re-dispatch and transfer move it on", async () => {
    let r = await step(t, w.dispatcher.token, await fileNoise(), "dispatch");
    r = await step(t, w.urbanStaff.token, r, "decline", { reason: "属于物业管理范围" });
    expect(r).toMatchObject({ status: "declined", agency_id: null });
    const inbox = await t.get("/v1/requests/inbox?limit=100", { auth: w.dispatcher.token });
    expect(inbox.json.data.map((x: Req) => x.id)).toContain(r.id);
    const residentView = await timeline(t, w.resident.token, r.id);
    expect(residentView.map((e) => e.type)).toEqual(["submitted", "dispatched"]);
    expect(JSON.stringify(residentView)).not.toContain("属于物业管理范围");
    r = await step(t, w.dispatcher.token, r, "dispatch", { agency_id: w.urban.id });
    r = await step(t, w.urbanStaff.token, r, "transfer", { agency_id: w.housing.id, note: "排水管道归住建" });
    expect(r).toMatchObject({ status: "transferred", agency_id: w.housing.id });
    r = await step(t, w.housingStaff.token, r, "accept");
    expect(r.status).toBe("accepted");
    expect((await act(t, w.urbanStaff.token, r, "resolve", { result: "x" })).status).toBe(404);
  });

  it("a rating of 2 or less reopens and escalates the request in the same change", async () => {
    let r = await step(t, w.dispatcher.token, await fileNoise(), "dispatch");
    r = await step(t, w.urbanStaff.token, r, "accept");
    r = await step(t, w.urbanStaff.token, r, "resolve", { result: "已劝导" });
    r = await step(t, w.resident.token, r, "rate", { score: 1, comment: "还是很吵" });
    expect(r).toMatchObject({ status: "reopened", rating: { score: 1 }, resolved_at: null });
    const staffView = await t.get(`/v1/requests/${r.id}`, { auth: w.dispatcher.token });
    expect(staffView.json.escalation_level).toBe(1);
    const events = await timeline(t, w.dispatcher.token, r.id);
    expect(events.slice(-2).map((e) => [e.type, e.from_status, e.to_status])).toEqual([
      ["rated", "resolved", "rated"],
      ["reopened", "rated", "reopened"],
    ]);
    const inbox = await t.get("/v1/requests/inbox?limit=100", { auth: w.dispatcher.token });
    expect(inbox.json.data.map((x: Req) => x.id)).toContain(r.id);
  });

  it("duplicates link to the original (never to another duplicate); invalid and reopen carry reasons", async () => {
    const original = await fileNoise();
    const second = await step(t, w.dispatcher.token, await fileNoise(w.neighbour.token), "mark-duplicate", { duplicate_of: original.tracking_code });
    expect(second).toMatchObject({ status: "duplicate", duplicate_of: original.id });
    const third = await step(t, w.dispatcher.token, await fileNoise(), "mark-duplicate", { duplicate_of: second.id });
    expect(third.duplicate_of).toBe(original.id);
    const self = await act(t, w.dispatcher.token, original, "mark-duplicate", { duplicate_of: original.id });
    expect(self.status).toBe(400);
    const invalid = await act(t, w.dispatcher.token, await fileNoise(), "mark-invalid", {});
    expect(invalid.status).toBe(400);
    expect(invalid.json.errors[0].pointer).toBe("/body/reason");
  });

  it("a resident may reopen what was resolved but not what was closed; the desk may", async () => {
    let r = await step(t, w.dispatcher.token, await fileNoise(), "dispatch");
    r = await step(t, w.urbanStaff.token, r, "accept");
    r = await step(t, w.urbanStaff.token, r, "resolve", { result: "已处理" });
    r = await step(t, w.dispatcher.token, r, "close");
    expect((await act(t, w.resident.token, r, "reopen", { reason: "又来了" })).status).toBe(403);
    r = await step(t, w.dispatcher.token, r, "reopen", { reason: "居民来电反映复发" });
    expect(r.status).toBe("reopened");
  });
});
