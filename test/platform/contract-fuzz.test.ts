import type { InArgs, InStatement, ResultSet } from "@libsql/client";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { testApp } from "../support/app.ts";
import { responseValidator } from "../support/response-schema.ts";
import { arbitrary, contractStrings, fuzzArbitrary, keysIn, resolve, stringsIn, tamper, toJsonText, type Schema } from "../support/schema-arbitrary.ts";
import { fuzzWorld, idsFor, png, type FuzzWorld } from "./fuzz-world.ts";

/**
 * Contract-driven fuzzing: every operation in the served OpenAPI document, called by an admin key,
 * staff (a dispatcher, an officer), a resident and a volunteer, with real ids in the path and
 * bodies and query strings generated from its schemas. route-security.test.ts proves junk is
 * refused; this gets past the validators into the services, where a 5xx means a bug.
 *
 * `npm test` runs one fixed seed, so a red run always reproduces and CI never turns red by chance;
 * FUZZ_SEED=random explores new inputs, FUZZ_SEED=<seed> replays a failure's seed (printed with it); FUZZ_RUNS=300 hunts longer;
 * FUZZ_REPORT=1 lists the operations no call got through, where seeds or hints are missing.
 */

type Param = { name: string; in: "path" | "query" | "header"; required?: boolean; schema: Schema; explode?: boolean };
type Operation = { id: string; method: string; path: string; params: Param[]; body?: { type: string; schema: Schema } };
type Input = { path: Record<string, string>; query: Record<string, unknown>; headers: Record<string, string | undefined>; body: unknown; idempotencyKey?: string };
type Caller = keyof FuzzWorld["callers"];

/** Runs per operation and caller for an input of about five fields; FUZZ_RUNS=300 for a long hunt. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
const SEED = process.env.FUZZ_SEED === "random" ? undefined : Number(process.env.FUZZ_SEED ?? 20261122);
/** Strings this long are specific enough that finding one in an error means the input was echoed. */
const ECHO_MIN = 12;

const t = await testApp();
const doc = (await t.get("/openapi.json")).json;
const operations: Operation[] = Object.entries<Record<string, any>>(doc.paths).flatMap(([path, item]) =>
  ["get", "put", "post", "patch", "delete"]
    .filter((m) => item[m])
    .map((m) => {
      const op = item[m];
      const [type, media] = Object.entries<{ schema: Schema }>(op.requestBody?.content ?? {})[0] ?? [];
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: Param) => ({ ...p, schema: resolve(p.schema ?? {}, doc) }));
      return { id: op.operationId, method: m.toUpperCase(), path, params, ...(type ? { body: { type, schema: media!.schema } } : {}) };
    }),
);

const conforms = responseValidator(doc);
let w: FuzzWorld;
let vocabulary: Set<string>;
beforeAll(async () => {
  w = await fuzzWorld(t);
  vocabulary = new Set([...contractStrings(doc), ...stringsIn(w.hints), ...stringsIn(w.pathIds), ...stringsIn(w.seeds)]);
}, 30_000);
/** Statuses answered, by operation: an operation that is only ever refused is barely tested. */
const answered = new Map<string, Record<number, number>>();
afterAll(() => {
  if (process.env.FUZZ_REPORT) {
    const refused = [...answered].filter(([, by]) => Object.keys(by).every((s) => Number(s) >= 400));
    console.log(`Operations no call got through (${refused.length}):\n${refused.map(([id, by]) => `  ${id} ${JSON.stringify(by)}`).join("\n")}`);
  }
  return t.close();
});

/** What the schema arbitraries need: the document, real values by name, the app's clock. */
const generating = () => ({ document: doc, hints: (n: string) => w.hints[n], now: t.clock.now() });

/** A real object's id nine times in ten (per operation, else by the segment before it), else a made-up one. */
function pathArb(op: Operation, p: Param): fc.Arbitrary<string> {
  const real = idsFor(w, op, p.name);
  const madeUp = String(p.schema.example ?? "zz_01jf8z3m2ke5qb0x4n3c1w9v7t");
  return real.length ? fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: fc.constant(madeUp) }) : fc.constant(madeUp);
}

/** Header values must be visible ASCII to be sent at all: hints, or printable junk. */
function headerArb(p: Param): fc.Arbitrary<string | undefined> {
  const hinted = (w.hints[p.name] ?? []).filter((v): v is string => typeof v === "string");
  const junk = fc.string({ unit: "grapheme-ascii", maxLength: 40 });
  const value = hinted.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...hinted) }, { weight: 1, arbitrary: junk }) : junk;
  return p.required ? value : fc.option(value, { nil: undefined, freq: 5 });
}

