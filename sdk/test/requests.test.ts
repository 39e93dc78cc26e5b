import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/support/app.ts";
import { world } from "../../test/requests/factories.ts";
import { InvalidTransitionError, PreconditionError, responseOf, type Fengqiao } from "../src/index.js";
import { recordingClock, sdkFor } from "./support.ts";

let t: TestApp;
let w: Awaited<ReturnType<typeof world>>;
let as: (token: string) => Fengqiao;
beforeAll(async () => {
  t = await testApp();
  w = await world(t);
  const app = sdkFor(t, { apiKey: (await w.county.key("app")).secret });
  as = (token) => app.withToken(token);
});
afterAll(() => t.close());

describe("service-request namespaces against the real server", () => {
  it("点单 → 派单 → 接单 → 办结 → 评单 through the SDK, with If-Match from responseOf", async () => {
    const resident = as(w.resident.token);
    const services = await resident.services.list();
    const noise = services.data.find((s) => s.code === "noise")!;
    expect(noise).toBeDefined();

    const created = await resident.requests.create({ service_code: "noise", channel: "app", area_id: w.grid.id, description: "楼上装修到深夜", attributes: { source: "renovation" } });
    expect(created.status).toBe("submitted");
    expect(responseOf(created)?.status).toBe(201);

    const desk = as(w.dispatcher.token);
    const inbox = await desk.requests.listDispatchInbox();
    expect(inbox.data.map((r) => r.id)).toContain(created.id);

    const read = await desk.requests.get(created.id);
    const dispatched = await desk.requests.dispatch(created.id, {}, { ifMatch: responseOf(read)!.etag });
    expect(dispatched.status).toBe("dispatched");

    const staff = as(w.urbanStaff.token);
    // A stale version is refused with a typed error, and nothing changes.
    await expect(staff.requests.accept(created.id, {}, { ifMatch: responseOf(read)!.etag })).rejects.toBeInstanceOf(PreconditionError);
    const accepted = await staff.requests.accept(created.id, {}, { ifMatch: responseOf(dispatched)!.etag });
    const resolved = await staff.requests.resolve(created.id, { result: "已劝导施工方夜间停工" }, { ifMatch: responseOf(accepted)!.etag });
    expect(resolved.status).toBe("resolved");

    const rated = await resident.requests.rate(created.id, { score: 5, comment: "很及时" }, { ifMatch: responseOf(resolved)!.etag });
    expect(rated.status).toBe("rated");

    // A transition the state does not allow is its own error class, naming the allowed verbs.
    const err = await resident.requests.withdraw(created.id, {}, { ifMatch: responseOf(rated)!.etag }).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidTransitionError);
    expect((err.body as { allowed: string[] }).allowed).toEqual(expect.arrayContaining(["close"]));

    const events = [];
    for await (const e of resident.requests.listEvents(created.id)) events.push(e.type);
    expect(events).toEqual(expect.arrayContaining(["submitted", "dispatched", "accepted", "resolved", "rated"]));
    const mine = await resident.requests.listMy();
    expect(mine.data.map((r) => r.id)).toEqual([created.id]);
  });

  it("a photo upload whose answer was lost is retried under its key and stored once", async () => {
    const created = await as(w.resident.token).requests.create({ service_code: "noise", channel: "app", area_id: w.grid.id, description: "夜间施工", attributes: { source: "renovation" } });
    let calls = 0;
    const lossy = sdkFor(t, {
      token: w.resident.token,
      clock: recordingClock().clock,
      // The server stores the photo; the answer never arrives. The retry re-encodes the same form.
      fetch: async (input, init) => {
        const res = await t.app.request(input, init);
        if (++calls === 1) throw new TypeError("socket hang up");
        return res;
      },
    });
    const form = new FormData();
    form.append("photo", new File([Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])], "p.png", { type: "image/png" }));
    const photo = await lossy.requests.addPhoto(created.id, form as never);
    expect(calls).toBe(2);
    expect(responseOf(photo)!.replayed).toBe(true);
    const stored = await t.deps.client.execute({ sql: "SELECT count(*) AS n FROM request_photos WHERE request_id = ?", args: [created.id] });
    expect(Number(stored.rows[0]!.n)).toBe(1);
  });

  it("disputes, webhooks and figures namespaces reach their operations", async () => {
    const resident = as(w.resident.token);
    const filed = await resident.requests.create({ service_code: "dispute", channel: "app", area_id: w.grid.id, description: "邻里因占用楼道发生争执", attributes: { dispute_type: "neighbour" } });
    const desk = as(w.dispatcher.token);
    const disputes = await desk.disputes.list();
    expect(disputes.data.some((d) => d.request_id === filed.id)).toBe(true);

    const admin = sdkFor(t, { apiKey: w.county.adminKey });
    const endpoint = await admin.webhooks.create({ url: "https://hooks.example.gov.cn/fengqiao", description: "城管工单系统" });
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect((await admin.webhooks.list()).data.map((e) => e.id)).toContain(endpoint.id);

    const figures = await admin.stats.requests({ area_id: w.grid.id });
    expect(figures).toMatchObject({ area_id: w.grid.id, disputes: { total: 1 } });
  });
});
