import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/support/app.ts";
import { tenant, type Tenant } from "../../test/support/factories.ts";
import {
  ApiError,
  ConflictError,
  ConnectionError,
  Fengqiao,
  InvalidTransitionError,
  RateLimitError,
  TimeoutError,
  ValidationError,
  responseOf,
  type Transport,
  type TransportRequest,
} from "../src/index.js";
import { appTransport, BASE, recordingClock } from "./support.ts";

let t: TestApp;
let county: Tenant;
beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
});
afterAll(() => t.close());

const real = () => appTransport(t);
const agencyRows = async () => Number((await t.deps.client.execute("SELECT count(*) AS n FROM agencies")).rows[0]!.n);

/** A transport that fails as scripted, attempt by attempt, then hands over to the real server. */
function scripted(steps: Array<"drop" | "lose-answer" | { status: number; code?: string; headers?: Record<string, string> }>) {
  const seen: TransportRequest[] = [];
  const server = real();
  const transport: Transport = async (req) => {
    seen.push(req);
    const step = steps[seen.length - 1];
    if (step === undefined) return server(req);
    if (step === "drop") throw new TypeError("fetch failed"); // never reached the server
    if (step === "lose-answer") {
      await server(req); // the server did the work; the answer was lost on the way back
      throw new TypeError("socket hang up");
    }
    const body = JSON.stringify({ type: `/problems/${step.code ?? "unavailable"}`, title: "scripted", status: step.status });
    const headers = new Headers({ "content-type": "application/problem+json", ...step.headers });
    return { status: step.status, headers, body };
  };
  return { seen, transport };
}

function client(transport: Transport, extra: Partial<ConstructorParameters<typeof Fengqiao>[0]> = {}) {
  const { sleeps, clock } = recordingClock();
  return { sleeps, fq: new Fengqiao({ baseUrl: BASE, apiKey: county.adminKey, transport, clock, ...extra }) };
}

