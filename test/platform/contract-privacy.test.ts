import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../support/app.ts";
import { fuzzWorld, idsFor, knownGoodBody, type FuzzWorld } from "./fuzz-world.ts";

/**
 * Privacy over the whole contract rather than route by route, so routes added later are covered
 * as they appear in the served OpenAPI document. Two counties with one of everything each
 * (fuzz-world.ts):
 * - nothing crosses jurisdictions: county B's callers, with A's ids in paths and A's bodies (which
 *   name A's areas, tasks, requests…), never succeed on A's objects, and nothing B is answered —
 *   lists included — contains any of A's ids;
 * - within a county, a neighbour and another volunteer reach nothing a resident or volunteer owns;
 * - no answer but an explicit reveal carries a phone number or a full name in the clear.
 *
 * Public operations (doorplate scans, CAP and Atom feeds, number checks) take public identifiers
 * by design and are left out.
 */

type Op = { id: string; method: string; path: string; secured: boolean; body?: string };

const t = await testApp();
const doc = (await t.get("/openapi.json")).json;
const ops: Op[] = Object.entries<Record<string, any>>(doc.paths).flatMap(([path, item]) =>
  Object.entries<any>(item).map(([method, op]) => ({
    id: op.operationId as string,
    method: method.toUpperCase(),
    path,
    secured: (op.security ?? []).length > 0,
    body: Object.keys(op.requestBody?.content ?? {})[0],
  })),
);

let a: FuzzWorld;
let b: FuzzWorld;
/** Every id (and doorplate or tracking code) that names one of A's objects. */
let aIds: string[];
beforeAll(async () => {
  a = await fuzzWorld(t);
  b = await fuzzWorld(t);
  // Prefixed ids (req_…, area_…), and the codes that name one object: doorplates and tracking codes.
  const named = (v: unknown) => typeof v === "string" && /^[a-z]+_[0-9a-z]{20,}$/.test(v);
  const codes = [...a.pathIds["doorplates/{code}"]!, ...a.pathIds["requests/{id}"]!.filter((v) => !named(v))];
  aIds = [...new Set([...Object.values(a.pathIds).flat(), ...Object.values(a.hints).flat()].filter(named).concat(codes) as string[])];
}, 60_000);
afterAll(() => t.close());

/** A's ids for each path parameter of `op`, looked up as the fuzz looks them up. */
function aPaths(op: Op): string[] {
  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  if (names.length === 0) return [];
  const choices = names.map((name) => idsFor(a, op, name));
  if (choices.some((c) => c.length === 0)) return [];
  // Every id of the last parameter, the first of the others: enough to name each kind of object.
  const last = choices.length - 1;
  const paths = choices[last]!.map((id) => {
    let i = 0;
    return op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(i++ === last ? id : choices[i - 1]![0]!));
  });
  // Service codes are names inside a county (B has its own `noise`): a path must name one of A's objects.
  return paths.filter((p) => aIds.some((id) => p.includes(encodeURIComponent(id))));
}

/** A's ids in an answer that B did not send itself (a 404's `instance` repeats the path asked for). */
const leaked = (text: string, sent: string) => aIds.filter((id) => text.includes(id) && !sent.includes(encodeURIComponent(id)) && !sent.includes(id));
const sentText = (path: string, body: unknown) => path + (body === undefined || body instanceof FormData || body instanceof Uint8Array ? "" : JSON.stringify(body));

