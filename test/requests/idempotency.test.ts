import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { world, type World } from "./factories.ts";

/**
 * Creating a request writes its Idempotency-Key claim in the same batch as the request
 * (lib/idempotency-claim.ts): these pin down what that must keep of the middleware's semantics.
 */
let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await testApp();
  w = await world(t);
});
afterAll(() => t.close());

const body = () => ({ service_code: "noise", attributes: { source: "shop" }, area_id: w.grid.id, description: "夜市音响太吵" });
const create = (key: string, b: unknown = body()) => t.post("/v1/requests", b, { auth: w.resident.token, headers: { "idempotency-key": key } });
const count = async () => Number((await t.deps.client.execute("SELECT count(*) AS n FROM service_requests")).rows[0]!.n);

describe("Idempotency-Key on createServiceRequest (claim committed with the request)", () => {
  it("ten simultaneous attempts with one key file exactly one request; the others are told it is in flight or replayed", async () => {
    const before = await count();
    const results = await Promise.all(Array.from({ length: 10 }, () => create("storm-1")));
    expect(await count()).toBe(before + 1);
    const created = results.filter((r) => r.status === 201 && r.headers.get("idempotent-replayed") === null);
    expect(created).toHaveLength(1);
    for (const r of results) {
      if (r === created[0]) continue;
      if (r.status === 409) expect(r.json.type).toBe("/problems/idempotency_in_flight");
      else expect(r.json.id).toBe(created[0]!.json.id);
    }
    const later = await create("storm-1");
    expect(later.headers.get("idempotent-replayed")).toBe("true");
    expect(later.json.id).toBe(created[0]!.json.id);
  });

  it("a retry gets the first answer exactly, stored in the same transaction as the request", async () => {
    // Refusing any later write to the key table shows the answer needs no second transaction.
    await t.deps.client.execute("CREATE TRIGGER keys_frozen BEFORE UPDATE ON idempotency_keys BEGIN SELECT RAISE(ABORT, 'frozen'); END");
    const first = await create("exact-1");
    await t.deps.client.execute("DROP TRIGGER keys_frozen");
    expect(first.status).toBe(201);
    // Committed complete with the request: no claim is ever seen without its answer.
    const stored = await t.deps.client.execute("SELECT response_status, response_body FROM idempotency_keys WHERE key = 'exact-1'");
    expect(stored.rows[0]).toMatchObject({ response_status: 201 });
    expect(JSON.parse(String(stored.rows[0]!.response_body))).toEqual(first.json);
    const again = await create("exact-1");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.text).toBe(first.text);
    for (const h of ["content-type", "location", "etag"]) expect(again.headers.get(h), h).toBe(first.headers.get(h));
  });

  it("a refusal before anything is written (400) is kept and replayed, and another body under the key is 422", async () => {
    const bad = { ...body(), attributes: { source: "not-a-source" } };
    const first = await create("bad-1", bad);
    expect(first.status).toBe(400);
    const again = await create("bad-1", bad);
    expect(again.status).toBe(400);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await create("bad-1")).status).toBe(422);
  });

  it("a retry gets the first answer even when the service would now refuse, and an expired key files anew", async () => {
    const first = await create("changed-1");
    expect(first.status).toBe(201);
    // The desk retires the service in between: a new filing is refused, a retry is not.
    const retire = (active: boolean) => t.patch("/v1/services/noise", { active }, { auth: w.county.adminKey });
    expect((await retire(false)).status).toBe(200);
    try {
      const again = await create("changed-1");
      expect(again.status).toBe(201);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(again.json.id).toBe(first.json.id);
      expect((await create("changed-2")).status).toBe(400);
    } finally {
      await retire(true);
    }
    // Past the retention the key is free again: the same body files a second request.
    t.clock.advance(8 * 24 * 3_600_000);
    await w.refresh();
    const later = await t.post("/v1/requests", body(), { auth: w.resident.token, headers: { "idempotency-key": "changed-1" } });
    expect(later.status).toBe(201);
    expect(later.headers.get("idempotent-replayed")).toBeNull();
    expect(later.json.id).not.toBe(first.json.id);
  });

  it("when the write fails, no claim is left behind: the retry runs again", async () => {
    const before = await count();
    await t.deps.client.execute("CREATE TRIGGER fail_once BEFORE INSERT ON service_requests BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const failed = await create("flaky-1");
    expect(failed.status).toBe(500);
    await t.deps.client.execute("DROP TRIGGER fail_once");
    const keys = await t.deps.client.execute("SELECT count(*) AS n FROM idempotency_keys WHERE key = 'flaky-1'");
    expect(Number(keys.rows[0]!.n)).toBe(0);
    const retried = await create("flaky-1");
    expect(retried.status).toBe(201);
    expect(await count()).toBe(before + 1);
  });
});