describe("retries and idempotency", () => {
  it("retries a write after a dropped connection and a lost answer with one idempotency key, applying it once", async () => {
    // An agency: a write whose answer the server keeps for replay (a new key's secret it never stores).
    const before = await agencyRows();
    const { seen, transport } = scripted(["drop", "lose-answer"]);
    const { fq, sleeps } = client(transport);
    const agency = await fq.agencies.create({ name: "柳塘派出所", kind: "police_station" });

    expect(seen).toHaveLength(3);
    const keys = seen.map((r) => r.headers["idempotency-key"]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
    // The third attempt was answered from the server's record of the second.
    expect(responseOf(agency)!.replayed).toBe(true);
    expect(await agencyRows()).toBe(before + 1);
    expect(sleeps).toHaveLength(2);
  });

  it("gives each logical write its own key, from the injected generator", async () => {
    let n = 0;
    const { seen, transport } = scripted([]);
    const { fq } = client(transport, { idGenerator: () => `op-${++n}` });
    await fq.keys.create({ name: "a", kind: "app" });
    await fq.keys.create({ name: "b", kind: "app" });
    await fq.keys.create({ name: "c", kind: "app" }, { idempotencyKey: "caller-chosen" });
    expect(seen.map((r) => r.headers["idempotency-key"])).toEqual(["op-1", "op-2", "caller-chosen"]);
  });

  it("backs off exponentially with jitter on 5xx, within the cap", async () => {
    const { seen, transport } = scripted([{ status: 503 }, { status: 500, code: "internal" }]);
    const { fq, sleeps } = client(transport);
    const me = await fq.me();
    expect(me.jurisdiction_id).toBe(county.id);
    expect(seen).toHaveLength(3);
    expect(sleeps[0]).toBeGreaterThanOrEqual(250);
    expect(sleeps[0]).toBeLessThanOrEqual(500);
    expect(sleeps[1]).toBeGreaterThanOrEqual(500);
    expect(sleeps[1]).toBeLessThanOrEqual(1000);
  });

  it("waits as long as Retry-After says on 429 and 408", async () => {
    const { transport } = scripted([
      { status: 429, code: "rate_limited", headers: { "retry-after": "3" } },
      { status: 408, headers: { "retry-after": "1" } },
    ]);
    const { fq, sleeps } = client(transport, { maxRetries: 3 });
    await fq.me();
    expect(sleeps).toEqual([3000, 1000]);
  });

  it("does not hide a long Retry-After: the caller gets RateLimitError with the wait", async () => {
    const { seen, transport } = scripted([{ status: 429, code: "rate_limited", headers: { "retry-after": "120" } }]);
    const { fq } = client(transport);
    const err = await fq.me().catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.retryAfterMs).toBe(120_000);
    expect(seen).toHaveLength(1);
  });

  it("retries 409 only while the same key is in flight, never an invalid transition, capacity or lost race", async () => {
    const inFlight = scripted([{ status: 409, code: "idempotency_in_flight", headers: { "retry-after": "1" } }]);
    await client(inFlight.transport).fq.keys.create({ name: "x", kind: "app" });
    expect(inFlight.seen).toHaveLength(2);
    expect(inFlight.seen[0]!.headers["idempotency-key"]).toBe(inFlight.seen[1]!.headers["idempotency-key"]);

    for (const code of ["invalid_transition", "capacity_full", "conflict"]) {
      const s = scripted([{ status: 409, code }]);
      const err = await client(s.transport).fq.keys.create({ name: "y", kind: "app" }).catch((e) => e);
      expect(err, code).toBeInstanceOf(ConflictError);
      expect(err.code).toBe(code);
      expect(s.seen, code).toHaveLength(1);
    }
    const s = scripted([{ status: 409, code: "invalid_transition" }]);
    expect(await client(s.transport).fq.me().catch((e) => e)).toBeInstanceOf(InvalidTransitionError);
  });

  it("never retries a request the server rejected as invalid", async () => {
    const { seen, transport } = scripted([]);
    const err = await client(transport).fq.keys.create({ name: "", kind: "app" }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(seen).toHaveLength(1);
  });

  it("gives up after maxRetries with the last error", async () => {
    const { seen, transport } = scripted(["drop", "drop", "drop", "drop"]);
    const { fq, sleeps } = client(transport, { maxRetries: 2 });
    const err = await fq.me().catch((e) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.cause).toBeInstanceOf(TypeError);
    expect(seen).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    const five = scripted([{ status: 503 }, { status: 503 }]);
    const last = await client(five.transport, { maxRetries: 1 }).fq.me().catch((e) => e);
    expect(last).toBeInstanceOf(ApiError);
    expect(last.status).toBe(503);
  });

  it("times out an attempt that never answers, aborts it, and retries", async () => {
    const aborted: boolean[] = [];
    const hang: Transport = (req) =>
      new Promise((_, reject) => req.signal!.addEventListener("abort", () => (aborted.push(true), reject(new Error("aborted")))));
    const { fq, sleeps } = client(hang, { timeoutMs: 20, maxRetries: 1 });
    const err = await fq.me().catch((e) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(aborted).toEqual([true, true]);
    expect(sleeps).toHaveLength(1);
  });

  it("stops at once, without retrying, when the caller aborts", async () => {
    const calls: TransportRequest[] = [];
    const hang: Transport = (req) =>
      new Promise((_, reject) => {
        calls.push(req);
        req.signal!.addEventListener("abort", () => reject(new Error("aborted")));
      });
    const ctl = new AbortController();
    const pending = client(hang).fq.me({ signal: ctl.signal });
    ctl.abort(new Error("user left the page"));
    await expect(pending).rejects.toThrow("user left the page");
    expect(calls).toHaveLength(1);
    await expect(client(hang).fq.me({ signal: AbortSignal.abort() })).rejects.toThrow();
  });
});
