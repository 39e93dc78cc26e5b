import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant } from "../support/factories.ts";
import { world, type World } from "./factories.ts";
import { file, step } from "./helpers.ts";
import * as S from "./open311-schemas.ts";

const valid = (schema: object, data: unknown) => expect(S.open311Mismatch(schema, data)).toBeUndefined();
/** Against the Open311 project's published schema and our stricter transcription of the spec both. */
const validBoth = (published: object, strict: object, data: unknown) => {
  valid(published, data);
  valid(strict, data);
};

let t: TestApp;
let w: World;
let appKey: string;
beforeAll(async () => {
  t = await testApp();
  w = await world(t);
  appKey = (await w.county.key("app")).secret;
});
afterAll(() => t.close());
beforeEach(() => w.refresh());

const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of ([] as string[]).concat(v)) p.append(k, x);
  return p.toString();
};
const post = (fields: Record<string, string | string[]>, ext = "json") =>
  t.post(`/open311/v2/requests.${ext}`, form(fields), { headers: { "content-type": "application/x-www-form-urlencoded" } });

describe("Open311 GeoReport v2", () => {
  it("discovery, services and service definitions validate against the GeoReport v2 schemas", async () => {
    const discovery = await t.get("/open311/v2/discovery.json");
    expect(discovery.status).toBe(200);
    valid(S.discoverySchema, discovery.json);
    const services = await t.get(`/open311/v2/services.json?jurisdiction_id=${w.county.code}`);
    expect(services.status).toBe(200);
    validBoth(S.published.services, S.servicesSchema, services.json);
    const noise = services.json.find((s: any) => s.service_code === "noise");
    expect(noise).toMatchObject({ service_name: "噪音扰民", metadata: true, type: "realtime", group: "nuisance" });
    const en = await t.get(`/open311/v2/services.json?jurisdiction_id=${w.county.code}`, { headers: { "accept-language": "en-US,en;q=0.8" } });
    expect(en.json.find((s: any) => s.service_code === "noise").service_name).toBe("Noise nuisance");
    for (const s of services.json) {
      const def = await t.get(`/open311/v2/services/${s.service_code}.json?jurisdiction_id=${w.county.code}`);
      expect(def.status).toBe(200);
      validBoth(S.published.serviceDefinition, S.serviceDefinitionSchema, def.json);
    }
  });

  it("POST requests (form-encoded, api_key in the form) files a request a native client can follow", async () => {
    const res = await post({
      api_key: appKey,
      jurisdiction_id: w.county.code,
      service_code: "noise",
      lat: "35.2391",
      long: "110.1490",
      address_string: "合阳县城关街道金水社区3号楼",
      description: "深夜广场舞音响太大",
      "attribute[source]": "square_dance",
      "attribute[times][]": ["evening", "night"],
      first_name: "三",
      last_name: "李",
      phone: "13612345678",
      media_url: "https://img.example.com/1.jpg",
    });
    expect(res.status, res.text).toBe(201);
    valid(S.postServiceRequestSchema, res.json);
    const id = res.json[0].service_request_id;
    const native = await t.get(`/v1/requests/${id}`, { auth: w.dispatcher.token });
    expect(native.json).toMatchObject({
      channel: "open311",
      attributes: { source: "square_dance", times: ["evening", "night"] },
      reporter: { name: "李*", phone: "136****5678" },
      location: { lat: 35.2391, long: 110.149 },
    });

    const one = await t.get(`/open311/v2/requests/${id}.json?api_key=${appKey}&jurisdiction_id=${w.county.code}`);
    expect(one.status).toBe(200);
    validBoth(S.published.requests, S.serviceRequestsSchema, one.json);
    expect(one.json[0]).toMatchObject({ service_request_id: id, status: "open", service_name: "噪音扰民", media_url: "https://img.example.com/1.jpg" });
    expect(one.text).not.toContain("13612345678");

    const token = res.json[0].service_notice.split(" ").at(-1);
    const tokens = await t.get(`/open311/v2/tokens/${token}.json?api_key=${appKey}`);
    valid(S.tokensSchema, tokens.json);
    expect(tokens.json).toEqual([{ service_request_id: id, token }]);
  });

  it("a doorplate code as address_id places the request in its grid", async () => {
    const res = await post({ api_key: appKey, service_code: "blocked-drain", address_id: w.home.doorplateCode, "attribute[location_type]": "building" });
    expect(res.status, res.text).toBe(201);
    const native = await t.get(`/v1/requests/${res.json[0].service_request_id}`, { auth: w.dispatcher.token });
    expect(native.json.location).toMatchObject({ area_id: w.grid.id, address: w.home.address });
    const listed = await t.get(`/open311/v2/requests/${res.json[0].service_request_id}.json?api_key=${appKey}`);
    expect(listed.json[0].address_id).toBeNull(); // doorplate codes are never handed out
    // Nor the household's address the code filled in: the app gets it masked, the desk's integration in full.
    expect(listed.json[0].address).not.toBe(w.home.address);
    expect(listed.text).not.toContain(w.home.address);
    const integration = (await w.county.key("integration")).secret;
    const desk = await t.get(`/open311/v2/requests/${res.json[0].service_request_id}.json?api_key=${integration}`);
    expect(desk.json[0].address).toBe(w.home.address);
  });

  it("GET requests derives open/closed from the lifecycle and filters by status and service", async () => {
    const integration = (await w.county.key("integration")).secret;
    let r = await file(t, w.resident.token, { service_code: "corridor-clutter", area_id: w.grid.id });
    const before = await t.get(`/open311/v2/requests.json?api_key=${integration}&service_code=corridor-clutter&status=open`);
    validBoth(S.published.requests, S.serviceRequestsSchema, before.json);
    expect(before.json.map((x: any) => x.service_request_id)).toContain(r.id);
    r = await step(t, w.dispatcher.token, r, "dispatch");
    r = await step(t, w.urbanStaff.token, r, "accept");
    r = await step(t, w.urbanStaff.token, r, "resolve", { result: "已清理楼道杂物" });
    const closed = await t.get(`/open311/v2/requests.json?api_key=${integration}&service_code=corridor-clutter&status=closed`);
    validBoth(S.published.requests, S.serviceRequestsSchema, closed.json);
    expect(closed.json.find((x: any) => x.service_request_id === r.id)).toMatchObject({ status: "closed", status_notes: "已清理楼道杂物", agency_responsible: "城管局" });
    const open = await t.get(`/open311/v2/requests.json?api_key=${integration}&service_code=corridor-clutter&status=open`);
    expect(open.json.map((x: any) => x.service_request_id)).not.toContain(r.id);
    // An app key sees only what it filed itself.
    const mine = await t.get(`/open311/v2/requests.json?api_key=${appKey}`);
    expect(mine.json.map((x: any) => x.service_request_id)).not.toContain(r.id);
  });

  it("XML for every method, well-formed with the spec's element names", async () => {
    const services = await t.get(`/open311/v2/services.xml?jurisdiction_id=${w.county.code}`);
    expect(services.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(services.text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<services><service><service_code>/);
    const def = await t.get(`/open311/v2/services/noise.xml?jurisdiction_id=${w.county.code}`);
    expect(def.text).toContain("<service_definition><service_code>noise</service_code><attributes><attribute><variable>true</variable>");
    expect(def.text).toContain("<values><value><key>renovation</key><name>装修</name></value>");
    const created = await post({ api_key: appKey, service_code: "noise", address_string: "A & B <楼>", "attribute[source]": "shop" }, "xml");
    expect(created.status).toBe(201);
    const id = /<service_request_id>(req_[^<]+)<\/service_request_id>/.exec(created.text)![1];
    const one = await t.get(`/open311/v2/requests/${id}.xml?api_key=${appKey}`);
    expect(one.text).toContain("<service_requests><request><service_request_id>");
    expect(one.text).toContain("<address>A &amp; B &lt;楼&gt;</address>");
    const { validateXML } = await import("xmllint-wasm");
    for (const xml of [services.text, def.text, created.text, one.text]) {
      // Without a schema xmllint checks well-formedness only.
      const r = await validateXML({ xml: [{ fileName: "doc.xml", contents: xml }], normalization: "format" });
      expect(r.valid, JSON.stringify(r.errors)).toBe(true);
    }
  });

  it("errors use Open311's format in JSON and XML", async () => {
    const missing = await post({ api_key: appKey, service_code: "noise", "attribute[source]": "shop" });
    expect(missing.status).toBe(400);
    valid(S.errorsSchema, missing.json);
    const attr = await post({ api_key: appKey, service_code: "noise", lat: "35", long: "110", "attribute[source]": "spaceship" });
    valid(S.errorsSchema, attr.json);
    expect(attr.json[0].description).toBe("attribute[source]: expected one of the listed value keys");
    expect(attr.text).not.toContain("spaceship");
    const badKey = await t.get(`/open311/v2/requests.json?api_key=fq_nope_${"x".repeat(40)}`);
    expect(badKey.status).toBe(401);
    valid(S.errorsSchema, badKey.json);
    const noKey = await post({ service_code: "noise", lat: "35", long: "110" });
    expect(noKey.status).toBe(403);
    valid(S.errorsSchema, noKey.json);
    const noJur = await t.get("/open311/v2/services.json");
    expect(noJur.status).toBe(400);
    valid(S.errorsSchema, noJur.json);
    const unknownService = await t.get(`/open311/v2/services/teleport.xml?jurisdiction_id=${w.county.code}`);
    expect(unknownService.status).toBe(404);
    expect(unknownService.text).toMatch(/<errors><error><code>404<\/code><description>[^<]+<\/description><\/error><\/errors>$/);
  });

  it("jurisdictions never mix: another county's key cannot read or file here", async () => {
    const other = await tenant(t);
    const otherKey = (await other.key("integration")).secret;
    const res = await t.get(`/open311/v2/requests.json?api_key=${otherKey}&jurisdiction_id=${w.county.code}`);
    expect(res.status).toBe(404);
    valid(S.errorsSchema, res.json);
    const list = await t.get(`/open311/v2/requests.json?api_key=${otherKey}`);
    expect(list.json).toEqual([]);
  });
});
