import { describe, expect, it } from "vitest";
import { apiError } from "../src/errors.js";
import {
  ApiError,
  AuthenticationError,
  CapacityFullError,
  ConflictError,
  ConnectionError,
  InvalidTransitionError,
  NotFoundError,
  PermissionError,
  PreconditionError,
  RateLimitError,
  TimeoutError,
  ValidationError,
  isRetryable,
  retryDelay,
} from "../src/index.js";

/**
 * What an integrator's `catch` sees: the class to branch on, the problem's stable code, the words
 * for people, the request id to quote to support, and whether the SDK will try again.
 */
const res = (status: number, headers: Record<string, string> = {}) => ({ status, headers: new Headers(headers) });
const problem = (code: string, more: Record<string, unknown> = {}) => ({ type: `https://fengqiao.example/problems/${code}`, title: "Title", ...more });

describe("API errors", () => {
  it("carry the problem's code, title, detail, field errors and request id", () => {
    const errors = [{ pointer: "/body/phone", detail: "expected a phone number" }];
    const e = apiError(res(400, { "x-request-id": "req-hdr" }), problem("validation_failed", { title: "Invalid input", detail: "1 field", errors, request_id: "req-body" }));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ status: 400, code: "validation_failed", title: "Invalid input", detail: "1 field", errors, requestId: "req-hdr", message: "Invalid input: 1 field" });
    // Without the header (a proxy dropped it), the problem's own request_id.
    expect(apiError(res(400), problem("validation_failed", { request_id: "req-body" })).requestId).toBe("req-body");
  });

  it("stay useful when the body is not a problem: an HTML page from a proxy, nothing, a string", () => {
    for (const body of ["<html>Bad Gateway</html>", null, undefined, 42, { title: 7, detail: ["x"], errors: "no" }]) {
      const e = apiError(res(502), body);
      expect(e.constructor).toBe(ApiError);
      expect(e).toMatchObject({ status: 502, title: "HTTP 502", detail: undefined, code: undefined, errors: [], message: "HTTP 502" });
      expect(e.body).toBe(body);
    }
  });

  it("read the code only from a /problems/<code> type", () => {
    expect(apiError(res(409), { type: "about:blank", title: "x" }).code).toBeUndefined();
    expect(apiError(res(409), { type: "https://x.example/problems/conflict/extra" }).code).toBeUndefined();
    expect(apiError(res(409), { type: "/problems/conflict" }).code).toBe("conflict");
  });

  it("take their class from the code first, then from the status", () => {
    const cases: [number, string | undefined, new (...a: never[]) => ApiError][] = [
      [409, "invalid_transition", InvalidTransitionError],
      [409, "capacity_full", CapacityFullError],
      [409, "idempotency_in_flight", ConflictError],
      [409, "something_new", ConflictError],
      [401, undefined, AuthenticationError],
      [403, "forbidden", PermissionError],
      [404, undefined, NotFoundError],
      [412, undefined, PreconditionError],
      [428, "precondition_required", PreconditionError],
      [413, undefined, ValidationError],
      [415, undefined, ValidationError],
      [422, "unprocessable", ValidationError],
      [429, undefined, RateLimitError],
      [418, undefined, ApiError],
      [500, "internal", ApiError],
    ];
    for (const [status, code, Class] of cases) {
      const e = apiError(res(status), code ? problem(code) : {});
      expect(e.constructor, `${status} ${code}`).toBe(Class);
      expect(e.status).toBe(status);
    }
    // A code wins over a status that says otherwise.
    expect(apiError(res(400), problem("not_found")).constructor).toBe(NotFoundError);
  });

  it("say how long a rate limit asks to wait, only when the server said", () => {
    const wait = (h?: string) => (apiError(res(429, h === undefined ? {} : { "retry-after": h }), problem("rate_limited")) as RateLimitError).retryAfterMs;
    expect(wait("5")).toBe(5000);
    expect(wait("0")).toBe(0);
    expect(wait(undefined)).toBeUndefined();
    expect(wait("")).toBeUndefined();
    expect(wait("soon")).toBeUndefined();
    expect(wait("-1")).toBeUndefined();
    const inAMinute = new Date(Math.ceil(Date.now() / 1000) * 1000 + 60_000).toUTCString();
    expect(wait(inAMinute)).toBeGreaterThan(58_000);
    expect(wait(inAMinute)).toBeLessThanOrEqual(61_000);
    expect(wait(new Date(Date.now() - 60_000).toUTCString())).toBe(0);
  });
});

describe("what is retried, and after how long", () => {
  it("retries lost connections, timeouts, 408, 429, 5xx and a key still in flight; nothing else", () => {
    expect(isRetryable(new ConnectionError())).toBe(true);
    expect(isRetryable(new TimeoutError())).toBe(true);
    for (const s of [408, 429, 500, 502, 503, 504]) expect(isRetryable(apiError(res(s), {})), String(s)).toBe(true);
    expect(isRetryable(apiError(res(409), problem("idempotency_in_flight")))).toBe(true);
    for (const code of ["conflict", "invalid_transition", "capacity_full"]) expect(isRetryable(apiError(res(409), problem(code))), code).toBe(false);
    for (const s of [400, 401, 403, 404, 412, 413, 415, 422, 428, 499]) expect(isRetryable(apiError(res(s), {})), String(s)).toBe(false);
    // A bug in the caller's own code is not the network's fault.
    expect(isRetryable(new TypeError("x is not a function"))).toBe(false);
    expect(isRetryable("boom")).toBe(false);
  });

  it("waits as Retry-After says, in seconds or as a date, and gives up on a wait over a minute", () => {
    const now = Date.UTC(2026, 10, 22, 12, 0, 0);
    const err = (h: string) => apiError(res(429, { "retry-after": h }), problem("rate_limited"));
    expect(retryDelay(err("3"), 0, now)).toBe(3000);
    expect(retryDelay(err("60"), 0, now)).toBe(60_000);
    expect(retryDelay(err("61"), 0, now)).toBeUndefined();
    expect(retryDelay(err(new Date(now + 10_000).toUTCString()), 0, now)).toBe(10_000);
    expect(retryDelay(err(new Date(now - 10_000).toUTCString()), 0, now)).toBe(0);
    // Unreadable: the usual backoff.
    expect(retryDelay(err("later"), 0, now, () => 0)).toBe(250);
  });

  it("backs off from 0.5 s doubling to 8 s, each wait jittered over its upper half", () => {
    const err = new ConnectionError();
    expect([0, 1, 2, 3, 4, 5, 9].map((a) => retryDelay(err, a, 0, () => 0))).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000]);
    expect([0, 1, 2, 3, 4, 5, 9].map((a) => retryDelay(err, a, 0, () => 0.999999))).toEqual([0, 1, 2, 3, 4, 5, 9].map((a) => expect.closeTo(Math.min(8000, 500 * 2 ** a), 0)));
    expect(retryDelay(err, 2, 0, () => 0.5)).toBe(1500);
  });
});
