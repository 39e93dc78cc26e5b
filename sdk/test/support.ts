import { Fengqiao, fetchTransport, type ClientOptions } from "../src/index.js";
import type { TestApp } from "../../test/support/app.ts";

/** The base URL tests give the SDK; requests never leave the process. */
export const BASE = "http://fq.test";

/** The SDK over the real app, in-process: routes, middleware, validation and database all run. */
export function sdkFor(t: TestApp, options: Partial<ClientOptions> = {}) {
  return new Fengqiao({ baseUrl: BASE, fetch: (input, init) => Promise.resolve(t.app.request(input, init)), ...options });
}

/** A transport onto the real app, in-process, for tests that wrap or script the transport itself. */
export const appTransport = (t: TestApp) => fetchTransport((input, init) => Promise.resolve(t.app.request(input, init)));

/** A clock whose sleeps return at once and are recorded, so backoff is asserted without waiting. */
export function recordingClock() {
  const sleeps: number[] = [];
  return { sleeps, clock: { now: () => Date.parse("2026-03-02T01:00:00Z"), sleep: async (ms: number) => void sleeps.push(ms) } };
}