/** RFC 4180 rows of hinted and generated cells, sometimes quoted, under the documented header. */
function csvArb(): fc.Arbitrary<unknown> {
  const cell = (name: string, maxLength: number) => arbitrary({ type: "string", maxLength }, { ...generating(), name, depth: 0 });
  const coords = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(["", ""], ["35.2372", "110.1491"], ["-90", "-180"], ["90.0", "180.000000"]) }, { weight: 1, arbitrary: fc.tuple(cell("lat", 12), cell("lng", 12)) });
  const row = fc.tuple(cell("address", 200), cell("grid_id", 64), coords, fc.oneof(fc.constant(""), cell("external_ref", 64))).map(([a, g, [lat, lng], ref]) => [a, g, lat, lng, ref]);
  return fc.record({ csv: fc.array(fc.tuple(row, fc.boolean()), { minLength: 1, maxLength: 4 }) });
}

const renderCsv = (rows: [string[], boolean][]) =>
  ["address,grid,lat,lng,external_ref", ...rows.map(([cells, quote]) => cells.map((c) => (quote || /[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(","))].join("\r\n");

function bodyArb(op: Operation): fc.Arbitrary<unknown> {
  if (!op.body) return fc.constant(undefined);
  if (op.body.type === "application/json") return fuzzArbitrary(op.body.schema, { ...generating(), seeds: w.seeds[op.id] });
  if (op.body.type === "text/csv") return csvArb();
  return fc.constant(undefined);
}

/** Each optional parameter in one query of three, so that most queries are valid as a whole. */
function queryArb(params: Param[]): fc.Arbitrary<Record<string, unknown>> {
  const value = (p: Param) => arbitrary(p.schema, { ...generating(), name: p.name, depth: 1 });
  const model = Object.fromEntries(params.map((p) => [p.name, p.required ? value(p) : fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value(p) })]));
  const valid = fc.record(model).map((q) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)));
  return fc.oneof({ weight: 9, arbitrary: valid }, { weight: 1, arbitrary: tamper(valid, { keepRoot: true }) }) as fc.Arbitrary<Record<string, unknown>>;
}

function inputArb(op: Operation): fc.Arbitrary<Input> {
  const of = (where: Param["in"]) => op.params.filter((p) => p.in === where);
  return fc.record({
    path: fc.record(Object.fromEntries(of("path").map((p) => [p.name, pathArb(op, p)]))),
    query: queryArb(of("query")),
    headers: fc.record(Object.fromEntries(of("header").map((p) => [p.name, headerArb(p)]))),
    body: bodyArb(op),
    // A retried key with another body or route must be refused cleanly, not half-applied.
    idempotencyKey: op.method === "POST" ? fc.oneof({ weight: 15, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom("fuzz-retry-1", "fuzz-retry-2") }) : fc.constant(undefined),
  });
}

const queryValue = (v: unknown): string => (typeof v === "number" && Object.is(v, -0) ? "-0" : v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));

function urlOf(op: Operation, input: Input): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(input.path[name]!));
  const qs = new URLSearchParams();
  for (const [name, v] of Object.entries(input.query)) {
    if (v === undefined) continue;
    const explode = op.params.find((p) => p.name === name)?.explode !== false;
    if (Array.isArray(v) && explode) v.forEach((x) => qs.append(name, queryValue(x)));
    else qs.append(name, Array.isArray(v) ? v.map(queryValue).join(",") : queryValue(v));
  }
  const q = qs.toString();
  return q ? `${path}?${q}` : path;
}

function requestBody(op: Operation, input: Input): { body?: string | Uint8Array | FormData; type?: string } {
  const type = op.body?.type;
  switch (type) {
    case undefined:
      return {};
    case "application/json":
      return { body: toJsonText(input.body), type: "application/json" };
    case "text/csv":
      return { body: renderCsv((input.body as { csv: [string[], boolean][] }).csv), type: "text/csv" };
    case "multipart/form-data": {
      const form = new FormData();
      form.append("photo", new File([png()], "photo.png", { type: "image/png" }));
      return { body: form };
    }
    default:
      // image/*: the same PNG under each declared type, since the routes judge an image by its bytes.
      return { body: png(), type };
  }
}

/** Maximal-length strings do not shrink: keep messages readable. */
const clip = (s: string, max = 600) => (s.length > max ? `${s.slice(0, max)}… (${s.length} chars)` : s);

/** A string of the input, a value or an object key, that the problem repeats, if any. */
function echoed(problem: Record<string, unknown>, input: Input): string | undefined {
  // A pointer names where, so it may repeat the caller's own keys; anything else in it is an echo.
  const keys = keysIn([input.body, input.query]);
  const inPointer = new Set(keys);
  const unescape = (seg: string) => seg.replaceAll("~1", "/").replaceAll("~0", "~");
  const errors = Array.isArray(problem.errors)
    ? problem.errors.map((e: { pointer?: string }) => ({ ...e, pointer: String(e.pointer).split("/").map(unescape).filter((k) => !inPointer.has(k)) }))
    : problem.errors;
  const said = stringsIn({ ...problem, errors });
  // Keys count too (an unknown field quoted back in a detail is an echo); the contract's own
  // property names are vocabulary (contractStrings), which an error may list as what is accepted.
  return [...stringsIn([input.body, input.query]), ...keys].find((s) => s.length >= ECHO_MIN && !vocabulary.has(s) && said.some((x) => x.includes(s)));
}

