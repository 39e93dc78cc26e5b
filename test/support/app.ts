import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../worker/app.ts";
import { parseConfig } from "../../worker/config.ts";
import { createDb } from "../../worker/db/client.ts";
import type { Deps } from "../../worker/deps.ts";
import { memoryRateLimiter } from "../../worker/lib/rate-limit.ts";
import { memoryBlobStore } from "../../worker/runtime/disk-blobs.ts";
import { openDatabase } from "../../worker/runtime/node-deps.ts";

export interface TestClock {
  now: () => number;
  set(ms: number): void;
  advance(ms: number): void;
}

/** A clock that stands still unless a test moves it: time-dependent behaviour is asserted exactly. */
export function testClock(start = Date.parse("2026-03-02T01:00:00Z")): TestClock {
  let t = start;
  return { now: () => t, set: (ms) => void (t = ms), advance: (ms) => void (t += ms) };
}

export type RequestOptions = {
  body?: unknown;
  auth?: string;
  headers?: Record<string, string>;
};

/**
 * A fresh, migrated database in a temp folder and the real app over it, driven in-process via
 * `app.request`. Every test file (or test) gets its own; nothing is shared between them.
 */
export async function testApp(overrides: Partial<Record<string, string>> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "fq-test-"));
  // Opened exactly as the Node server opens its file: same client, pragmas and migrations.
  const client = await openDatabase({ LIBSQL_URL: `file:${join(dir, "test.db")}` });
  const clock = testClock();
  const logs: Record<string, unknown>[] = [];
  const config = parseConfig({
    ENVIRONMENT: "test",
    LIBSQL_URL: `file:${join(dir, "test.db")}`,
    TOKEN_SECRET: "test-token-secret-0123456789abcdef-0123456789",
    INDICATOR_SECRET: "test-indicator-secret-0123456789abcdef-01234",
    RATE_LIMIT_PER_MINUTE: "100000",
    ...overrides,
  });
  const deps: Deps = {
    config,
    client,
    db: createDb(client),
    blobs: memoryBlobStore(),
    rateLimiter: memoryRateLimiter(clock.now),
    now: clock.now,
    clientAddress: (c) => c.req.header("x-test-client") ?? "127.0.0.1",
    log: (line) => logs.push(line),
  };
  const app = createApp(deps);

  async function request(method: string, path: string, opts: RequestOptions = {}) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.auth) headers.authorization = `Bearer ${opts.auth}`;
    let body: BodyInit | undefined;
    if (opts.body !== undefined) {
      if (typeof opts.body === "string" || opts.body instanceof FormData || opts.body instanceof Uint8Array) {
        body = opts.body as BodyInit;
      } else {
        body = JSON.stringify(opts.body);
        headers["content-type"] ??= "application/json";
      }
    }
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    let json: any = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (XML, CSV, SVG …); tests read `text`
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  return {
    app,
    deps,
    clock,
    logs,
    request,
    get: (path: string, opts?: RequestOptions) => request("GET", path, opts),
    post: (path: string, body?: unknown, opts?: RequestOptions) => request("POST", path, { ...opts, body }),
    patch: (path: string, body?: unknown, opts?: RequestOptions) => request("PATCH", path, { ...opts, body }),
    put: (path: string, body?: unknown, opts?: RequestOptions) => request("PUT", path, { ...opts, body }),
    del: (path: string, opts?: RequestOptions) => request("DELETE", path, opts),
    async close() {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof testApp>>;
