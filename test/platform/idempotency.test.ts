import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { alertBody, areaTree, household, publishedAlert, staff } from "../antifraud/factories.ts";

let t: TestApp;
let county: Tenant;
beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
});
afterAll(() => t.close());

// createAgency stands for any POST whose answer may be kept (not `no-store`).
const create = (body: unknown, key: string, auth = county.adminKey) =>
  t.post("/v1/agencies", body, { auth, headers: { "idempotency-key": key } });

const agencyCount = async () => (await t.deps.client.execute("SELECT count(*) AS n FROM agencies")).rows[0]!.n;

describe("Idempotency-Key on POST", () => {
  it("a replay returns the stored status and body and does the work once", async () => {
    const before = await agencyCount();
    const first = await create({ name: "kiosk A", kind: "department" }, "op-1");
    const again = await create({ name: "kiosk A", kind: "department" }, "op-1");
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect(Number(await agencyCount())).toBe(Number(before) + 1);
  });

  it("answers that carry a one-time secret (no-store) are never kept: a retry runs again", async () => {
    const first = await t.post("/v1/keys", { name: "kiosk", kind: "kiosk" }, { auth: county.adminKey, headers: { "idempotency-key": "secret-op" } });
    expect(first.headers.get("cache-control")).toBe("no-store");
    const rows = await t.deps.client.execute("SELECT response_body FROM idempotency_keys");
    expect(JSON.stringify(rows.rows)).not.toContain(first.json.secret);
    const again = await t.post("/v1/keys", { name: "kiosk", kind: "kiosk" }, { auth: county.adminKey, headers: { "idempotency-key": "secret-op" } });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBeNull();
  });

  it("the same key with a different body → 422", async () => {
    await create({ name: "kiosk B", kind: "department" }, "op-2");
    const res = await create({ name: "kiosk C", kind: "department" }, "op-2");
    expect(res.status).toBe(422);
    expect(res.json.type).toBe("/problems/idempotency_key_reused");
  });

  it("a retry while the first is still running → 409 with Retry-After", async () => {
    // Simulate a first attempt that has claimed the key but not finished.
    const scope = `key:${(await t.get("/v1/me", { auth: county.adminKey })).json.key.id}`;
    const body = JSON.stringify({ name: "kiosk D", kind: "department" });
    const first = create(JSON.parse(body), "op-3");
    const res = await first;
    expect(res.status).toBe(201);
    await t.deps.client.execute({
      sql: "UPDATE idempotency_keys SET response_status = NULL, created_at = ? WHERE scope = ? AND key = 'op-3'",
      args: [t.deps.now(), scope],
    });
    const retry = await create(JSON.parse(body), "op-3");
    expect(retry.status).toBe(409);
    expect(retry.json.type).toBe("/problems/idempotency_in_flight");
    expect(retry.headers.get("retry-after")).toBe("1");
  });

  it("keys are scoped to the caller: another caller's identical key runs independently", async () => {
    const other = await tenant(t);
    const mine = await create({ name: "shared name", kind: "department" }, "same-key");
    const theirs = await create({ name: "shared name", kind: "department" }, "same-key", other.adminKey);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    expect(theirs.json.id).not.toBe(mine.json.id);
  });

  it("anonymous keys are scoped to the client address: strangers sharing a key never get each other's answer", async () => {
    // Doorplate receipts are sent without a credential, and their answers are kept.
    const tree = await areaTree(t, county.id);
    const dispatcher = await staff(t, county, "dispatcher");
    const alert = await publishedAlert(t, dispatcher.token, { area_ids: [tree.a1.id] });
    const home = await household(t, county.id, tree.a1b.id);
    const receipt = (status: string, client: string) =>
      t.post(`/v1/doorplates/${home.doorplateCode}/alerts/${alert.id}/receipts`, { status }, { headers: { "idempotency-key": "door-1", "x-test-client": client } });

    const mine = await receipt("delivered", "203.0.113.10");
    expect(mine.status).toBe(200);
    expect(mine.json.acknowledged_at).toBeNull();
    // Another address, the same key, another body: its own request runs (no 422, no replay of mine).
    const theirs = await receipt("acknowledged", "198.51.100.20");
    expect(theirs.status).toBe(200);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    expect(theirs.json.acknowledged_at).not.toBeNull();
    // Each client's retry replays its own first answer.
    const again = await receipt("delivered", "203.0.113.10");
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.text).toBe(mine.text);
    const theirsAgain = await receipt("acknowledged", "198.51.100.20");
    expect(theirsAgain.headers.get("idempotent-replayed")).toBe("true");
    expect(theirsAgain.text).toBe(theirs.text);
    // Within one client the key still means one request: another body under it is 422.
    expect((await receipt("read", "203.0.113.10")).status).toBe(422);
    const scopes = (await t.deps.client.execute("SELECT scope FROM idempotency_keys WHERE key = 'door-1' ORDER BY scope")).rows.map((r) => r.scope);
    expect(scopes).toEqual(["ip:198.51.100.20", "ip:203.0.113.10"]);
  });

  it("stored outcomes are kept at least 7 days, then expire", async () => {
    await create({ name: "kiosk E", kind: "department" }, "op-5");
    t.clock.advance(7 * 24 * 3600_000 - 60_000);
    expect((await create({ name: "kiosk E", kind: "department" }, "op-5")).headers.get("idempotent-replayed")).toBe("true");
    t.clock.advance(2 * 60_000);
    const fresh = await create({ name: "kiosk E", kind: "department" }, "op-5");
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get("idempotent-replayed")).toBeNull();
    // The key now holds the new answer for a full term of its own: a retry replays it, not the old one.
    const before = await agencyCount();
    const retry = await create({ name: "kiosk E", kind: "department" }, "op-5");
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.json.id).toBe(fresh.json.id);
    expect(await agencyCount()).toBe(before);
  });

  it("a first attempt abandoned for over a minute may be retried, and the retry's answer is the one kept", async () => {
    const body = { name: "kiosk F", kind: "department" };
    const first = await create(body, "op-7");
    await t.deps.client.execute({ sql: "UPDATE idempotency_keys SET response_status = NULL, response_body = NULL WHERE key = 'op-7'", args: [] });
    expect((await create(body, "op-7")).status).toBe(409);
    t.clock.advance(61_000);
    const retry = await create(body, "op-7");
    expect(retry.status).toBe(201);
    expect(retry.json.id).not.toBe(first.json.id);
    const again = await create(body, "op-7");
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json.id).toBe(retry.json.id);
  });

  it("validation failures are replayed too, and a malformed key is refused", async () => {
    const bad = await create({ name: "", kind: "department" }, "op-6");
    expect(bad.status).toBe(400);
    expect((await create({ name: "", kind: "department" }, "op-6")).headers.get("idempotent-replayed")).toBe("true");
    const res = await create({ name: "x", kind: "department" }, "x".repeat(300));
    expect(res.status).toBe(400);
    expect(res.json.errors[0].pointer).toBe("/header/idempotency-key");
  });
});

