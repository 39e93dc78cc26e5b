import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemBody } from "../../worker/lib/problem.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";

let t: TestApp;
let county: Tenant;
beforeAll(async () => {
  t = await testApp({ BODY_LIMIT_BYTES: "2048" });
  county = await tenant(t);
});
afterAll(() => t.close());

const isProblem = (res: { headers: Headers; json: any }, status: number, code: string) => {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.json).toMatchObject({ type: `/problems/${code}`, status });
  expect(res.json.request_id).toBe(res.headers.get("x-request-id"));
  expect(JSON.stringify(res.json)).not.toMatch(/at .*\.ts:\d+|Error:/);
};

describe("every failure is application/problem+json with a stable type", () => {
  it("unknown route → 404", async () => {
    const res = await t.get("/v1/nowhere");
    expect(res.status).toBe(404);
    isProblem(res, 404, "not_found");
  });

  it("wrong method on a known route → 405 with Allow", async () => {
    const res = await t.del("/v1/keys", { auth: county.adminKey });
    expect(res.status).toBe(405);
    isProblem(res, 405, "method_not_allowed");
    expect(res.headers.get("allow")).toContain("POST");
  });

  it("malformed JSON → 400 malformed_json", async () => {
    const res = await t.post("/v1/keys", '{"name": "x",', { auth: county.adminKey, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    isProblem(res, 400, "malformed_json");
  });

  it("a body of another media type → 415", async () => {
    const res = await t.post("/v1/keys", "name=x", { auth: county.adminKey, headers: { "content-type": "text/plain" } });
    expect(res.status).toBe(415);
    isProblem(res, 415, "unsupported_media_type");
  });

  it("a body over the limit → 413", async () => {
    const res = await t.post("/v1/keys", { name: "x".repeat(5000), kind: "app" }, { auth: county.adminKey });
    expect(res.status).toBe(413);
    isProblem(res, 413, "payload_too_large");
  });

  it("validation → 400 with JSON pointers and without echoing the input", async () => {
    const secret = "13812345678-private";
    const res = await t.post("/v1/keys", { name: secret, kind: "spaceship", extra: secret }, { auth: county.adminKey });
    expect(res.status).toBe(400);
    isProblem(res, 400, "validation_failed");
    const pointers = res.json.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(["/body/kind"]));
    expect(res.text).not.toContain(secret);
    expect(res.text).not.toContain("spaceship");
  });

  it("a name of nothing but invisible characters is refused, as an empty one is", async () => {
    for (const name of ["\u200b\u200b", "\u0085", " \u180e "]) {
      const res = await t.post("/v1/agencies", { name, kind: "department" }, { auth: county.adminKey });
      isProblem(res, 400, "validation_failed");
      expect(res.json.errors[0].pointer).toBe("/body/name");
    }
    expect((await t.post("/v1/agencies", { name: "城管局\u200b", kind: "department" }, { auth: county.adminKey })).status).toBe(201);
  });

  it("a NUL character in any text field is refused with its pointer (SQLite would read the text back cut short)", async () => {
    const before = (await t.deps.client.execute("SELECT count(*) AS n FROM agencies")).rows[0]!.n;
    const res = await t.post("/v1/agencies", { name: "城管\u0000局", kind: "department" }, { auth: county.adminKey });
    isProblem(res, 400, "validation_failed");
    expect(res.json.errors).toEqual([{ pointer: "/body/name", detail: "must not contain a NUL character" }]);
    expect((await t.deps.client.execute("SELECT count(*) AS n FROM agencies")).rows[0]!.n).toBe(before);
  });

  it("an extension named like a member of the problem never replaces it", () => {
    // Services describe the object's state in extensions; a `status` there once overwrote the HTTP status.
    const body = problemBody("invalid_transition", "A open task cannot be published.", { status: "open", type: "x", title: "y", status_now: "open" });
    expect(body).toEqual({
      type: "/problems/invalid_transition",
      title: "That transition is not allowed from the current state",
      status: 409,
      detail: "A open task cannot be published.",
      status_now: "open",
    });
  });

  it("an internal failure → 500 with the request id only; the log keeps the cause", async () => {
    const broken = await testApp();
    broken.deps.client.close(); // every query now throws
    const c = await broken.get("/v1/me", { auth: "fq_abcdefgh_" + "x".repeat(43) });
    expect(c.status).toBe(500);
    isProblem(c, 500, "internal");
    expect(c.json.detail).toBeUndefined();
    expect(broken.logs.some((l) => l.msg === "unhandled" && l.request_id === c.json.request_id)).toBe(true);
  });

  it("every response carries x-request-id and Server-Timing, and honours a sane incoming id", async () => {
    const res = await t.get("/healthz", { headers: { "x-request-id": "trace-abc-123" } });
    expect(res.headers.get("x-request-id")).toBe("trace-abc-123");
    expect(res.headers.get("server-timing")).toMatch(/total;dur=/);
    const weird = await t.get("/healthz", { headers: { "x-request-id": "<script>" } });
    expect(weird.headers.get("x-request-id")).not.toBe("<script>");
  });

  it("secure headers are set and CORS only answers allowlisted origins", async () => {
    const res = await t.get("/healthz", { headers: { origin: "https://evil.example" } });
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const allowed = await testApp({ CORS_ORIGINS: "https://kiosk.example.gov.cn" });
    const ok = await allowed.get("/healthz", { headers: { origin: "https://kiosk.example.gov.cn" } });
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://kiosk.example.gov.cn");
    // An answer that also varies by credential still tells caches it varies by Origin.
    const admin = await tenant(allowed);
    for (const headers of [{ origin: "https://kiosk.example.gov.cn" }, {}] as Record<string, string>[]) {
      const list = await allowed.get("/v1/requests", { auth: admin.adminKey, headers });
      expect(list.status).toBe(200);
      expect(list.headers.get("vary")?.split(/,\s*/).map((v) => v.toLowerCase()).sort()).toEqual(["authorization", "origin"]);
    }
    await allowed.close();
  });

  it("access log: one JSON line per request with the route pattern, never bodies or paths with ids", async () => {
    t.logs.length = 0;
    await t.get("/v1/keys/key_01jf8z3m2ke5qb0x4n3c1w9v7t", { auth: county.adminKey });
    const line = t.logs.find((l) => l.msg === "request")!;
    expect(line).toMatchObject({ method: "GET", route: "/v1/keys/:id", status: 404 });
    expect(typeof line.duration_ms).toBe("number");
    expect(JSON.stringify(t.logs)).not.toContain("key_01jf8z3m2ke5qb0x4n3c1w9v7t");
    expect(JSON.stringify(t.logs)).not.toContain(county.adminKey);
  });
});
