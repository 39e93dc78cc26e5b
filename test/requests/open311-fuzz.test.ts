import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { world, type World } from "./factories.ts";
import { file } from "./helpers.ts";
import * as S from "./open311-schemas.ts";

/**
 * GeoReport v2 clients (FixMyStreet-style senders, 311 apps) send what they send: every Open311
 * endpoint, in JSON and XML, with generated query strings and form bodies — known fields with odd
 * values, unknown fields, repeated fields, missing ones. Never a 5xx; a JSON failure is Open311's
 * error array (validated against the project's schema); a JSON success validates against the Open311
 * project's published schema for its resource; an XML answer is XML.
 */


let t: TestApp;
let w: World;
let appKey: string;
let requestId: string;
beforeAll(async () => {
  t = await testApp();
  w = await world(t);
  appKey = (await w.county.key("app")).secret;
  requestId = (await file(t, w.resident.token, { service_code: "noise", attributes: { source: "shop" }, description: "噪音", location: { lat: 35.2, long: 110.1 } })).id;
});
afterAll(() => t.close());

const odd = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("", " ", "-1", "0", "1e999", "NaN", "91", "-181", "35.2391", "110.1491", "2026-13-45", "1970-01-01T00:00:00Z", "\u0000", "😀", "<x/>", "&amp;", "%", "a".repeat(3000)),
);
/**
 * A query or form: `base` (a valid one, for POST) with fields from Open311, the service, or nobody
 * set to a real or an odd value, added, or dropped.
 */
function fieldsArb(base: Record<string, string> = {}) {
  const real: Record<string, string> = {
    api_key: appKey,
    jurisdiction_id: w.county.code,
    service_code: "noise",
    service_request_id: requestId,
    "attribute[source]": "shop",
  };
  const names = ["api_key", "jurisdiction_id", "service_code", "lat", "long", "address_string", "address_id", "description", "email", "first_name", "last_name", "phone", "device_id", "account_id", "media_url", "attribute[source]", "attribute[]", "service_request_id", "status", "start_date", "end_date", "token", "x"];
  const change = fc.tuple(fc.constantFrom(...names), fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: odd }), fc.constantFrom("set", "add", "drop"));
  return fc.array(change, { maxLength: 6 }).map((changes) => {
    const p = new URLSearchParams(base);
    for (const [k, v, how] of changes) {
      if (how === "drop") p.delete(k);
      else if (how === "add") p.append(k, v ?? real[k] ?? "");
      else p.set(k, v ?? real[k] ?? "");
    }
    return p.toString();
  });
}

const validPost = () => ({ api_key: appKey, jurisdiction_id: w.county.code, service_code: "noise", lat: "35.2391", long: "110.1491", "attribute[source]": "shop", description: "楼下商铺噪音" });

const paths = () => [
  "discovery",
  "services",
  "services/noise",
  "services/nope",
  "requests",
  `requests/${requestId}`,
  "requests/req_nothing",
  "tokens/tok_nothing",
];

/** The published schema a JSON success of a GET path must satisfy (discovery and tokens have none). */
function publishedFor(url: string): object | undefined {
  const path = new URL(url, "http://x").pathname.replace(/^\/open311\/v2\/|\.json$/g, "");
  if (path === "services") return S.published.services;
  if (path.startsWith("services/")) return S.published.serviceDefinition;
  if (path === "requests" || path.startsWith("requests/")) return S.published.requests;
  return undefined;
}

/** Statuses answered, by method: the generated inputs must reach success as well as refusal. */
const seen = { GET: new Set<number>(), POST: new Set<number>() };

async function check(method: "GET" | "POST", url: string, body: string | undefined) {
  const res = await t.request(method, url, body === undefined ? {} : { body, headers: { "content-type": "application/x-www-form-urlencoded" } });
  seen[method].add(res.status);
  const where = `${method} ${url} ${body ?? ""}`.slice(0, 400);
  expect(res.status, `${where} → ${res.status} ${res.text.slice(0, 200)}`).toBeLessThan(500);
  if (url.includes(".xml")) {
    expect(res.headers.get("content-type") ?? "", where).toMatch(/xml/);
    expect(res.text.startsWith("<?xml"), where).toBe(true);
  } else if (res.status >= 400) {
    expect(S.open311Mismatch(S.errorsSchema, res.json), `${where}: ${res.text.slice(0, 200)}`).toBeUndefined();
  } else if (method === "GET") {
    const schema = publishedFor(url);
    if (schema) expect(S.open311Mismatch(schema, res.json), `${where}: ${res.text.slice(0, 200)}`).toBeUndefined();
  }
}

describe("Open311 under whatever clients send", () => {
  it("GET of every resource, JSON and XML, with generated query strings", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths()), fc.constantFrom("json", "xml"), fieldsArb({ jurisdiction_id: w.county.code }), (path, ext, query) => check("GET", `/open311/v2/${path}.${ext}?${query}`, undefined)),
      { numRuns: 300, seed: 20261122 },
    );
    expect([...seen.GET].some((s) => s === 200) && [...seen.GET].some((s) => s >= 400)).toBe(true);
  });

  it("POST requests, JSON and XML, with generated form bodies", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("json", "xml"), fieldsArb(validPost()), (ext, form) => check("POST", `/open311/v2/requests.${ext}`, form)),
      { numRuns: 300, seed: 20261122 },
    );
    expect([...seen.POST].some((s) => s === 201 || s === 200) && [...seen.POST].some((s) => s >= 400)).toBe(true);
  });
});
