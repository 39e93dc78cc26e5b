import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant } from "../support/factories.ts";
import { world, type World } from "./factories.ts";
import { file, step, timeline, type Req } from "./helpers.ts";
import { staff } from "../identity/helpers.ts";

let t: TestApp;
let w: World;
let mine: Req;
beforeAll(async () => {
  t = await testApp();
  w = await world(t);
});
afterAll(() => t.close());
beforeEach(async () => {
  await w.refresh();
  mine = await file(t, w.resident.token, { service_code: "dispute", attributes: { dispute_type: "neighbour" }, description: "与楼下邻居因漏水发生争执", doorplate_code: w.home.doorplateCode });
});

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4]);
const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
const gif = new TextEncoder().encode("GIF89a\x01\x00\x01\x00");
const webp = Uint8Array.from([0x52, 0x49, 0x46, 0x46, 20, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20]);

function upload(id: string, auth: string, bytes: Uint8Array, name = "photo.jpg", type = "image/jpeg", headers: Record<string, string> = {}) {
  const form = new FormData();
  form.append("photo", new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  return t.post(`/v1/requests/${id}/photos`, form, { auth, headers });
}

describe("an admin user sees the whole county only through a key holding admin", () => {
  it("through a kiosk key, an admin is staff of their areas: another town's request is 404 and left out of lists", async () => {
    const elsewhere = await file(t, w.resident.token, { service_code: "noise", attributes: { source: "shop" }, area_id: w.otherGrid.id });
    const kiosk = (await w.county.key("kiosk")).secret;
    const viaKiosk = await staff(t, w.county, kiosk, { role: "admin", areas: [{ area_id: w.grid.id, duty: "staff" }] });
    expect((await t.get(`/v1/requests/${elsewhere.id}`, { auth: viaKiosk.token })).status).toBe(404);
    expect((await t.get(`/v1/requests/${mine.id}`, { auth: viaKiosk.token })).status).toBe(200);
    const listed = (await t.get("/v1/requests?limit=100", { auth: viaKiosk.token })).json.data.map((r: { id: string }) => r.id);
    expect(listed).toContain(mine.id);
    expect(listed).not.toContain(elsewhere.id);
    // The same person through the admin key's own scope set sees it all.
    const viaAdminKey = await staff(t, w.county, w.county.adminKey, { role: "admin" });
    expect((await t.get(`/v1/requests/${elsewhere.id}`, { auth: viaAdminKey.token })).status).toBe(200);
  });
});

describe("residents see only their own", () => {
  it("another resident gets 404 for the request, its timeline, its photos and its transitions; lists leave it out", async () => {
    const photo = await upload(mine.id, w.resident.token, png);
    expect(photo.status, photo.text).toBe(201);
    const other = w.neighbour.token;
    expect((await t.get(`/v1/requests/${mine.id}`, { auth: other })).status).toBe(404);
    expect((await t.get(`/v1/requests/${mine.tracking_code}`, { auth: other })).status).toBe(404);
    expect((await t.get(`/v1/requests/${mine.id}/events`, { auth: other })).status).toBe(404);
    expect((await t.get(photo.json.url, { auth: other })).status).toBe(404);
    expect((await t.post(`/v1/requests/${mine.id}/comments`, { body: "hi" }, { auth: other })).status).toBe(404);
    const list = await t.get("/v1/requests?limit=100", { auth: other });
    expect(list.json.data.map((r: Req) => r.id)).not.toContain(mine.id);
    const ownList = await t.get("/v1/requests?limit=100", { auth: w.resident.token });
    expect(ownList.json.data.map((r: Req) => r.id)).toContain(mine.id);
    expect(ownList.json.data.every((r: Req) => r.reporter.user_id === w.resident.id)).toBe(true);
  });

  it("staff outside the request's agency and areas, and other jurisdictions, get 404", async () => {
    expect((await t.get(`/v1/requests/${mine.id}`, { auth: w.housingStaff.token })).status).toBe(404);
    expect((await t.get(`/v1/requests/${mine.id}`, { auth: w.gridWorker.token })).status).toBe(200);
    const elsewhere = await tenant(t);
    expect((await t.get(`/v1/requests/${mine.id}`, { auth: elsewhere.adminKey })).status).toBe(404);
  });

  it("internal notes never reach the resident; residents cannot write them", async () => {
    await t.post(`/v1/requests/${mine.id}/comments`, { body: "当事人有前科，注意安全", visibility: "internal" }, { auth: w.gridWorker.token });
    await t.post(`/v1/requests/${mine.id}/comments`, { body: "网格员明天上门了解情况", visibility: "public" }, { auth: w.gridWorker.token });
    const residentView = await timeline(t, w.resident.token, mine.id);
    expect(JSON.stringify(residentView)).not.toContain("前科");
    expect(residentView.map((e) => e.note)).toContain("网格员明天上门了解情况");
    // Nor who the staff member is.
    const staffEntry = residentView.find((e) => e.type === "commented")!;
    expect(staffEntry.actor).toEqual({ kind: "staff", role: "grid_worker", agency_id: w.station.id, id: null });
    const staffView = await timeline(t, w.dispatcher.token, mine.id);
    expect(staffView.map((e) => e.note)).toContain("当事人有前科，注意安全");
    const denied = await t.post(`/v1/requests/${mine.id}/comments`, { body: "x", visibility: "internal" }, { auth: w.resident.token });
    expect(denied.status).toBe(403);
  });

  it("reporter contact is masked for everyone; staff reveal it through an audited call", async () => {
    for (const auth of [w.resident.token, w.dispatcher.token]) {
      const res = await t.get(`/v1/requests/${mine.id}`, { auth });
      expect(res.json.reporter).toMatchObject({ name: "张**", phone: "138****5678" });
      expect(res.text).not.toContain("13812345678");
    }
    const list = await t.get("/v1/requests?limit=100", { auth: w.dispatcher.token });
    expect(list.text).not.toContain("13812345678");
    expect(list.text).not.toContain(w.home.address);
    expect((await t.post(`/v1/requests/${mine.id}/reveal-contact`, undefined, { auth: w.resident.token })).status).toBe(403);
    const revealed = await t.post(`/v1/requests/${mine.id}/reveal-contact`, undefined, { auth: w.gridWorker.token });
    expect(revealed.json).toEqual({ name: "张三丰", phone: "13812345678", address: w.home.address });
    const audit = await t.deps.client.execute({ sql: "SELECT actor FROM audit_log WHERE action = 'request.contact_revealed' AND subject_id = ?", args: [mine.id] });
    expect(audit.rows.map((r) => r.actor)).toEqual([`user:${w.gridWorker.id}`]);
  });

  it("the outbox carries ids and states, never contact or description", async () => {
    const rows = await t.deps.client.execute({ sql: "SELECT payload FROM outbox WHERE json_extract(payload, '$.request_id') = ?", args: [mine.id] });
    expect(rows.rows.length).toBeGreaterThan(0);
    const text = rows.rows.map((r) => String(r.payload)).join();
    expect(text).not.toContain("1381234");
    expect(text).not.toContain("漏水");
  });
});

describe("an address a doorplate filled in", () => {
  const masked = (address: string) => [...address].slice(0, Math.min(6, Math.floor([...address].length / 2))).join("") + "***";
  const noise = { service_code: "noise", description: "楼下商铺音响太吵", attributes: { source: "shop" } };

  it("a kiosk that files with a doorplate code never gets the household's address back, nor can it list codes", async () => {
    const kiosk = (await w.county.key("kiosk")).secret;
    expect((await t.get("/v1/households?limit=100", { auth: kiosk })).status).toBe(403);
    const filed = await file(t, kiosk, { ...noise, doorplate_code: w.home.doorplateCode, reporter: { name: "刘大妈", phone: "13511112222" } });
    expect(filed.channel).toBe("qr");
    expect(filed.location).toMatchObject({ area_id: w.grid.id, address: masked(w.home.address), household_id: null });
    const read = await t.get(`/v1/requests/${filed.id}`, { auth: kiosk });
    expect(read.status).toBe(200);
    expect(read.json.location.address).toBe(masked(w.home.address));
    expect(read.text).not.toContain(w.home.address);
    expect((await t.post(`/v1/requests/${filed.id}/reveal-contact`, undefined, { auth: kiosk })).status).toBe(403);
    // Staff still read it in full.
    for (const auth of [w.dispatcher.token, w.gridWorker.token]) {
      const staffRead = await t.get(`/v1/requests/${filed.id}`, { auth });
      expect(staffRead.json.location).toMatchObject({ address: w.home.address, household_id: w.home.id });
    }
  });

  it("a resident who filed by doorplate sees it masked too; an address the filer typed comes back as typed", async () => {
    const read = await t.get(`/v1/requests/${mine.id}`, { auth: w.resident.token });
    expect(read.json.location.address).toBe(masked(w.home.address));
    expect(read.text).not.toContain(w.home.address);
    const typed = await file(t, w.resident.token, { ...noise, area_id: w.grid.id, address: "金水社区菜市场东门" });
    expect(typed.location.address).toBe("金水社区菜市场东门");
    expect((await t.get(`/v1/requests/${typed.id}`, { auth: w.resident.token })).json.location.address).toBe("金水社区菜市场东门");
  });
});

describe("photos", () => {
  it("accepts JPEG, PNG, WebP and GIF by content and serves them only to those who may see the request", async () => {
    for (const [bytes, type] of [[jpeg, "image/jpeg"], [png, "image/png"], [webp, "image/webp"], [gif, "image/gif"]] as const) {
      // The declared name and type are ignored: only the bytes count.
      const res = await upload(mine.id, w.resident.token, bytes, "x.bin", "application/octet-stream");
      expect(res.status, res.text).toBe(201);
      expect(res.json.content_type).toBe(type);
      const got = await t.app.request(res.json.url, { headers: { authorization: `Bearer ${w.gridWorker.token}` } });
      expect(got.status).toBe(200);
      expect(got.headers.get("content-type")).toBe(type);
      expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
    }
    const detail = await t.get(`/v1/requests/${mine.id}`, { auth: w.resident.token });
    expect(detail.json.photo_count).toBe(4);
    expect(detail.json.photos).toHaveLength(4);
  });

  it("a client that holds a photo gets 304 for it without the store being read", async () => {
    const res = await upload(mine.id, w.resident.token, png, "p.png", "image/png");
    const first = await t.app.request(res.json.url, { headers: { authorization: `Bearer ${w.resident.token}` } });
    const etag = first.headers.get("etag")!;
    const key = (await t.deps.client.execute({ sql: "SELECT blob_key FROM request_photos WHERE id = ?", args: [res.json.id] })).rows[0]!.blob_key as string;
    await t.deps.blobs.delete(key);
    const cached = await t.app.request(res.json.url, { headers: { authorization: `Bearer ${w.resident.token}`, "if-none-match": etag } });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe("");
    // Without the tag the bytes are needed, and they are gone.
    expect((await t.app.request(res.json.url, { headers: { authorization: `Bearer ${w.resident.token}` } })).status).toBe(404);
    // A caller who may not see the request gets 404 whatever tag it sends.
    expect((await t.app.request(res.json.url, { headers: { authorization: `Bearer ${w.neighbour.token}`, "if-none-match": etag } })).status).toBe(404);
  });

  it("refuses non-images whatever their name, more than 5 MB, and a seventh photo", async () => {
    const html = await upload(mine.id, w.resident.token, new TextEncoder().encode("<script>alert(1)</script>"), "cat.jpg", "image/jpeg");
    expect(html.status).toBe(415);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(jpeg);
    const tooBig = await upload(mine.id, w.resident.token, big);
    expect(tooBig.status).toBe(413);
    for (let i = 0; i < 6; i++) expect((await upload(mine.id, w.resident.token, jpeg)).status).toBe(201);
    const seventh = await upload(mine.id, w.resident.token, jpeg);
    expect(seventh.status).toBe(409);
    expect(seventh.json.type).toBe("/problems/capacity_full");
  });

  it("parallel uploads never exceed six", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => upload(mine.id, w.resident.token, png)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(6);
    const n = await t.deps.client.execute({ sql: "SELECT count(*) AS n FROM request_photos WHERE request_id = ?", args: [mine.id] });
    expect(Number(n.rows[0]!.n)).toBe(6);
  });

  it("a photo of 5 MB passes although the global body limit is 1 MB", async () => {
    const ok = new Uint8Array(5 * 1024 * 1024);
    ok.set(jpeg);
    const res = await upload(mine.id, w.resident.token, ok);
    expect(res.status, res.text).toBe(201);
    expect(res.json.bytes).toBe(5 * 1024 * 1024);
    const json = await t.post("/v1/requests", { service_code: "noise", description: "x".repeat(1024 * 1024) }, { auth: w.resident.token });
    expect(json.status).toBe(413);
  });

  it("an upload sent without Content-Length (chunked) and with an Idempotency-Key is stored once, replayed, and still capped", async () => {
    // The key's fingerprint reads the body first; the photo route's own cap must measure what was read.
    const key = { "idempotency-key": "photo-once" };
    const first = await upload(mine.id, w.resident.token, png, "p.png", "image/png", key);
    expect(first.status, first.text).toBe(201);
    const again = await upload(mine.id, w.resident.token, png, "p.png", "image/png", key);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json.id).toBe(first.json.id);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(jpeg);
    expect((await upload(mine.id, w.resident.token, big, "big.jpg", "image/jpeg", { "idempotency-key": "photo-big" })).status).toBe(413);
    const n = await t.deps.client.execute({ sql: "SELECT count(*) AS n FROM request_photos WHERE request_id = ?", args: [mine.id] });
    expect(Number(n.rows[0]!.n)).toBe(1);
  });

  it("a finished request takes no more photos", async () => {
    const done = await step(t, w.resident.token, mine, "withdraw");
    expect((await upload(done.id, w.resident.token, jpeg)).status).toBe(409);
  });
});
