import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertBody } from "../../test/antifraud/factories.ts";
import { testApp, type TestApp } from "../../test/support/app.ts";
import { tenant, type Tenant } from "../../test/support/factories.ts";
import { Fengqiao, responseOf, type Transport, type TransportRequest } from "../src/index.js";
import { appTransport, BASE, recordingClock } from "./support.ts";

/**
 * A PATCH is no more idempotent than a POST, and the SDK retries it on a lost connection or a 5xx.
 * With If-Match, a retry of an edit that did land would be a 412 against the version it made: so
 * each logical PATCH carries one idempotency key for all its attempts, and the retry gets the
 * server's stored answer (as retries.test.ts shows for POST).
 */
let t: TestApp;
let county: Tenant;
beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
});
afterAll(() => t.close());

const real = () => appTransport(t);

/** A transport that fails as scripted, attempt by attempt, then hands over to the real server. */
function scripted(steps: Array<"pass" | "drop" | "lose-answer" | { status: number }>) {
  const seen: TransportRequest[] = [];
  const server = real();
  const transport: Transport = async (req) => {
    seen.push(req);
    const step = steps[seen.length - 1];
    if (step === undefined || step === "pass") return server(req);
    if (step === "drop") throw new TypeError("fetch failed"); // never reached the server
    if (step === "lose-answer") {
      await server(req); // the server did the work; the answer was lost on the way back
      throw new TypeError("socket hang up");
    }
    const body = JSON.stringify({ type: "/problems/unavailable", title: "scripted", status: step.status });
    return { status: step.status, headers: new Headers({ "content-type": "application/problem+json" }), body };
  };
  return { seen, transport };
}

function client(transport: Transport, extra: Partial<ConstructorParameters<typeof Fengqiao>[0]> = {}) {
  const { sleeps, clock } = recordingClock();
  return { sleeps, fq: new Fengqiao({ baseUrl: BASE, apiKey: county.adminKey, transport, clock, ...extra }) };
}

const draft = async () => {
  const res = await t.post("/v1/alerts", alertBody({ whole_jurisdiction: true }), { auth: county.adminKey });
  expect(res.status).toBe(201);
  return { id: res.json.id as string, etag: res.headers.get("etag")! };
};

describe("PATCH retries and idempotency", () => {
  it("retries an edit with If-Match whose answer was lost under one key, and gets the stored answer instead of a 412", async () => {
    const { id, etag } = await draft();
    const { seen, transport } = scripted(["drop", "lose-answer"]);
    const { fq, sleeps } = client(transport);
    const edited = await fq.alerts.edit(id, { title_zh: "改过的标题" }, { ifMatch: etag });

    expect(edited.title_zh).toBe("改过的标题");
    expect(seen).toHaveLength(3);
    expect(seen.every((r) => r.method === "PATCH" && r.headers["if-match"] === etag)).toBe(true);
    const keys = seen.map((r) => r.headers["idempotency-key"]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
    // The third attempt was answered from the server's record of the second, with the version it made.
    const meta = responseOf(edited)!;
    expect(meta.replayed).toBe(true);
    expect(meta.etag).not.toBe(etag);
    expect(sleeps).toHaveLength(2);
    const current = await t.get(`/v1/alerts/${id}`, { auth: county.adminKey });
    expect(current.json.title_zh).toBe("改过的标题");
    // Written once: the stored ETag names the version the alert is at.
    const again = await fq.alerts.edit(id, { title_zh: "再改" }, { ifMatch: meta.etag });
    expect(again.title_zh).toBe("再改");
  });

  it("keeps the key across a 5xx retry and the 401 renewal", async () => {
    const hook = await t.post("/v1/webhooks", { url: "https://hooks.example.com/sdk" }, { auth: county.adminKey });
    const { seen, transport } = scripted(["pass", "lose-answer", { status: 503 }]);
    const renewals: boolean[] = [];
    // A credential that starts out refused (401) and, renewed, is the county's key from then on.
    let renewed = false;
    const apiKey = ({ renew }: { renew: boolean }) => (renewals.push(renew), (renewed ||= renew) ? county.adminKey : "fq_expired_or_unknown");
    const { fq } = client(transport, { apiKey });
    const updated = await fq.webhooks.update(hook.json.id, { url: "https://hooks.example.com/sdk-2" });
    expect(updated.url).toBe("https://hooks.example.com/sdk-2");
    expect(renewals).toEqual([false, true, false, false]);
    // The 401, the renewed attempt (it ran; its answer was lost), a 503, then the replay.
    expect(seen.map((r) => r.method)).toEqual(["PATCH", "PATCH", "PATCH", "PATCH"]);
    expect(new Set(seen.map((r) => r.headers["idempotency-key"])).size).toBe(1);
    expect(responseOf(updated)!.replayed).toBe(true);
  });

  it("gives each logical PATCH its own key (or the caller's), and none to PUT, DELETE or GET", async () => {
    let n = 0;
    const { seen, transport } = scripted([]);
    const { fq } = client(transport, { idGenerator: () => `op-${++n}` });
    const agency = await fq.agencies.create({ name: "幂等派出所", kind: "police_station" });
    await fq.agencies.update(agency.id, { phone: "0857-1" });
    await fq.agencies.update(agency.id, { phone: "0857-2" }, { idempotencyKey: "caller-chosen" });
    await fq.agencies.get(agency.id);
    const hook = await fq.webhooks.create({ url: "https://hooks.example.com/gone" });
    await fq.call("deleteWebhookEndpoint", { path: { id: hook.id } });
    await fq.request("PUT", `/v1/leads/none/photo`, { body: "x", headers: { "content-type": "image/png" } }).catch(() => undefined);
    expect(seen.map((r) => [r.method, r.headers["idempotency-key"]])).toEqual([
      ["POST", "op-1"],
      ["PATCH", "op-2"],
      ["PATCH", "caller-chosen"],
      ["GET", undefined],
      ["POST", "op-3"],
      ["DELETE", undefined],
      ["PUT", undefined],
    ]);
  });
});