/*
 * PATCH is not idempotent either (draft-ietf-httpapi-idempotency-key-header names POST and PATCH),
 * and the SDK retries an edit whose answer was lost: with its key, the retry gets the first answer
 * back instead of a 412 against the version the first attempt made, or a second write.
 */
describe("Idempotency-Key on PATCH", () => {
  // A county of its own for the alert desk (an area tree's codes are unique per county).
  let desk: Tenant;
  let dispatcher: { token: string };
  let areaId: string;
  beforeAll(async () => {
    desk = await tenant(t);
    dispatcher = await staff(t, desk, "dispatcher");
    areaId = (await areaTree(t, desk.id)).a1.id;
  });
  const draft = async () => {
    const res = await t.post("/v1/alerts", alertBody({ area_ids: [areaId] }), { auth: dispatcher.token });
    expect(res.status).toBe(201);
    return { id: res.json.id as string, etag: res.headers.get("etag")! };
  };
  const edit = (id: string, body: unknown, headers: Record<string, string>, auth = dispatcher.token) => t.patch(`/v1/alerts/${id}`, body, { auth, headers });
  const rowVersion = async (id: string) => Number((await t.deps.client.execute({ sql: "SELECT row_version FROM alerts WHERE id = ?", args: [id] })).rows[0]!.row_version);

  it("a retried edit with If-Match gets the first answer and its ETag back, not a 412, and is applied once", async () => {
    const { id, etag } = await draft();
    const version = await rowVersion(id);
    const headers = { "if-match": etag, "idempotency-key": "edit-1" };
    const first = await edit(id, { title_zh: "改过的标题" }, headers);
    expect(first.status).toBe(200);
    expect(first.headers.get("etag")).not.toBe(etag);
    // The answer was lost; the retry carries the same key, body and (now stale) If-Match.
    const again = await edit(id, { title_zh: "改过的标题" }, headers);
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.text).toBe(first.text);
    expect(again.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(await rowVersion(id)).toBe(version + 1);
    // Without the key, the same retry is what it was before: a 412 against the edit's own version.
    expect((await edit(id, { title_zh: "改过的标题" }, { "if-match": etag })).status).toBe(412);
  });

  it("a webhook endpoint update is replayed, not written twice", async () => {
    const hook = await t.post("/v1/webhooks", { url: "https://hooks.example.com/patch" }, { auth: county.adminKey });
    expect(hook.status).toBe(201);
    const update = (body: unknown) => t.patch(`/v1/webhooks/${hook.json.id}`, body, { auth: county.adminKey, headers: { "idempotency-key": "hook-1" } });
    const first = await update({ url: "https://hooks.example.com/patched" });
    expect(first.status).toBe(200);
    // Changed meanwhile by someone else: a replay still answers as the first time, without writing again.
    expect((await t.patch(`/v1/webhooks/${hook.json.id}`, { url: "https://hooks.example.com/other" }, { auth: county.adminKey })).status).toBe(200);
    const again = await update({ url: "https://hooks.example.com/patched" });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.text).toBe(first.text);
    expect((await t.get(`/v1/webhooks/${hook.json.id}`, { auth: county.adminKey })).json.url).toBe("https://hooks.example.com/other");
  });

  it("the same key with another body → 422; while the first is running → 409 with Retry-After", async () => {
    const { id, etag } = await draft();
    const headers = { "if-match": etag, "idempotency-key": "edit-2" };
    expect((await edit(id, { title_zh: "第一次" }, headers)).status).toBe(200);
    const other = await edit(id, { title_zh: "第二次" }, headers);
    expect(other.status).toBe(422);
    expect(other.json.type).toBe("/problems/idempotency_key_reused");
    await t.deps.client.execute({ sql: "UPDATE idempotency_keys SET response_status = NULL, created_at = ? WHERE key = 'edit-2'", args: [t.deps.now()] });
    const inFlight = await edit(id, { title_zh: "第一次" }, headers);
    expect(inFlight.status).toBe(409);
    expect(inFlight.json.type).toBe("/problems/idempotency_in_flight");
    expect(inFlight.headers.get("retry-after")).toBe("1");
  });

  it("a POST and a PATCH under one key are two requests: the second is 422", async () => {
    const made = await create({ name: "kiosk P", kind: "department" }, "mixed-1");
    expect(made.status).toBe(201);
    const patched = await t.patch(`/v1/agencies/${made.json.id}`, { phone: "0857-1" }, { auth: county.adminKey, headers: { "idempotency-key": "mixed-1" } });
    expect(patched.status).toBe(422);
    expect(patched.json.type).toBe("/problems/idempotency_key_reused");
    // And the other way round.
    const agency = await create({ name: "kiosk Q", kind: "department" }, "mixed-2a");
    expect((await t.patch(`/v1/agencies/${agency.json.id}`, { phone: "0857-2" }, { auth: county.adminKey, headers: { "idempotency-key": "mixed-2" } })).status).toBe(200);
    expect((await create({ name: "kiosk R", kind: "department" }, "mixed-2")).status).toBe(422);
  });

  it("keys are scoped and kept as for POST: another caller's same key runs on its own; after the term a retry runs again", async () => {
    const other = await tenant(t);
    const mine = await create({ name: "kiosk S", kind: "department" }, "scope-a");
    const theirs = await create({ name: "kiosk S", kind: "department" }, "scope-b", other.adminKey);
    const patch = (id: string, auth: string) => t.patch(`/v1/agencies/${id}`, { phone: "0857-5" }, { auth, headers: { "idempotency-key": "patch-shared" } });
    expect((await patch(mine.json.id, county.adminKey)).status).toBe(200);
    const theirPatch = await patch(theirs.json.id, other.adminKey);
    expect(theirPatch.status).toBe(200);
    expect(theirPatch.headers.get("idempotent-replayed")).toBeNull();

    // The county's key edits here: a week outlives any end-user token.
    const { id, etag } = await draft();
    const headers = { "if-match": etag, "idempotency-key": "edit-3" };
    const first = await edit(id, { title_zh: "七天" }, headers, desk.adminKey);
    t.clock.advance(7 * 24 * 3600_000 - 60_000);
    expect((await edit(id, { title_zh: "七天" }, headers, desk.adminKey)).headers.get("idempotent-replayed")).toBe("true");
    t.clock.advance(2 * 60_000);
    // Expired: the retry runs as a new request, and its stale If-Match is what answers.
    const late = await edit(id, { title_zh: "七天" }, headers, desk.adminKey);
    expect(first.status).toBe(200);
    expect(late.status).toBe(412);
    expect(late.headers.get("idempotent-replayed")).toBeNull();
  });

  it("PUT, being idempotent, ignores a key", async () => {
    const user = await desk.user("department_staff");
    const before = Number((await t.deps.client.execute("SELECT count(*) AS n FROM idempotency_keys")).rows[0]!.n);
    const put = () => t.put(`/v1/areas/${areaId}/members/${user.id}`, { duty: "staff" }, { auth: desk.adminKey, headers: { "idempotency-key": "put-1" } });
    expect((await put()).status).toBe(200);
    const again = await put();
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBeNull();
    expect(Number((await t.deps.client.execute("SELECT count(*) AS n FROM idempotency_keys")).rows[0]!.n)).toBe(before);
  });
});
