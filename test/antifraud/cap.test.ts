import { readFileSync } from "node:fs";
import { validateXML } from "xmllint-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { alertBody, areaTree, publishedAlert, staff, type Tree } from "./factories.ts";

/** The OASIS CAP 1.2 schema, the normative CAP-v1.2.xsd exactly as OASIS publishes it (OASIS Standard, 1 July 2010). */
const CAP_XSD = readFileSync(new URL("./CAP-v1.2.xsd", import.meta.url), "utf8");

async function assertValidCap(xml: string) {
  const result = await validateXML({ xml: [{ fileName: "alert.xml", contents: xml }], schema: [{ fileName: "CAP-v1.2.xsd", contents: CAP_XSD }] });
  expect(result.errors.map((e) => e.message)).toEqual([]);
  expect(result.valid).toBe(true);
}

async function wellFormed(xml: string) {
  // xmllint's --format pass parses the document; any syntax error shows up in `errors`.
  const result = await validateXML({ xml: [{ fileName: "doc.xml", contents: xml }], normalization: "format" });
  expect(result.errors.map((e) => e.message)).toEqual([]);
}

const tag = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, "g"))].map((m) => m[1]);

let t: TestApp;
let county: Tenant;
let tree: Tree;
let dispatcher: { token: string };

beforeAll(async () => {
  t = await testApp({ PUBLIC_BASE_URL: "https://fq.example.gov.cn" });
  county = await tenant(t, "jinsha");
  tree = await areaTree(t, county.id);
  dispatcher = await staff(t, county, "dispatcher");
});
afterAll(() => t.close());

