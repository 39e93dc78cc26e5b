import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testApp, type TestApp } from "../../test/support/app.ts";
import { tenant, type Tenant } from "../../test/support/factories.ts";
import { ConnectionError, Fengqiao, FengqiaoError, NotFoundError, TimeoutError, ValidationError, wxTransport, type WxLike } from "../src/index.js";
import { BASE, recordingClock } from "./support.ts";

let t: TestApp;
let county: Tenant;
beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
});
afterAll(() => t.close());

type WxOptions = Parameters<WxLike["request"]>[0];

/**
 * A stand-in for the mini-program `wx` object, behaving as WeChat documents wx.request: `success`
 * for every HTTP answer (4xx and 5xx too), header names as the server cased them, JSON parsed only
 * when dataType is "json", `fail` when there is no answer. It forwards to the real in-process app.
 */
function fakeWx(opts: { failures?: number } = {}) {
  let failures = opts.failures ?? 0;
  const calls: WxOptions[] = [];
  const wx: WxLike = {
    request(o) {
      calls.push(o);
      if (failures-- > 0) {
        queueMicrotask(() => o.fail({ errMsg: "request:fail timeout" }));
        return { abort() {} };
      }
      void Promise.resolve(t.app.request(o.url, { method: o.method, headers: o.header, body: o.data as string })).then(async (res) => {
        const header: Record<string, string> = {};
        res.headers.forEach((v, k) => (header[k.replace(/(^|-)\w/g, (m) => m.toUpperCase())] = v));
        const text = await res.text();
        o.success({ statusCode: res.status, header, data: o.dataType === "json" ? JSON.parse(text || "null") : text });
      });
      return { abort() {} };
    },
  };
  return { wx, calls };
}

