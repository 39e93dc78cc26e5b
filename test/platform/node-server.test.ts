import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../bench/servers.ts";

/**
 * `npm start` as a user runs it: the Node entry over a fresh data folder, on a real socket. This is
 * the only suite where headers go through Node's own response object, so they are checked here.
 */
type Server = { port: number; base: string; child: ReturnType<typeof spawn>; output: () => string; exited: Promise<number | null> };
const started: { child: ReturnType<typeof spawn>; dir: string }[] = [];

/** `npm start` over a fresh data folder on a free port, resolved once it has printed its banner. */
async function startServer(): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), "fq-start-"));
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "worker/node.ts"], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dir, JOBS_INTERVAL_MS: "3600000" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push({ child, dir });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      // The last line the server prints on start: everything before it is there too.
      if (out.includes("OpenAPI")) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`server exited ${code}: ${out}`));
    });
  });
  return { port, base: `http://127.0.0.1:${port}`, child, output: () => out, exited };
}

let server: Server;
let base: string;
let output = "";

beforeAll(async () => {
  server = await startServer();
  base = server.base;
  output = server.output();
}, 60_000);

afterAll(() => {
  for (const { child, dir } of started) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
});

const until = async (what: string, ok: () => boolean, ms = 10_000) => {
  for (const end = Date.now() + ms; !ok(); ) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** Whether a new TCP connection to the port is refused (the listener is closed). */
const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(false)));
    s.once("error", (err: NodeJS.ErrnoException) => resolve(err.code === "ECONNREFUSED"));
  });

/**
 * A request the server is in the middle of when the signal arrives: a public fraud check whose
 * JSON body is sent over a raw socket in two halves, the second only after the signal. The server
 * has the headers (and half the body) and cannot answer until the rest comes.
 */
async function drainsRequestInFlight(signal: "SIGTERM" | "SIGINT") {
  const srv = await startServer();
  const body = JSON.stringify({ kind: "phone", value: "+86 138-0013-8000", jurisdiction: "jinsha" });
  const sock = connect(srv.port, "127.0.0.1");
  await once(sock, "connect");
  let answer = "";
  sock.on("data", (d: Buffer) => (answer += d.toString("latin1")));
  const ended = once(sock, "end");
  sock.write(
    `POST /v1/fraud/checks HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 20)}`,
  );
  // Let the server read the headers and start the request before the signal.
  await new Promise((r) => setTimeout(r, 300));

  srv.child.kill(signal);
  await until("the drain message", () => srv.output().includes(`${signal}: draining`));
  await new Promise((r) => setTimeout(r, 100));
  expect(answer, "no answer before the body is complete").toBe("");
  expect(await refused(srv.port), "new connections are refused while draining").toBe(true);
  expect(srv.child.exitCode, "still running while a request is in flight").toBeNull();

  sock.write(body.slice(20));
  await ended;
  const [head, payload] = [answer.slice(0, answer.indexOf("\r\n\r\n")), answer.slice(answer.indexOf("\r\n\r\n") + 4)];
  expect(head).toMatch(/^HTTP\/1\.1 200 /);
  expect(head.toLowerCase()).toContain("content-type: application/json");
  const length = /content-length: (\d+)/i.exec(head)?.[1];
  expect(Buffer.byteLength(payload, "latin1"), "the whole body arrived").toBe(Number(length));
  expect(JSON.parse(Buffer.from(payload, "latin1").toString("utf8"))).toHaveProperty("verdict");
  expect(await srv.exited).toBe(0);
}

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
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain("draining");
  });
});

describe("graceful drain", () => {
  it("on SIGTERM answers a request in flight in full, refuses new connections, then exits 0", () => drainsRequestInFlight("SIGTERM"), 60_000);

  it("on SIGINT (Ctrl-C) does the same", () => drainsRequestInFlight("SIGINT"), 60_000);
});
