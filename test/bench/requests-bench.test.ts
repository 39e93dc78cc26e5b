import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCatalogue } from "../../worker/services/catalogue/seed-catalogue.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { populateRequests, statusOf } from "./fixtures/requests.ts";
import { createBody, dispatchAccept, rawCreateOps, requestFixture, setupRequests, type RequestsSetup } from "./scenarios/requests.ts";

/**
 * The requests bench's set-up, bulk fixture and raw ceiling at toy size against the in-process
 * app: the bulk rows must be rows the API lists, filters and moves on like any other, and the
 * ceiling's statements must still fit the tables, so neither can silently drift from the schema.
 */
let t: TestApp;
let county: Tenant;
let s: RequestsSetup;
const fetchApp = (url: string, init?: RequestInit) => Promise.resolve(t.app.request(url.replace("http://bench", ""), init));

async function all(query: string): Promise<any[]> {
  const rows: any[] = [];
  let cursor: string | undefined;
  for (;;) {
    const res = await t.get(`/v1/requests?limit=100&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { auth: county.adminKey });
    expect(res.status, res.text).toBe(200);
    rows.push(...res.json.data);
    if (!res.json.has_more) return rows;
    cursor = res.json.next_cursor;
  }
}

beforeAll(async () => {
  t = await testApp();
  county = await tenant(t, "bench");
  await seedCatalogue(t.deps, county.id);
  const app = await county.key("app");
  s = await setupRequests({ baseUrl: "http://bench", adminKey: county.adminKey, appKey: app.secret, fetch: fetchApp });
});
afterAll(() => t.close());

describe("requests bench fixture", () => {
  it("sets up areas, an agency and a resident who can file the body the create load sends", async () => {
    expect(s.grids).toHaveLength(4);
    const res = await t.post("/v1/requests", createBody(s, 1), { auth: s.residentToken, headers: { "idempotency-key": "bench-1" } });
    expect(res.status, res.text).toBe(201);
    expect(res.json.location.area_id).toBe(s.grids[1]!.id);
  });

  it("bulk-writes rows the API lists, filters by status and area, reads and moves on", async () => {
    const fx = await requestFixture(t.deps.client, s, t.deps.now());
    // Two calls, as the bench grows the table from its first size.
    await populateRequests(t.deps.client, fx, 0, 120);
    await populateRequests(t.deps.client, fx, 120, 80);

    const bulk = (await all("service_code=noise")).filter((r) => r.id.startsWith("req_bench_"));
    expect(bulk).toHaveLength(200);
    // Newest first: row 0 is the newest, one every 30 s back.
    expect(bulk[0]!.id).toBe("req_bench_00000000");
    expect(bulk[199]!.id).toBe("req_bench_00000199");
    expect(Date.parse(bulk[0]!.created_at) - Date.parse(bulk[1]!.created_at)).toBe(30_000);
    for (const [i, r] of bulk.entries()) expect(r.status).toBe(statusOf(i));

    const submitted = (await all("status=submitted")).filter((r) => r.id.startsWith("req_bench_"));
    expect(submitted).toHaveLength(20);
    const town = s.towns[1]!;
    const inTown = (await all(`area_id=${town.id}`)).filter((r) => r.id.startsWith("req_bench_"));
    expect(inTown).toHaveLength(100);
    expect(inTown.every((r) => town.gridIds.includes(r.location.area_id))).toBe(true);
    expect(await all(`status=submitted&area_id=${town.id}`)).toHaveLength(10);

    const dispatched = await t.get("/v1/requests/req_bench_00000001", { auth: county.adminKey });
    expect(dispatched.status).toBe(200);
    expect(dispatched.json).toMatchObject({ status: "dispatched", version: 2, agency_id: s.agencyId, attributes: { source: "renovation" } });
    expect(dispatched.json.due.resolution_at).not.toBeNull();

    // A bulk `submitted` row goes through dispatch + accept like one filed through the API.
    const da = await dispatchAccept({ baseUrl: "http://bench", adminKey: county.adminKey, agencyId: s.agencyId, ids: ["req_bench_00000010"], fetch: fetchApp });
    expect(da).toMatchObject({ transitions: 2, failed: 0 });
    expect((await t.get("/v1/requests/req_bench_00000010", { auth: county.adminKey })).json).toMatchObject({ status: "accepted", version: 3 });
  });

  it("writes the raw ceiling's rows into the real tables as a readable request", async () => {
    const fx = await requestFixture(t.deps.client, s, t.deps.now());
    await t.deps.client.batch(rawCreateOps(s, fx, "{}")(0), "write");
    const res = await t.get("/v1/requests/req_raw_0", { auth: county.adminKey });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ status: "submitted", service_code: "noise", channel: "app" });
    const events = await t.get("/v1/requests/req_raw_0/events", { auth: county.adminKey });
    expect(events.json.data.map((e: { type: string }) => e.type)).toEqual(["submitted"]);
  });
});