describe("wxTransport (WeChat mini-programs)", () => {
  it("exchanges a token and reads /me through wx.request against the real server", async () => {
    const app = await county.key("public_account");
    const { wx, calls } = fakeWx();
    const fq = new Fengqiao({ baseUrl: BASE, apiKey: app.secret, transport: wxTransport(wx) });
    const token = await fq.tokens.exchange({ subject_type: "wechat_openid", subject: "o-mini-program-1" });
    const me = await fq.withToken(token.access_token).me();
    expect(me.user?.id).toBe(token.user.id);
    expect(calls[0]).toMatchObject({ method: "POST", dataType: "text", responseType: "text" });
    expect(calls[0]!.header["idempotency-key"]).toMatch(/\S/);
  });

  it("treats a 4xx that wx delivered to `success` as the API error it is", async () => {
    const { wx } = fakeWx();
    const fq = new Fengqiao({ baseUrl: BASE, apiKey: county.adminKey, transport: wxTransport(wx) });
    const missing = await fq.keys.get("key_nope").catch((e) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    // Header names arrive capitalised from wx; the request id is still found.
    expect(missing.requestId).toMatch(/\S/);
    const invalid = await fq.keys.create({ name: "", kind: "app" }).catch((e) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(invalid.errors.length).toBeGreaterThan(0);
  });

  it("retries when wx.request fails (no answer) and reuses the idempotency key", async () => {
    const { wx, calls } = fakeWx({ failures: 2 });
    const { clock, sleeps } = recordingClock();
    const fq = new Fengqiao({ baseUrl: BASE, apiKey: county.adminKey, transport: wxTransport(wx), clock });
    const key = await fq.keys.create({ name: "mini-program app", kind: "app" });
    expect(key.id).toMatch(/^key_/);
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.header["idempotency-key"])).size).toBe(1);
    expect(sleeps).toHaveLength(2);

    const down = fakeWx({ failures: 9 });
    const err = await new Fengqiao({ baseUrl: BASE, transport: wxTransport(down.wx), clock, maxRetries: 1 }).health.live().catch((e) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.message).toContain("request:fail");
  });

  it("refuses a file body (wx.uploadFile's job) without retrying", async () => {
    const { wx, calls } = fakeWx();
    const fq = new Fengqiao({ baseUrl: BASE, apiKey: county.adminKey, transport: wxTransport(wx) });
    const err = await fq.request("POST", "/v1/keys", { body: new Blob(["x"]) }).catch((e) => e);
    expect(err).toBeInstanceOf(FengqiaoError);
    expect(err).not.toBeInstanceOf(ConnectionError);
    expect(calls).toHaveLength(0);
  });

  it("works on base libraries without AbortController, where the timeout still ends the wait", async () => {
    vi.stubGlobal("AbortController", undefined);
    try {
      // Canned answers here: the in-process server itself needs AbortController to build a Request.
      const answering: WxLike = {
        request: (o) => (queueMicrotask(() => o.success({ statusCode: 200, header: { "Content-Type": "application/json" }, data: '{"status":"ok"}' })), { abort() {} }),
      };
      const { clock } = recordingClock();
      expect(await new Fengqiao({ baseUrl: BASE, transport: wxTransport(answering), clock }).health.live()).toEqual({ status: "ok" });
      const silent: WxLike = { request: () => ({ abort() {} }) }; // never calls back
      const err = await new Fengqiao({ baseUrl: BASE, transport: wxTransport(silent), clock, timeoutMs: 20, maxRetries: 1 }).health.live().catch((e) => e);
      expect(err).toBeInstanceOf(TimeoutError);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe("wxTransport on its own", () => {
  /** A wx whose request answers once with `answer`, recording what it was asked and whether it was aborted. */
  function scriptedWx(answer: (o: WxOptions) => void) {
    const seen: { options?: WxOptions; aborted: boolean } = { aborted: false };
    const wx: WxLike = {
      request(o) {
        seen.options = o;
        queueMicrotask(() => answer(o));
        return { abort: () => void (seen.aborted = true) };
      },
    };
    return { wx, seen };
  }

  it("reads headers whatever their case, as fetch does", async () => {
    const { wx } = scriptedWx((o) => o.success({ statusCode: 201, header: { "X-Request-Id": "r-1", ETag: '"v2"', "retry-after": "3" }, data: "{}" }));
    const res = await wxTransport(wx)({ method: "GET", url: `${BASE}/v1/me`, headers: {}, responseType: "text" });
    expect(res.status).toBe(201);
    expect([res.headers.get("x-request-id"), res.headers.get("ETAG"), res.headers.get("Retry-After"), res.headers.get("location")]).toEqual(["r-1", '"v2"', "3", null]);
  });

  it("asks for bytes when the client wants a blob (a photo), and text otherwise", async () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff]).buffer;
    const blob = scriptedWx((o) => o.success({ statusCode: 200, header: {}, data: bytes }));
    expect((await wxTransport(blob.wx)({ method: "GET", url: `${BASE}/x`, headers: {}, responseType: "blob" })).body).toBe(bytes);
    expect(blob.seen.options).toMatchObject({ responseType: "arraybuffer", dataType: "text" });
    const text = scriptedWx((o) => o.success({ statusCode: 200, header: {}, data: "{}" }));
    await wxTransport(text.wx)({ method: "GET", url: `${BASE}/x`, headers: {}, responseType: "text" });
    expect(text.seen.options).toMatchObject({ responseType: "text" });
  });

  it("aborts the wx request when the caller's signal fires, and reports a failure without a message", async () => {
    const hanging = scriptedWx(() => {});
    const ctl = new AbortController();
    void wxTransport(hanging.wx)({ method: "GET", url: `${BASE}/x`, headers: {}, responseType: "text", signal: ctl.signal });
    expect(hanging.seen.aborted).toBe(false);
    ctl.abort();
    expect(hanging.seen.aborted).toBe(true);
    const failing = scriptedWx((o) => o.fail({ errMsg: "" }));
    const err = await wxTransport(failing.wx)({ method: "GET", url: `${BASE}/x`, headers: {}, responseType: "text" }).catch((e) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.message).toBe("wx.request failed");
  });
});