/**
 * Rows the app has written and committed: its client counts them, a statement at a time or a batch
 * once it commits (a batch that fails rolls back, so what it had written counts for nothing).
 */
let committed = 0;
{
  const client = t.deps.client;
  const sqlOf = (s: InStatement | string) => (typeof s === "string" ? s : s.sql);
  const written = (s: InStatement | string, r: ResultSet) => (/^\s*(insert|update|delete|replace)\b/i.test(sqlOf(s)) ? r.rowsAffected || r.rows.length : 0);
  const execute = client.execute.bind(client);
  const batch = client.batch.bind(client);
  client.execute = (async (s: InStatement | string, args?: InArgs) => {
    const r = typeof s === "string" ? await execute(s, args) : await execute(s);
    committed += written(s, r);
    return r;
  }) as typeof client.execute;
  client.batch = async (stmts, mode) => {
    const rs = await batch(stmts, mode);
    rs.forEach((r, i) => (committed += written(stmts[i] as InStatement, r)));
    return rs;
  };
}

async function callAndCheck(op: Operation, caller: Caller, input: Input) {
  const url = urlOf(op, input);
  const { body, type } = requestBody(op, input);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers)) if (v !== undefined) headers[k] = v;
  if (type) headers["content-type"] = type;
  if (input.idempotencyKey) headers["idempotency-key"] = input.idempotencyKey;
  const logged = t.logs.length;
  const changesBefore = committed;
  const res = await t.request(op.method, url, { auth: w.callers[caller], body, headers });
  const by = answered.get(op.id) ?? {};
  answered.set(op.id, { ...by, [res.status]: (by[res.status] ?? 0) + 1 });

  const fail = (why: string) => {
    const faults = t.logs.slice(logged).filter((l) => l.msg === "unhandled");
    throw new Error(
      [
        `${op.id} as ${caller}: ${why}`,
        `${op.method} ${url} ${JSON.stringify(headers)}`,
        `body: ${typeof body === "string" ? clip(body) : body ? "(binary)" : "(none)"}`,
        `answer: ${res.status} ${res.headers.get("content-type")} ${clip(res.text)}`,
        ...faults.map((e) => `server log: ${e.stack ?? e.error}`),
      ].join("\n"),
    );
  };
  if (res.status >= 500) fail(`answered ${res.status}`);
  if (res.status >= 200 && res.status < 300 && (res.headers.get("content-type") ?? "").startsWith("application/json")) {
    // The answer is what the contract (and so the SDK's types) says it is.
    const wrongShape = conforms(op.path, op.method, res.status, "application/json", res.json);
    if (wrongShape) fail(`an answer outside the contract: ${wrongShape}`);
  }
  if (res.status === 201 && res.headers.get("location")) {
    // What a caller has just made, it can read back where the answer says it is.
    const back = await t.get(res.headers.get("location")!, { auth: w.callers[caller] });
    if (back.status !== 200) fail(`created, but ${res.headers.get("location")} answers ${back.status}`);
  }
  if (res.status < 400) return;
  // Nothing half-written: a refused call changed no row (a sent Idempotency-Key keeps its refusal, by design).
  if (!input.idempotencyKey && committed !== changesBefore) fail("a refused call changed rows");
  if (res.headers.get("content-type") !== "application/problem+json") fail("an error that is not application/problem+json");
  const p = res.json;
  if (typeof p?.type !== "string" || typeof p?.title !== "string" || p?.status !== res.status) fail("a problem without type, title and a matching status");
  const undocumented = conforms(op.path, op.method, res.status, "application/problem+json", p);
  if (undocumented) fail(`a problem outside the contract: ${undocumented}`);
  const repeated = echoed(p, input);
  if (repeated !== undefined) fail(`the error repeats the input ${clip(JSON.stringify(repeated))}`);
}

/**
 * The budget follows the size of the input space: fields in the body plus parameters other than
 * the path. An operation with none only varies in which real object it addresses.
 */
function runsFor(op: Operation): number {
  const body = op.body?.type === "application/json" ? Object.keys(resolve(op.body.schema, doc).properties ?? {}).length || 1 : op.body?.type === "text/csv" ? 5 : 0;
  const size = body + op.params.filter((p) => p.in !== "path").length;
  return size === 0 ? 3 : Math.round(RUNS * Math.min(2, Math.max(0.5, size / 5)));
}

describe("every operation in the contract, fuzzed from its schemas", () => {
  it.for(operations.map((op) => [op.id, op] as const))("%s", async ([, op]) => {
    for (const caller of Object.keys(w.callers) as Caller[]) {
      await fc.assert(
        fc.asyncProperty(inputArb(op), (input) => callAndCheck(op, caller, input)),
        { numRuns: runsFor(op), ...(SEED === undefined ? {} : { seed: SEED }) },
      );
    }
  });
});
