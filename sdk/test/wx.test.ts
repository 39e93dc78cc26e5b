import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testApp, type TestApp } from "../../test/support/app.ts";
import { tenant, type Tenant } from "../../test/support/factories.ts";
import { alertBody, areaTree, staff, staffAppKey } from "../../test/antifraud/factories.ts";
import {
  ConnectionError,
  Fengqiao,
  FengqiaoError,
  NotFoundError,
  PreconditionError,
  TimeoutError,
  ValidationError,
  responseOf,
  wxTransport,
  type WxLike,
} from "../src/index.js";
import { BASE, recordingClock } from "./support.ts";

let t: TestApp;
let county: Tenant;
beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
});
afterAll(() => t.close());

type WxOptions = Parameters<WxLike["request"]>[0];

/** The methods wx.request documents; anything else (PATCH) WeChat refuses. */
const WX_METHODS = ["OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "CONNECT"];

/**
 * A stand-in for the mini-program `wx` object, behaving as WeChat documents wx.request: `success`
 * for every HTTP answer (4xx and 5xx too), header names as the server cased them, JSON parsed only
 * when dataType is "json", bytes when responseType is "arraybuffer", `fail` when there is no answer
 * or the method is not one wx.request has. It forwards to the real in-process app.
 */
function fakeWx(opts: { failures?: number } = {}) {
  let failures = opts.failures ?? 0;
  const calls: WxOptions[] = [];
  const wx: WxLike = {
    request(o) {
      calls.push(o);
      if (failures-- > 0 || !WX_METHODS.includes(o.method)) {
        const errMsg = failures >= 0 ? "request:fail timeout" : "request:fail invalid method";
        queueMicrotask(() => o.fail({ errMsg }));
        return { abort() {} };
      }
      void Promise.resolve(t.app.request(o.url, { method: o.method, headers: o.header, body: o.data as string })).then(async (res) => {
        const header: Record<string, string> = {};
        res.headers.forEach((v, k) => (header[k.replace(/(^|-)\w/g, (m) => m.toUpperCase())] = v));
        if (o.responseType === "arraybuffer") return o.success({ statusCode: res.status, header, data: await res.arrayBuffer() });
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

  it("sends PATCH, which wx.request lacks, as POST with X-HTTP-Method-Override, and the API serves it as PATCH", async () => {
    const { wx, calls } = fakeWx();
    const fq = new Fengqiao({ baseUrl: BASE, apiKey: county.adminKey, transport: wxTransport(wx) });
    const station = await fq.agencies.create({ name: "柳塘派出所", kind: "police_station" });
    const updated = await fq.agencies.update(station.id, { phone: "0857-7221119" });
    expect(updated).toMatchObject({ id: station.id, phone: "0857-7221119" });
    expect((await fq.agencies.get(station.id)).phone).toBe("0857-7221119");
    const patch = calls.at(-2)!;
    expect(patch).toMatchObject({ method: "POST", url: `${BASE}/v1/agencies/${station.id}` });
    expect(patch.header["x-http-method-override"]).toBe("PATCH");
    // A PATCH carries its idempotency key through the override, as sent directly (the API keys it as the PATCH).
    expect(patch.header["idempotency-key"]).toMatch(/\S/);
    expect(patch.header["idempotency-key"]).not.toBe(calls.at(-3)!.header["idempotency-key"]);
    expect(calls.every((c) => WX_METHODS.includes(c.method))).toBe(true);
  });

  it("keeps PATCH's If-Match rules through the override: the current ETag edits, a stale one is 412", async () => {
    const tree = await areaTree(t, county.id);
    const staffApp = (await staffAppKey(county)).secret;
    const dispatcher = new Fengqiao({ baseUrl: BASE, apiKey: staffApp, transport: wxTransport(fakeWx().wx) }).withToken(
      (await staff(t, county, "dispatcher")).token,
    );
    const draft = await dispatcher.alerts.create(alertBody({ area_ids: [tree.a1.id] }) as never);
    const etag = responseOf(draft)!.etag!;
    const edited = await dispatcher.alerts.edit(draft.id, { title_zh: "新标题" }, { ifMatch: etag });
    expect(edited.title_zh).toBe("新标题");
    expect(responseOf(edited)!.etag).not.toBe(etag);
    const stale = await dispatcher.alerts.edit(draft.id, { title_zh: "又一个" }, { ifMatch: etag }).catch((e) => e);
    expect(stale).toBeInstanceOf(PreconditionError);
    expect(stale.status).toBe(412);
    const again = await dispatcher.alerts.edit(draft.id, { title_zh: "再改" }, { ifMatch: responseOf(edited)!.etag! });
    expect(again.title_zh).toBe("再改");
  });

  it("reads the problem of a byte operation (a QR PNG, asked for as an ArrayBuffer)", async () => {
    const { wx, calls } = fakeWx();
    const fq = new Fengqiao({ baseUrl: BASE, transport: wxTransport(wx) });
    const missing = await fq.doorplates.qrPng("dp_no_such_plate").catch((e) => e);
    expect(calls[0]!.responseType).toBe("arraybuffer");
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ status: 404, code: "not_found", type: "/problems/not_found" });
    expect(missing.requestId).toMatch(/\S/);
    const invalid = await fq.doorplates.qrPng("dp_no_such_plate", { scale: 999 }).catch((e) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(invalid.errors.map((e: { pointer: string }) => e.pointer)).toEqual(["/query/scale"]);
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

  it("decodes a problem sent as bytes (UTF-8) where the base library has no TextDecoder", async () => {
    const problem = { type: "/problems/not_found", title: "Not found", status: 404, detail: "没有这个门牌。", errors: [{ pointer: "/path/code", detail: "未知" }] };
    const bytes = new TextEncoder().encode(JSON.stringify(problem)).buffer;
    const { wx } = scriptedWx((o) => o.success({ statusCode: 404, header: { "Content-Type": "application/problem+json", "X-Request-Id": "r-9" }, data: bytes }));
    vi.stubGlobal("TextDecoder", undefined);
    try {
      const err = await new Fengqiao({ baseUrl: BASE, transport: wxTransport(wx) }).doorplates.qrPng("dp_x").catch((e) => e);
      expect(err).toBeInstanceOf(NotFoundError);
      expect(err).toMatchObject({ code: "not_found", detail: "没有这个门牌。", requestId: "r-9", errors: problem.errors });
    } finally {
      vi.unstubAllGlobals();
    }
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
