import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { world, type World } from "./factories.ts";
import { file, step, timeline, type Req } from "./helpers.ts";

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await testApp();
  w = await world(t);
});
afterAll(() => t.close());
beforeEach(() => w.refresh());

const fileDispute = () =>
  file(t, w.resident.token, {
    service_code: "dispute",
    attributes: { dispute_type: "neighbour" },
    description: "楼上漏水，协商不成",
    doorplate_code: w.home.doorplateCode,
    dispute: { parties: [{ name: "张三丰", phone: "13812345678", role: "applicant" }, { name: "王五", phone: "13955556666", role: "respondent" }] },
  });

/** A dispute change decided on the version `v` the caller read. */
const changeDispute = (id: string, verb: string, body: unknown, auth: string, v: number | string) =>
  t.post(`/v1/disputes/${id}/${verb}`, body, { auth, headers: { "if-match": typeof v === "number" ? `"v${v}"` : v } });

/** The outbox rows about a dispute, oldest first. */
async function disputeOutbox(disputeId: string) {
  const rows = await t.deps.client.execute({
    sql: "SELECT type, agency_id, payload, created_at FROM outbox WHERE json_extract(payload, '$.dispute_id') = ? ORDER BY created_at, rowid",
    args: [disputeId],
  });
  return rows.rows.map((r) => ({ type: String(r.type), agencyId: r.agency_id as string | null, payload: JSON.parse(String(r.payload)), at: Number(r.created_at) }));
}

