import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { runScheduledJobs } from "../../worker/jobs/run.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant } from "../support/factories.ts";
import { world, type World } from "./factories.ts";
import { file, step } from "./helpers.ts";

let t: TestApp;
let w: World;
type Captured = { url: string; headers: Record<string, string>; body: string };
let captured: Captured[] = [];
let answer: (c: Captured) => number = () => 200;

beforeAll(async () => {
  t = await testApp();
  w = await world(t);
  t.deps.fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const c = { url: String(url), headers: Object.fromEntries(new Headers(init?.headers).entries()), body: String(init?.body) };
    captured.push(c);
    return new Response(null, { status: answer(c) });
  }) as typeof fetch;
});
afterAll(() => t.close());
beforeEach(async () => {
  await w.refresh();
  // Each test registers its own endpoints; a failed test must not leave one behind for the next.
  await t.deps.client.execute("DELETE FROM webhook_endpoints");
  captured = [];
  answer = () => 200;
  // Deliveries of earlier tests' events are not this test's business.
  await runScheduledJobs(t.deps);
  captured = [];
});

/** Verifies with the reference library, at the instant the app's clock says it is. */
function verify(secret: string, c: Captured) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(t.clock.now());
  try {
    return new Webhook(secret).verify(c.body, c.headers) as { type: string; timestamp: string; data: Record<string, any> };
  } finally {
    vi.useRealTimers();
  }
}

async function endpoint(body: Record<string, unknown>, auth = w.county.adminKey) {
  const res = await t.post("/v1/webhooks", body, { auth });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; secret: string; url: string };
}