describe("another jurisdiction's callers, over every operation", () => {
  it("never act on A's objects: each operation with A's ids in its path is refused", async () => {
    let calls = 0;
    const wrong: string[] = [];
    for (const op of ops.filter((o) => o.secured)) {
      for (const path of aPaths(op)) {
        for (const [caller, auth] of Object.entries(b.callers)) {
          const { body, headers } = knownGoodBody(a, op);
          const res = await t.request(op.method, path, { auth, body, headers });
          calls++;
          const seen = leaked(res.text, sentText(path, body));
          if (res.status < 400 || seen.length) wrong.push(`${op.id} ${op.method} ${path} as B's ${caller}: ${res.status} ${res.text.slice(0, 200)}`);
        }
      }
    }
    // All at once: one run shows every route that lets another county through.
    expect(wrong).toEqual([]);
    // The world names an object for nearly every path: a lookup gone wrong must not empty the test.
    expect(calls).toBeGreaterThan(400);
  });

  it("never see A's objects: whatever B is answered, with A's ids in its bodies or not, names none of them", async () => {
    let succeeded = 0;
    for (const op of ops.filter((o) => o.secured && !o.path.includes("{"))) {
      for (const [caller, auth] of Object.entries(b.callers)) {
        const { body, headers } = knownGoodBody(a, op);
        const res = await t.request(op.method, op.path, { auth, body, headers });
        expect(res.status, `${op.id} as B's ${caller}`).toBeLessThan(500);
        expect(leaked(res.text, sentText(op.path, body)), `${op.id} as B's ${caller}: ${res.text.slice(0, 300)}`).toEqual([]);
        if (res.status < 300) succeeded++;
      }
    }
    // Lists and B's own writes do answer: the check above ran over real answers, not only refusals.
    expect(succeeded).toBeGreaterThan(40);
  });

  it("within a county, a resident and a volunteer never reach another's requests, reports, sign-ups, leads or points", async () => {
    const mine = new Set(a.owned);
    const wrong: string[] = [];
    let calls = 0;
    // The leaderboard is the county's honour roll (月例会, 年终评优): every volunteer is on it, by id and masked name.
    const public_ = new Set(["getVolunteerLeaderboard"]);
    for (const op of ops.filter((o) => o.secured && !public_.has(o.id))) {
      const paths = op.path.includes("{") ? aPaths(op).filter((p) => [...mine].some((id) => p.includes(encodeURIComponent(id)))) : [op.path];
      for (const path of paths) {
        for (const [who, auth] of Object.entries(a.strangers)) {
          const { body, headers } = knownGoodBody(a, op);
          const res = await t.request(op.method, path, { auth, body, headers });
          calls++;
          const seen = [...mine].filter((id) => res.text.includes(id) && !sentText(path, body).includes(id));
          if ((path !== op.path && res.status < 400) || seen.length) wrong.push(`${op.id} ${op.method} ${path} as another ${who}: ${res.status} ${res.text.slice(0, 200)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(calls).toBeGreaterThan(200);
  });

  it("no answer but a reveal carries a phone number or a full name in the clear, whoever asks", async () => {
    // The personal data the world was built with: residents', dispute parties', an intervention's victim.
    const personal = ["13812345678", "13900001111", "13955556666", "13700001111", "张三丰", "王五", "赵四"];
    const wrong: string[] = [];
    for (const op of ops.filter((o) => o.secured && o.method === "GET" && !/reveal/i.test(o.id))) {
      for (const path of op.path.includes("{") ? aPaths(op) : [op.path]) {
        for (const [who, auth] of Object.entries(a.callers)) {
          const res = await t.get(path, { auth });
          const clear = personal.filter((p) => res.text.includes(p));
          if (clear.length) wrong.push(`${op.id} ${path} as ${who}: ${clear.join(", ")}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("a household's doorplate code reaches admins only, and its full address staff only, whoever else asks", async () => {
    // The plate's code (the household's credential at the door) and the address it fills into the
    // requests and disputes filed with it.
    const codes = a.pathIds["doorplates/{code}"]!.slice(0, 1);
    const address = "城关街道金水社区6号楼";
    const wrong: string[] = [];
    let calls = 0;
    for (const op of ops.filter((o) => o.secured && o.method === "GET" && !/reveal/i.test(o.id))) {
      for (const path of op.path.includes("{") ? aPaths(op) : [op.path]) {
        for (const [who, auth] of Object.entries(a.callers)) {
          if (who === "admin") continue;
          const res = await t.get(path, { auth });
          calls++;
          const code = codes.filter((c) => res.text.toLowerCase().includes(c.toLowerCase()) && !path.toLowerCase().includes(c.toLowerCase()));
          if (code.length) wrong.push(`${op.id} ${path} as ${who}: a doorplate code`);
          if ((who === "resident" || who === "volunteer") && res.text.includes(address)) wrong.push(`${op.id} ${path} as ${who}: the household's address`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(calls).toBeGreaterThan(100);
    // Admins do get the code: they print the plates.
    expect((await t.get("/v1/households?limit=100", { auth: a.callers.admin })).text).toContain(codes[0]);
  });

  it("the log never carries them either, even when they are revealed", async () => {
    const reveals = ops.filter((o) => o.secured && /reveal/i.test(o.id));
    let revealed = 0;
    for (const op of reveals) {
      for (const path of aPaths(op)) {
        const res = await t.request(op.method, path, { auth: a.callers.admin });
        if (res.status === 200) revealed++;
      }
    }
    expect(revealed).toBeGreaterThan(2);
    const personal = ["13812345678", "13900001111", "13955556666", "13700001111", "张三丰", "王五", "赵四"];
    // Every call above wrote its access-log line: the check runs over real lines.
    expect(t.logs.length).toBeGreaterThan(500);
    const lines = JSON.stringify(t.logs);
    expect(personal.filter((p) => lines.includes(p))).toEqual([]);
  });

  it("A itself reaches its objects through the same paths (the ids above are live)", async () => {
    const reads = ops.filter((o) => o.secured && o.method === "GET" && o.path.includes("{"));
    let found = 0;
    for (const op of reads) for (const path of aPaths(op)) if ((await t.get(path, { auth: a.callers.admin })).status === 200) found++;
    expect(found).toBeGreaterThan(30);
  });
});