describe("disputes (矛盾纠纷)", () => {
  it("a dispute request opens a mediation file at the grid, green, with masked parties; staff only", async () => {
    const req = await fileDispute();
    expect((await t.get(`/v1/disputes/${req.id}`, { auth: w.resident.token })).status).toBe(403);
    expect((await t.get(`/v1/disputes/${req.id}`, { auth: w.housingStaff.token })).status).toBe(404);
    const res = await t.get(`/v1/disputes/${req.id}`, { auth: w.gridWorker.token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ request_id: req.id, grade: "green", level: "grid", outcome: null, version: 1 });
    expect(res.json.parties.map((p: any) => [p.name, p.phone, p.role])).toEqual([
      ["张**", "138****5678", "applicant"],
      ["王*", "139****6666", "respondent"],
    ]);
    expect(res.text).not.toContain("13955556666");
    expect(res.json.history).toEqual([expect.objectContaining({ type: "dispute.graded", from: null, to: "green" })]);
    const nonDispute = await t.post("/v1/requests", { service_code: "noise", attributes: { source: "shop" }, dispute: { grade: "red" } }, { auth: w.resident.token });
    expect(nonDispute.json.errors[0].pointer).toBe("/body/dispute");
  });

  it("grades keep their history; escalation climbs grid → town → county and stops there", async () => {
    const req = await fileDispute();
    const id = (await t.get(`/v1/disputes/${req.id}`, { auth: w.officer.token })).json.id;
    let d = (await t.post(`/v1/disputes/${id}/grade`, { grade: "yellow", reason: "双方情绪激动" }, { auth: w.officer.token, headers: { "if-match": '"v1"' } })).json;
    expect(d).toMatchObject({ grade: "yellow", version: 2 });
    const stale = await t.post(`/v1/disputes/${id}/grade`, { grade: "red", reason: "x" }, { auth: w.officer.token, headers: { "if-match": '"v1"' } });
    expect(stale.status).toBe(412);
    d = (await changeDispute(id, "grade", { grade: "orange", reason: "涉及多户" }, w.officer.token, d.version)).json;
    for (const level of ["town", "county"]) {
      const res = await changeDispute(id, "escalate", { reason: "网格调解未果" }, w.dispatcher.token, d.version);
      expect(res.status, res.text).toBe(200);
      expect(res.json.level).toBe(level);
      d = res.json;
    }
    const top = await changeDispute(id, "escalate", { reason: "x" }, w.dispatcher.token, d.version);
    expect(top.status).toBe(409);
    expect(top.json).toMatchObject({ type: "/problems/invalid_transition", allowed: [] });
    const file_ = (await t.get(`/v1/disputes/${id}`, { auth: w.dispatcher.token })).json;
    expect(file_.history.map((h: any) => [h.type, h.from, h.to])).toEqual([
      ["dispute.graded", null, "green"],
      ["dispute.graded", "green", "yellow"],
      ["dispute.graded", "yellow", "orange"],
      ["dispute.escalated", "grid", "town"],
      ["dispute.escalated", "town", "county"],
    ]);
    // Internal to staff: the resident's timeline shows none of it.
    expect((await timeline(t, w.resident.token, req.id)).some((e) => e.type.startsWith("dispute.graded"))).toBe(false);
  });

  it("a read's ETag changes with the file (a new party), answers 304 while it has not, and still serves If-Match", async () => {
    const req = await fileDispute();
    const first = await t.get(`/v1/disputes/${req.id}`, { auth: w.officer.token });
    const tag = first.headers.get("etag")!;
    expect(tag).toMatch(/^"v1\.[0-9a-f]{16}"$/);
    expect((await t.get(`/v1/disputes/${req.id}`, { auth: w.officer.token, headers: { "if-none-match": tag } })).status).toBe(304);
    // A party added leaves the version alone (nothing to decide on changed) but not the file a reader sees.
    const party = await t.post(`/v1/disputes/${first.json.id}/parties`, { name: "李四", phone: "13600001111", role: "other" }, { auth: w.officer.token });
    expect(party.status, party.text).toBe(201);
    const after = await t.get(`/v1/disputes/${req.id}`, { auth: w.officer.token, headers: { "if-none-match": tag } });
    expect(after.status).toBe(200);
    expect(after.json.parties).toHaveLength(3);
    const graded = await t.post(`/v1/disputes/${first.json.id}/grade`, { grade: "yellow", reason: "证人补充" }, { auth: w.officer.token, headers: { "if-match": after.headers.get("etag")! } });
    expect(graded.status, graded.text).toBe(200);
    const stale = await t.post(`/v1/disputes/${first.json.id}/grade`, { grade: "red", reason: "x" }, { auth: w.officer.token, headers: { "if-match": tag } });
    expect(stale.status).toBe(412);
  });

  it("sessions, the signed agreement, then resolution schedules follow-ups at +7 and +30 days, which are recorded once", async () => {
    let req: Req = await fileDispute();
    const file0 = (await t.get(`/v1/disputes/${req.id}`, { auth: w.officer.token })).json;
    const session = await t.post(
      `/v1/disputes/${file0.id}/sessions`,
      { held_at: "2026-03-02T10:00:00+08:00", location: "金水社区调解室", summary: "双方同意由楼上维修管道", outcome: "agreed" },
      { auth: w.officer.token },
    );
    expect(session.status, session.text).toBe(201);
    expect(session.json).toMatchObject({ level: "grid", outcome: "agreed" });
    // A session is an append: the version it leaves is the one the agreement is decided on.
    expect((await t.get(`/v1/disputes/${file0.id}`, { auth: w.officer.token })).json.version).toBe(file0.version);
    const bad = await changeDispute(file0.id, "agreement", { text: "x", signed_at: "2026-03-02T11:00:00+08:00", party_ids: ["pty_nobody"] }, w.officer.token, file0.version);
    expect(bad.status).toBe(400);
    const signed = await changeDispute(
      file0.id,
      "agreement",
      { text: "一、王五于三日内修复漏水管道；二、赔偿张三丰损失500元。", signed_at: "2026-03-02T11:00:00+08:00", party_ids: file0.parties.map((p: any) => p.id) },
      w.officer.token,
      file0.version,
    );
    expect(signed.status, signed.text).toBe(200);
    expect(signed.json).toMatchObject({ outcome: "mediated", agreement: { signed_at: "2026-03-02T03:00:00.000Z" } });
    expect(signed.headers.get("etag")).toBe(`"v${signed.json.version}"`);
    const again = await changeDispute(file0.id, "agreement", { text: "again", signed_at: "2026-03-02T11:00:00+08:00", party_ids: [file0.parties[0].id] }, w.officer.token, signed.json.version);
    expect(again.status).toBe(409);

    req = await step(t, w.dispatcher.token, req, "dispatch");
    req = await step(t, w.officer.token, req, "accept");
    const resolvedAt = t.clock.now();
    req = await step(t, w.officer.token, req, "resolve", { result: "调解成功，签订协议" });
    const file1 = (await t.get(`/v1/disputes/${req.id}`, { auth: w.officer.token })).json;
    expect(file1.follow_ups.map((f: any) => [f.offset_days, f.due_at, f.status])).toEqual([
      [7, new Date(resolvedAt + 7 * 86_400_000).toISOString(), "scheduled"],
      [30, new Date(resolvedAt + 30 * 86_400_000).toISOString(), "scheduled"],
    ]);
    const dueThisWeek = await t.get(`/v1/disputes/follow-ups?due_before=${new Date(resolvedAt + 8 * 86_400_000).toISOString()}`, { auth: w.gridWorker.token });
    expect(dueThisWeek.json.data.map((f: any) => f.id)).toEqual([file1.follow_ups[0].id]);
    const first = file1.follow_ups[0];
    const recorded = await t.post(`/v1/disputes/${file1.id}/follow-ups/${first.id}`, { result: "stable", note: "双方关系缓和" }, { auth: w.gridWorker.token });
    expect(recorded.json).toMatchObject({ status: "done", result: "stable" });
    expect((await t.post(`/v1/disputes/${file1.id}/follow-ups/${first.id}`, { result: "stable" }, { auth: w.gridWorker.token })).status).toBe(409);

    // Reopened and resolved again: visits still pending are replaced by a fresh pair.
    req = await step(t, w.dispatcher.token, req, "reopen", { reason: "又漏水了" });
    req = await step(t, w.dispatcher.token, req, "dispatch");
    req = await step(t, w.officer.token, req, "accept");
    req = await step(t, w.officer.token, req, "resolve", { result: "更换管道" });
    const file2 = (await t.get(`/v1/disputes/${req.id}`, { auth: w.officer.token })).json;
    expect(file2.follow_ups.map((f: any) => f.status).sort()).toEqual(["cancelled", "done", "scheduled", "scheduled"]);
  });

  it("lists disputes by grade, level and area for the staff who may see them", async () => {
    const req = await fileDispute();
    const id = (await t.get(`/v1/disputes/${req.id}`, { auth: w.officer.token })).json.id;
    expect((await changeDispute(id, "grade", { grade: "red", reason: "有激化风险" }, w.officer.token, 1)).status).toBe(200);
    const red = await t.get(`/v1/disputes?grade=red&area_id=${w.town.id}`, { auth: w.dispatcher.token });
    expect(red.json.data.map((d: any) => d.id)).toContain(id);
    expect(red.json.data.every((d: any) => d.grade === "red")).toBe(true);
    expect((await t.get(`/v1/disputes?area_id=${w.otherTown.id}`, { auth: w.dispatcher.token })).json.data).toEqual([]);
    expect((await t.get("/v1/disputes", { auth: w.housingStaff.token })).json.data).toEqual([]);
    expect((await t.get("/v1/disputes", { auth: w.resident.token })).status).toBe(403);
  });

  it("every change of a dispute's state needs If-Match: missing → 428, stale → 412 with the current ETag; appends need none", async () => {
    const req = await fileDispute();
    const read = await t.get(`/v1/disputes/${req.id}`, { auth: w.officer.token });
    const id = read.json.id as string;
    const changes: [string, Record<string, unknown>][] = [
      ["grade", { grade: "yellow", reason: "双方情绪激动" }],
      ["escalate", { reason: "网格调解未果" }],
      ["agreement", { text: "一、王五修复管道。", signed_at: "2026-03-02T11:00:00+08:00", party_ids: read.json.parties.map((p: any) => p.id) }],
    ];
    for (const [verb, body] of changes) {
      for (const headers of [{}, { "if-match": "" }, { "if-match": "  " }] as Record<string, string>[]) {
        const missing = await t.post(`/v1/disputes/${id}/${verb}`, body, { auth: w.officer.token, headers });
        expect(missing.status, `${verb}: ${missing.text}`).toBe(428);
        expect(missing.headers.get("content-type")).toContain("application/problem+json");
        expect(missing.json).toMatchObject({ type: "/problems/precondition_required", status: 428 });
      }
      const stale = await changeDispute(id, verb, body, w.officer.token, 99);
      expect(stale.status, `${verb}: ${stale.text}`).toBe(412);
      expect(stale.json.type).toBe("/problems/precondition_failed");
      expect(stale.headers.get("etag")).toBe('"v1"');
    }
    // Nothing was changed or announced by the refused calls.
    const after = await t.get(`/v1/disputes/${id}`, { auth: w.officer.token });
    expect(after.json).toMatchObject({ version: 1, grade: "green", level: "grid", outcome: null });
    expect((await disputeOutbox(id)).map((m) => m.type)).toEqual(["dispute.created"]);

    // Appends leave the version alone and take no If-Match.
    expect((await t.post(`/v1/disputes/${id}/parties`, { name: "李四", role: "other" }, { auth: w.officer.token })).status).toBe(201);
    const session = await t.post(`/v1/disputes/${id}/sessions`, { held_at: "2026-03-02T10:00:00+08:00", summary: "初次调解", outcome: "continued" }, { auth: w.officer.token });
    expect(session.status, session.text).toBe(201);
    expect((await t.get(`/v1/disputes/${id}`, { auth: w.officer.token })).json.version).toBe(1);

    // The read's narrowed ETag, `*`, and a list naming the version all pass.
    const graded = await changeDispute(id, "grade", { grade: "yellow", reason: "双方情绪激动" }, w.officer.token, read.headers.get("etag")!);
    expect(graded.status, graded.text).toBe(200);
    const escalated = await changeDispute(id, "escalate", { reason: "网格调解未果" }, w.officer.token, '"v1", "v2"');
    expect(escalated.status, escalated.text).toBe(200);
    const signed = await changeDispute(id, "agreement", changes[2]![1], w.officer.token, "*");
    expect(signed.status, signed.text).toBe(200);
    expect(signed.json).toMatchObject({ version: 4, grade: "yellow", level: "town", outcome: "mediated" });
  });

  it("starting a dispute, a mediation session and a follow-up visit each write their outbox row with the timeline event", async () => {
    let req: Req = await fileDispute();
    const file0 = (await t.get(`/v1/disputes/${req.id}`, { auth: w.officer.token })).json;
    const created = await disputeOutbox(file0.id);
    expect(created).toEqual([
      {
        type: "dispute.created",
        agencyId: req.agency_id ?? null,
        payload: { dispute_id: file0.id, request_id: req.id, grade: "green", level: "grid", outcome: null, version: 1 },
        at: Date.parse(req.created_at),
      },
    ]);
    // In the same batch as the request's own announcement.
    const submitted = await t.deps.client.execute({ sql: "SELECT created_at FROM outbox WHERE type = 'request.submitted' AND json_extract(payload, '$.request_id') = ?", args: [req.id] });
    expect(submitted.rows.map((r) => Number(r.created_at))).toEqual([created[0]!.at]);

    const session = await t.post(
      `/v1/disputes/${file0.id}/sessions`,
      { held_at: "2026-03-02T10:00:00+08:00", location: "金水社区调解室", summary: "张三丰与王五同意维修", outcome: "agreed" },
      { auth: w.officer.token },
    );
    expect(session.status, session.text).toBe(201);
    const afterSession = await disputeOutbox(file0.id);
    expect(afterSession.map((m) => m.type)).toEqual(["dispute.created", "dispute.session"]);
    expect(afterSession[1]!.payload).toEqual({ dispute_id: file0.id, request_id: req.id, grade: "green", level: "grid", outcome: null, version: 1, session_id: session.json.id, session_outcome: "agreed" });
    const sessionEvent = (await timeline(t, w.officer.token, req.id)).find((e) => e.type === "dispute.session");
    expect(afterSession[1]!.at).toBe(Date.parse(sessionEvent.at));

    req = await step(t, w.dispatcher.token, req, "dispatch");
    req = await step(t, w.officer.token, req, "accept");
    req = await step(t, w.officer.token, req, "resolve", { result: "调解成功" });
    const visit = (await t.get(`/v1/disputes/${req.id}`, { auth: w.officer.token })).json.follow_ups[0];
    const recorded = await t.post(`/v1/disputes/${file0.id}/follow-ups/${visit.id}`, { result: "recurred", note: "王五仍未修复，张三丰很不满" }, { auth: w.gridWorker.token });
    expect(recorded.status, recorded.text).toBe(200);
    const afterVisit = await disputeOutbox(file0.id);
    expect(afterVisit.map((m) => m.type)).toEqual(["dispute.created", "dispute.session", "dispute.follow_up"]);
    expect(afterVisit[2]).toMatchObject({
      agencyId: req.agency_id,
      payload: { dispute_id: file0.id, request_id: req.id, version: 1, follow_up_id: visit.id, result: "recurred", offset_days: 7 },
      at: Date.parse(recorded.json.done_at),
    });
    // A refused second recording writes nothing; no row carries a note, a summary or a party.
    expect((await t.post(`/v1/disputes/${file0.id}/follow-ups/${visit.id}`, { result: "stable" }, { auth: w.gridWorker.token })).status).toBe(409);
    expect(await disputeOutbox(file0.id)).toHaveLength(3);
    const text = JSON.stringify(afterVisit);
    for (const secret of ["张三丰", "王五", "13812345678", "调解室", "不满"]) expect(text).not.toContain(secret);
  });
});