describe("webhooks", () => {
  it("deliver every lifecycle event, signed so that the standardwebhooks library verifies it", async () => {
    const hook = await endpoint({ url: "https://desk.example.gov.cn/events" });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    const listed = await t.get(`/v1/webhooks/${hook.id}`, { auth: w.county.adminKey });
    expect(listed.text).not.toContain(hook.secret);

    const req = await step(t, w.dispatcher.token, await file(t, w.resident.token, { service_code: "noise", attributes: { source: "shop" }, area_id: w.grid.id }), "dispatch");
    await runScheduledJobs(t.deps);
    // Deliveries go out in parallel: receivers order by the payload's version, not by arrival.
    captured.sort((a, b) => verify(hook.secret, a).data.version - verify(hook.secret, b).data.version);
    const types = captured.map((c) => verify(hook.secret, c).type);
    expect(types).toEqual(["request.submitted", "request.dispatched"]);
    const dispatched = verify(hook.secret, captured[1]!);
    expect(dispatched.data).toMatchObject({ request_id: req.id, status: "dispatched", agency_id: w.urban.id, from_status: "submitted" });
    expect(captured[1]!.headers["webhook-id"]).toMatch(/^msg_/);
    expect(captured[1]!.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(captured[1]!.body).not.toContain("1381234");
    // A different secret, or a tampered body, does not verify.
    expect(() => verify("whsec_" + btoa("another secret of 24 byte"), captured[1]!)).toThrow("No matching signature found");
    expect(() => verify(hook.secret, { ...captured[1]!, body: captured[1]!.body.replace("dispatched", "resolved") })).toThrow("No matching signature found");
    // Sent once: a second run has nothing to do.
    captured = [];
    await runScheduledJobs(t.deps);
    expect(captured).toEqual([]);
    await t.del(`/v1/webhooks/${hook.id}`, { auth: w.county.adminKey });
  });

  it("rotate their secret: both sign during the grace period, then only the new one", async () => {
    const hook = await endpoint({ url: "https://desk.example.gov.cn/rotating" });
    const rotated = await t.post(`/v1/webhooks/${hook.id}/rotate-secret`, { grace_seconds: 3600 }, { auth: w.county.adminKey });
    expect(rotated.status).toBe(201);
    expect(rotated.headers.get("cache-control")).toBe("no-store");
    const fresh = rotated.json.secret as string;
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(hook.secret);
    expect(rotated.json.previous_secret_expires_at).toBe(new Date(t.clock.now() + 3_600_000).toISOString());
    expect((await t.get(`/v1/webhooks/${hook.id}`, { auth: w.county.adminKey })).text).not.toContain(fresh);

    await file(t, w.resident.token, { service_code: "noise", attributes: { source: "shop" }, area_id: w.grid.id });
    await runScheduledJobs(t.deps);
    expect(captured).toHaveLength(1);
    // A receiver still on the old secret and one already on the new both accept it.
    expect(captured[0]!.headers["webhook-signature"]).toMatch(/^v1,\S+ v1,\S+$/);
    expect(verify(hook.secret, captured[0]!).type).toBe("request.submitted");
    expect(verify(fresh, captured[0]!).type).toBe("request.submitted");

    t.clock.advance(3_600_000);
    await w.refresh(); // the residents' 15-minute tokens ran out meanwhile
    captured = [];
    await file(t, w.resident.token, { service_code: "noise", attributes: { source: "shop" }, area_id: w.grid.id });
    await runScheduledJobs(t.deps);
    // The new filing, and whatever the SLA job said about the first one in the hour that passed.
    expect(captured.map((c) => verify(fresh, c).type)).toContain("request.submitted");
    for (const c of captured) {
      expect(c.headers["webhook-signature"]).toMatch(/^v1,\S+$/);
      expect(() => verify(hook.secret, c)).toThrow();
    }

    // Of two rotations at once, one wins; the other is told to read again.
    const both = await Promise.all([0, 1].map(() => t.post(`/v1/webhooks/${hook.id}/rotate-secret`, { grace_seconds: 0 }, { auth: w.county.adminKey })));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const audit = await t.get(`/v1/audit-log?action=webhook.secret_rotated&subject_id=${hook.id}`, { auth: w.county.adminKey });
    expect(audit.json.data).toHaveLength(2);
  });

  it("an agency's endpoint gets only its agency's events of the types it asked for", async () => {
    const urbanHook = await endpoint({ url: "https://cg.example.gov.cn/hook", agency_id: w.urban.id, event_types: ["request.dispatched", "request.overdue"] });
    const r1 = await step(t, w.dispatcher.token, await file(t, w.resident.token, { service_code: "noise", attributes: { source: "shop" }, area_id: w.grid.id }), "dispatch");
    await step(t, w.dispatcher.token, await file(t, w.resident.token, { service_code: "noise", attributes: { source: "shop" } }), "dispatch", { agency_id: w.housing.id });
    await step(t, w.urbanStaff.token, r1, "accept");
    await runScheduledJobs(t.deps);
    expect(captured.map((c) => [c.url, verify(urbanHook.secret, c).type, verify(urbanHook.secret, c).data.request_id])).toEqual([
      ["https://cg.example.gov.cn/hook", "request.dispatched", r1.id],
    ]);
    await t.del(`/v1/webhooks/${urbanHook.id}`, { auth: w.county.adminKey });
  });

  it("retries failures with backoff under the same webhook-id, and lists the deliveries", async () => {
    const hook = await endpoint({ url: "https://flaky.example.com/hook", event_types: ["request.submitted"] });
    await file(t, w.resident.token, { service_code: "noise", attributes: { source: "shop" }, area_id: w.grid.id });
    answer = () => 503;
    await runScheduledJobs(t.deps);
    expect(captured).toHaveLength(1);
    let deliveries = (await t.get(`/v1/webhooks/${hook.id}/deliveries`, { auth: w.county.adminKey })).json.data;
    expect(deliveries[0]).toMatchObject({ status: "pending", attempts: 1, last_status_code: 503, last_error: "HTTP 503", next_attempt_at: new Date(t.clock.now() + 5000).toISOString() });
    await runScheduledJobs(t.deps); // not yet due
    expect(captured).toHaveLength(1);
    t.clock.advance(5000);
    answer = () => 204;
    await runScheduledJobs(t.deps);
    expect(captured).toHaveLength(2);
    expect(captured[1]!.headers["webhook-id"]).toBe(captured[0]!.headers["webhook-id"]);
    expect(captured[1]!.body).toBe(captured[0]!.body);
    verify(hook.secret, captured[1]!);
    deliveries = (await t.get(`/v1/webhooks/${hook.id}/deliveries`, { auth: w.county.adminKey })).json.data;
    expect(deliveries[0]).toMatchObject({ status: "succeeded", attempts: 2, last_status_code: 204, next_attempt_at: null });
    await t.del(`/v1/webhooks/${hook.id}`, { auth: w.county.adminKey });
  });

  it("gives up after the last retry", async () => {
    const hook = await endpoint({ url: "https://down.example.com/hook", event_types: ["request.submitted"] });
    await file(t, w.resident.token, { service_code: "noise", attributes: { source: "shop" }, area_id: w.grid.id });
    answer = () => 500;
    for (let i = 0; i < 12; i++) {
      await runScheduledJobs(t.deps);
      t.clock.advance(11 * 3_600_000);
    }
    expect(captured).toHaveLength(8);
    const [d] = (await t.get(`/v1/webhooks/${hook.id}/deliveries`, { auth: w.county.adminKey })).json.data;
    expect(d).toMatchObject({ status: "failed", attempts: 8 });
    await t.del(`/v1/webhooks/${hook.id}`, { auth: w.county.adminKey });
  });

  it("a 410 Gone disables the endpoint; enabling it again resumes", async () => {
    const hook = await endpoint({ url: "https://old.example.com/hook", event_types: ["request.submitted"] });
    await file(t, w.resident.token, { service_code: "noise", attributes: { source: "shop" }, area_id: w.grid.id });
    answer = () => 410;
    await runScheduledJobs(t.deps);
    const ep = (await t.get(`/v1/webhooks/${hook.id}`, { auth: w.county.adminKey })).json;
    expect(ep).toMatchObject({ status: "disabled", disabled_reason: "the receiver answered 410 Gone" });
    captured = [];
    await file(t, w.resident.token, { service_code: "noise", attributes: { source: "shop" }, area_id: w.grid.id });
    await runScheduledJobs(t.deps);
    expect(captured).toEqual([]);
    const enabled = await t.patch(`/v1/webhooks/${hook.id}`, { enabled: true }, { auth: w.county.adminKey });
    expect(enabled.json.status).toBe("active");
    answer = () => 200;
    await file(t, w.resident.token, { service_code: "noise", attributes: { source: "shop" }, area_id: w.grid.id });
    await runScheduledJobs(t.deps);
    expect(captured).toHaveLength(1);
    await t.del(`/v1/webhooks/${hook.id}`, { auth: w.county.adminKey });
  });

  it("who manages endpoints: admins and integrations; an agency's admin only its own; residents never", async () => {
    expect((await t.post("/v1/webhooks", { url: "https://x.example.com" }, { auth: w.resident.token })).status).toBe(403);
    expect((await t.post("/v1/webhooks", { url: "https://x.example.com" }, { auth: w.dispatcher.token })).status).toBe(403);
    const integration = await w.county.key("integration");
    const viaIntegration = await endpoint({ url: "https://x.example.com/hook", agency_id: w.housing.id }, integration.secret);
    // An admin signs in through the admin console, whose key holds the `webhooks:manage` scope.
    const registered = await w.county.user("admin", { agencyId: w.urban.id });
    const exchanged = await t.post("/v1/tokens", { subject_type: "wechat_openid", subject: registered.subject }, { auth: w.county.adminKey });
    const agencyAdmin = { token: exchanged.json.access_token as string };
    const own = await endpoint({ url: "https://cg.example.gov.cn/own" }, agencyAdmin.token);
    expect((await t.get(`/v1/webhooks/${own.id}`, { auth: agencyAdmin.token })).json.agency_id).toBe(w.urban.id);
    expect((await t.get(`/v1/webhooks/${viaIntegration.id}`, { auth: agencyAdmin.token })).status).toBe(404);
    const other = await tenant(t);
    expect((await t.get(`/v1/webhooks/${own.id}`, { auth: other.adminKey })).status).toBe(404);
    await t.del(`/v1/webhooks/${own.id}`, { auth: w.county.adminKey });
    await t.del(`/v1/webhooks/${viaIntegration.id}`, { auth: w.county.adminKey });
  });
});

describe("endpoint URLs outside development", () => {
  it("must be https to a public address", async () => {
    const prod = await testApp({ ENVIRONMENT: "production" });
    const county = await tenant(prod);
    const refused = ["http://example.com/hook", "https://localhost/hook", "https://127.0.0.1/hook", "https://10.1.2.3/", "https://192.168.0.10/", "https://169.254.169.254/latest", "https://[::1]/", "https://[fd00::1]/", "https://user:pw@example.com/", "https://intranet/hook", "https://printer.local/"];
    for (const url of refused) {
      const res = await prod.post("/v1/webhooks", { url }, { auth: county.adminKey });
      expect(res.status, url).toBe(400);
      expect(res.json.errors[0].pointer).toBe("/body/url");
    }
    expect((await prod.post("/v1/webhooks", { url: "https://hooks.example.com/fq" }, { auth: county.adminKey })).status).toBe(201);
    await prod.close();
    // In test (and development) a receiver on localhost is fine.
    expect((await t.post("/v1/webhooks", { url: "http://127.0.0.1:9000/hook" }, { auth: w.county.adminKey })).status).toBe(201);
  });
});
