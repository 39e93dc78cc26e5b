import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultLog, problemBody } from "../../worker/lib/problem.ts";
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

  it("an unknown field is reported at the object holding it, with the fields it accepts, never the key itself", async () => {
    const key = "phone_of_13812345678";
    const top = await t.post("/v1/agencies", { name: "城管局", kind: "department", [key]: 1 }, { auth: county.adminKey });
    isProblem(top, 400, "validation_failed");
    expect(top.json.errors).toEqual([{ pointer: "/body", detail: "this object does not accept unknown fields; it accepts name, kind, area_id, phone" }]);
    expect(top.text).not.toContain("13812345678");
    // In a nested object the pointer is that object's, and what it lists is its own fields.
    const nested = await t.post(
      "/v1/users",
      { role: "officer", subject_type: "staff_id", subject: "LT-9", display_name: "王警官", areas: [{ area_id: "area_x", duty: "officer", [key]: 1, 张三的电话: 2 }] },
      { auth: county.adminKey },
    );
    isProblem(nested, 400, "validation_failed");
    expect(nested.json.errors).toContainEqual({ pointer: "/body/areas/0", detail: "this object does not accept unknown fields; it accepts area_id, duty" });
    expect(nested.text).not.toContain("13812345678");
    expect(nested.text).not.toContain("张三");
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

  it("the log of a failed query names the failure and where, never the personal data in its parameters", async () => {
    const db = await testApp();
    const other = await tenant(db);
    const app = await other.key("app");
    // A real driver error from a drizzle insert that carries the phone and name as parameters.
    await db.deps.client.execute("CREATE TRIGGER users_refused BEFORE INSERT ON users BEGIN SELECT RAISE(ABORT, 'users are read-only here'); END");
    const phone = "13912345678";
    const res = await db.post("/v1/tokens", { subject_type: "phone", subject: phone, display_name: "张小明", phone }, { auth: app.secret });
    expect(res.status).toBe(500);
    isProblem(res, 500, "internal");
    const line = db.logs.find((l) => l.msg === "unhandled")!;
    expect(line).toMatchObject({
      level: "error",
      request_id: res.json.request_id,
      error: "DrizzleQueryError",
      causes: expect.arrayContaining(["LibsqlError"]),
      code: "SQLITE_CONSTRAINT",
      detail: "SQLITE_CONSTRAINT: users are read-only here",
    });
    // Where it failed: frames only, not the message line that repeats the query and its parameters.
    expect(line.stack).toMatch(/^at /);
    expect(line.stack).not.toMatch(/Failed query|params:/);
    const logged = JSON.stringify(db.logs);
    expect(logged).not.toContain(phone);
    expect(logged).not.toContain("张小明");
    expect(logged).not.toContain("INSERT");
    await db.close();
  });

  it("a driver message that would carry a parameter or a quoted fragment is cut down or left out", () => {
    const driver = Object.assign(new Error("SQLITE_ERROR: near \"13912345678\": syntax error"), { code: "SQLITE_ERROR" });
    const quoted = faultLog(Object.assign(new Error("Failed query: x\nparams: a"), { params: ["a"], cause: driver }));
    expect(quoted.detail).toBe('SQLITE_ERROR: near "…": syntax error');
    const withParam = Object.assign(new Error("SQLITE_CONSTRAINT: CHECK constraint failed: 张三"), { code: "SQLITE_CONSTRAINT" });
    const dropped = faultLog(Object.assign(new Error("Failed query: x\nparams: 张三"), { params: ["张三"], cause: withParam }));
    expect(dropped.detail).toBeUndefined();
    expect(dropped.code).toBe("SQLITE_CONSTRAINT");
    // Any other error's message may repeat input (JSON.parse quotes what it could not read): left out.
    let parseError: unknown;
    try {
      JSON.parse("{13912345678");
    } catch (e) {
      parseError = e;
    }
    const other = faultLog(parseError);
    expect(other.error).toBe("SyntaxError");
    expect(JSON.stringify(other)).not.toContain("13912345678");
    // A message that makes itself look like frames stays out too: the stack is cut after the message.
    const sly = faultLog(new Error("x\n    at 13912345678 (file.ts:1:1)"));
    expect(JSON.stringify(sly)).not.toContain("13912345678");
    expect(sly.stack).toMatch(/^at /);
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
