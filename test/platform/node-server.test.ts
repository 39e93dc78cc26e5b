import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../bench/servers.ts";

/**
 * `npm start` as a user runs it: the Node entry over a fresh data folder, on a real socket. This is
 * the only suite where headers go through Node's own response object, so they are checked here.
 */
let base: string;
let output = "";
let child: ReturnType<typeof spawn>;
const dir = mkdtempSync(join(tmpdir(), "fq-start-"));

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ["--import", "tsx", "worker/node.ts"], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dir, JOBS_INTERVAL_MS: "3600000" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      // The last line the server prints on start: everything before it is there too.
      if (output.includes("OpenAPI")) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    child.on("exit", (code) => reject(new Error(`server exited ${code}: ${output}`)));
  });
}, 60_000);

afterAll(() => {
  child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("the Node server (npm start)", () => {
  it("prints where the docs are, and is ready over an embedded, migrated database", async () => {
    expect(output).toContain(`${base}/docs`);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", migrations: "current" });
  });

  it("puts request id, security headers and Server-Timing on successes and problems alike", async () => {
    const statuses: number[] = [];
    for (const path of ["/healthz", "/v1/nowhere", "/v1/me"]) {
      const res = await fetch(`${base}${path}`, path === "/v1/me" ? { headers: { authorization: "Bearer fq_bad_key" } } : {});
      expect(res.headers.get("x-request-id"), path).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(res.headers.get("server-timing")).toMatch(/^total;dur=/);
      if (res.status >= 400) {
        expect(res.headers.get("content-type")).toBe("application/problem+json");
        expect((await res.json()).request_id).toBe(res.headers.get("x-request-id"));
      }
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 404, 401]);
  });

  it("refuses a body over the limit by its declared length, before reading it or checking credentials", async () => {
    const res = await fetch(`${base}/v1/agencies`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer fq_not_checked" },
      body: JSON.stringify({ name: "x".repeat(1_100_000), kind: "department" }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).type).toBe("/problems/payload_too_large");
  });

  it("drains and exits cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("draining");
  });
});