describe("CAP 1.2", () => {
  it("the schema in this suite rejects what CAP forbids", async () => {
    const bad = `<?xml version="1.0"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</identifier><sender>s</sender><sent>2026-03-02T09:00:00Z</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope></alert>`;
    const result = await validateXML({ xml: [{ fileName: "bad.xml", contents: bad }], schema: [{ fileName: "CAP-v1.2.xsd", contents: CAP_XSD }] });
    expect(result.valid).toBe(false); // "Z" is not allowed in CAP times
  });

  it("an alert with English text and media is valid CAP, public, in local time", async () => {
    const a = await publishedAlert(t, dispatcher.token, {
      area_ids: [tree.a1.id, tree.county.id],
      title_en: "Beware of fake police asking for transfers",
      body_en: "Police never ask you to move money to a 'safe account'.",
      media: [{ url: "https://fq.example.gov.cn/media/a.mp4", mime_type: "video/mp4", description: "反诈短片" }],
      expires_at: "2026-03-09T01:00:00Z",
    });
    const res = await t.get(`/v1/alerts/${a.id}/cap.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/cap\+xml/);
    await assertValidCap(res.text);
    expect(tag(res.text, "identifier")).toEqual([a.id]);
    expect(tag(res.text, "sender")).toEqual(["jinsha@fq.example.gov.cn"]);
    expect(tag(res.text, "sent")).toEqual(["2026-03-02T09:00:00+08:00"]);
    expect(tag(res.text, "msgType")).toEqual(["Alert"]);
    expect(tag(res.text, "scope")).toEqual(["Public"]);
    expect(tag(res.text, "language")).toEqual(["zh-CN", "en-US"]);
    expect(tag(res.text, "category")).toEqual(["Security", "Security"]);
    expect(tag(res.text, "expires")[0]).toBe("2026-03-09T09:00:00+08:00");
    expect(tag(res.text, "areaDesc")).toEqual(expect.arrayContaining(["桃园社区", "金沙县"]));
    expect(tag(res.text, "mimeType")).toEqual(["video/mp4", "video/mp4"]);
  });

  it("every kind of alert is valid CAP under the category CAP 1.2 gives its subject", async () => {
    // Written out from CAP 1.2's category list, apart from the implementation's table.
    const expected = {
      fraud_warning: "Security",
      typical_case: "Security",
      drug_prevention: "Health",
      traffic_safety: "Transport",
      missing_person: "Rescue",
      public_safety: "Safety",
    };
    for (const [kind, category] of Object.entries(expected)) {
      const a = await publishedAlert(t, dispatcher.token, { area_ids: [tree.a1.id], kind });
      const xml = (await t.get(`/v1/alerts/${a.id}/cap.xml`)).text;
      await assertValidCap(xml);
      expect(tag(xml, "category"), kind).toEqual([category]);
      expect(xml, kind).toContain(`<valueName>fengqiao:kind</valueName><value>${kind}</value>`);
    }
  });

  it("an Update and a Cancel reference every earlier message", async () => {
    const v1 = await publishedAlert(t, dispatcher.token, { area_ids: [tree.a2.id], kind: "missing_person", urgency: "Immediate" });
    t.clock.advance(60_000);
    const v2 = (await t.post(`/v1/alerts/${v1.id}/update`, { body_zh: "补充：身穿蓝色外套" }, { auth: dispatcher.token })).json;
    t.clock.advance(60_000);
    const v3 = (await t.post(`/v1/alerts/${v2.id}/cancel`, { note: "老人已找到" }, { auth: dispatcher.token })).json;

    const update = (await t.get(`/v1/alerts/${v2.id}/cap.xml`)).text;
    await assertValidCap(update);
    expect(tag(update, "msgType")).toEqual(["Update"]);
    expect(tag(update, "references")).toEqual([`jinsha@fq.example.gov.cn,${v1.id},2026-03-02T09:00:00+08:00`]);
    expect(tag(update, "category")).toEqual(["Rescue"]);

    const cancel = (await t.get(`/v1/alerts/${v3.id}/cap.xml`)).text;
    await assertValidCap(cancel);
    expect(tag(cancel, "msgType")).toEqual(["Cancel"]);
    expect(tag(cancel, "note")).toEqual(["老人已找到"]);
    expect(tag(cancel, "references")[0]!.split(" ")).toEqual([
      `jinsha@fq.example.gov.cn,${v1.id},2026-03-02T09:00:00+08:00`,
      `jinsha@fq.example.gov.cn,${v2.id},2026-03-02T09:01:00+08:00`,
    ]);
  });

  it("escapes what residents and staff type", async () => {
    const a = await publishedAlert(t, dispatcher.token, {
      whole_jurisdiction: true,
      title_zh: `<script>alert("x")</script> & 骗子说“转账到安全账户”`,
      body_zh: "]]> <!-- & ' \u0007 控制字符",
    });
    const xml = (await t.get(`/v1/alerts/${a.id}/cap.xml`)).text;
    await assertValidCap(xml);
    expect(xml).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 骗子说");
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("\u0007");
  });

  it("a draft is not public, but its author can preview it as a CAP Draft", async () => {
    const draft = await t.post("/v1/alerts", alertBody({ area_ids: [tree.b1.id] }), { auth: dispatcher.token });
    expect((await t.get(`/v1/alerts/${draft.json.id}/cap.xml`)).status).toBe(404);
    const preview = await t.get(`/v1/alerts/${draft.json.id}/cap.xml`, { auth: dispatcher.token });
    expect(preview.status).toBe(200);
    await assertValidCap(preview.text);
    expect(tag(preview.text, "status")).toEqual(["Draft"]);
  });
});

describe("Atom feed per area", () => {
  it("lists the active alerts around an area, each a valid embedded CAP message, and recent cancellations", async () => {
    const town = await publishedAlert(t, dispatcher.token, { area_ids: [tree.townB.id], title_zh: "岩孔街道提示" });
    const grid = await publishedAlert(t, dispatcher.token, { area_ids: [tree.b1a.id], title_zh: "网格提示" });
    const other = await publishedAlert(t, dispatcher.token, { area_ids: [tree.a1.id], title_zh: "别处" });
    const gone = await publishedAlert(t, dispatcher.token, { area_ids: [tree.b1.id], title_zh: "已撤销的" });
    const cancel = (await t.post(`/v1/alerts/${gone.id}/cancel`, {}, { auth: dispatcher.token })).json;

    const res = await t.get(`/v1/areas/${tree.b1.id}/alerts.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/atom\+xml/);
    await wellFormed(res.text);
    const entries = [...res.text.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1]!);
    const identifiers = entries.map((e) => tag(e, "identifier")[0]);
    expect(identifiers).toEqual(expect.arrayContaining([town.id, grid.id, cancel.id]));
    expect(identifiers).not.toContain(other.id);
    expect(identifiers).not.toContain(gone.id);
    for (const e of entries) {
      const cap = /<content type="application\/cap\+xml">([\s\S]*)<\/content>/.exec(e)![1]!;
      await assertValidCap(`<?xml version="1.0" encoding="UTF-8"?>\n${cap}`);
    }
    expect(res.text).toContain(`href="https://fq.example.gov.cn/v1/alerts/${town.id}/cap.xml"`);

    // A kiosk's view: only what covers the area itself, not what is aimed at grids inside it.
    const covering = (await t.get(`/v1/areas/${tree.b1.id}/alerts.atom?include_descendants=false`)).text;
    expect(covering).toContain(town.id);
    expect(covering).not.toContain(`<identifier>${grid.id}</identifier>`);

    t.clock.advance(25 * 3_600_000);
    const later = (await t.get(`/v1/areas/${tree.b1.id}/alerts.atom`)).text;
    expect(later).not.toContain(`<identifier>${cancel.id}</identifier>`);
  });

  it("404s for an unknown area", async () => {
    expect((await t.get("/v1/areas/area_unknown/alerts.atom")).status).toBe(404);
  });
});
