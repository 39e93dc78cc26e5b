import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/support/app.ts";
import { tenant, type Tenant } from "../../test/support/factories.ts";
import { ConflictError, ValidationError, type Fengqiao } from "../src/index.js";
import { sdkFor } from "./support.ts";

let t: TestApp;
let county: Tenant;
let admin: Fengqiao;
let app: Fengqiao;
let grid: { id: string; lat: number | null; lng: number | null };
let community: { id: string };
beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
  admin = sdkFor(t, { apiKey: county.adminKey });
  app = sdkFor(t, { apiKey: (await county.key("app")).secret });
  const root = await admin.areas.create({ level: "county", name: "合阳县" });
  const town = await admin.areas.create({ parent_id: root.id, level: "town", name: "城关街道" });
  community = await admin.areas.create({ parent_id: town.id, level: "community", name: "风景家园社区" });
  grid = await admin.areas.create({ parent_id: community.id, level: "grid", name: "一网格", lat: 35.2372, lng: 110.1491 });
});
afterAll(() => t.close());

const HOUR = 3_600_000;
/** The app acting for one of its users; tokens last 15 minutes of app time, so re-exchange after moving the clock. */
const as = async (subject: string) =>
  app.withToken((await app.tokens.exchange({ subject_type: "wechat_openid", subject })).access_token);

describe("volunteer namespaces against the real server", () => {
  it("a patrol from posting to points: apply, find, sign up, waitlist, check in and out, attendance, ledger", async () => {
    const officerUser = await county.user("officer", { areaIds: [community.id] });
    let officer = app.withToken(officerUser.token);
    const volunteers = [];
    for (const name of ["雷师傅", "王阿姨"]) {
      const u = await county.user("volunteer", { name });
      const fq = app.withToken(u.token);
      expect((await fq.volunteers.apply({ skills: ["patrol"], home_area_id: grid.id })).status).toBe("pending");
      await admin.volunteers.verify(u.id, { reason: "身份已核实" });
      expect((await fq.volunteers.me()).status).toBe("verified");
      volunteers.push({ ...u, fq });
    }
    const [lei, wang] = volunteers as [(typeof volunteers)[0], (typeof volunteers)[0]];

    const start = t.deps.now() + 2 * HOUR;
    const task = await officer.tasks.create({
      kind: "patrol",
      title: "风景家园小区夜间巡逻",
      location: { lat: grid.lat!, lng: grid.lng! },
      radius_m: 200,
      area_id: grid.id,
      starts_at: new Date(start).toISOString(),
      ends_at: new Date(start + 2 * HOUR).toISOString(),
      capacity: 1,
      points_per_hour: 10,
      publish: true,
    });

    // 找活动: near the volunteer, by distance.
    const found = [];
    for await (const near of lei.fq.tasks.list({ lat: grid.lat!, lng: grid.lng!, within_m: 1000, sort: "distance" })) found.push(near.id);
    expect(found).toContain(task.id);

    const first = await lei.fq.tasks.signUp(task.id);
    const second = await wang.fq.tasks.signUp(task.id);
    expect([first.status, second.status]).toEqual(["confirmed", "waitlisted"]);
    await expect(lei.fq.tasks.signUp(task.id)).rejects.toBeInstanceOf(ConflictError);
    expect((await officer.tasks.listSignups(task.id)).data.map((s) => s.id)).toEqual([first.id, second.id]);

    // 雷师傅 withdraws: 王阿姨 moves up.
    await lei.fq.signups.withdraw(first.id);
    expect((await wang.fq.signups.get(second.id)).status).toBe("confirmed");
    expect((await wang.fq.signups.listMine()).data.map((s) => s.id)).toContain(second.id);

    t.clock.set(start + 5 * 60_000);
    const wangNow = await as(wang.subject);
    officer = await as(officerUser.subject);
    const inside = await wangNow.signups.checkIn(second.id, { location: { lat: grid.lat!, lng: grid.lng! } });
    expect(inside).toMatchObject({ status: "checked_in", check_in_method: "geofence" });
    expect(await officer.tasks.siteCodeQr(task.id)).toMatch(/<svg/);
    expect((await officer.tasks.siteCode(task.id)).code).toMatch(/\S/);

    t.clock.set(start + 65 * 60_000);
    const wangLater = await as(wang.subject);
    officer = await as(officerUser.subject);
    const out = await wangLater.signups.checkOut(second.id, { location: { lat: grid.lat!, lng: grid.lng! } });
    expect(out.minutes).toBe(60);
    await officer.signups.confirmAttendance(second.id);

    const balance = await wangLater.points.balance(wang.id);
    expect(balance.balance).toBe(10);
    const entries = [];
    for await (const e of wangLater.points.list(wang.id)) entries.push(e.kind);
    expect(entries).toEqual(["attendance"]);
    const board = [];
    for await (const row of officer.points.leaderboard({ period: "month", area_id: grid.id })) board.push(row);
    expect(board[0]).toMatchObject({ user_id: wang.id });
  });

  it("teams, leads and figures", async () => {
    const officerUser = await county.user("officer", { areaIds: [community.id] });
    const officer = app.withToken(officerUser.token);
    const team = await officer.volunteers.createTeam({ name: "红袖标巡逻队", area_id: community.id });
    expect((await officer.volunteers.listTeams()).data.map((x) => x.id)).toContain(team.id);

    const u = await county.user("volunteer", { name: "赵大姐" });
    const vol = app.withToken(u.token);
    await vol.volunteers.apply({ team_id: team.id });
    const lead = await vol.leads.create({ text: "3栋楼道堆放杂物，堵塞消防通道", area_id: grid.id });
    expect((await officer.leads.get(lead.id)).status).toBe("new");
    expect((await officer.leads.dismiss(lead.id, { reason: "已现场清理" })).status).toBe("dismissed");
    await expect(officer.leads.dismiss(lead.id, { reason: "again" })).rejects.toBeInstanceOf(ConflictError);

    const figures = await admin.stats.volunteers({ period: "month", area_id: community.id });
    expect(figures.totals).toBeDefined();
    // CSV when asked: the typed result is the JSON shape, the runtime value the CSV text.
    const csv: unknown = await admin.stats.volunteers({ period: "month", area_id: community.id, format: "csv" });
    expect(typeof csv).toBe("string");
    expect((csv as string).split("\n")[0]).toMatch(/,/);
    // Deliberately outside the contract (the types refuse it), to see the server's answer come back typed.
    await expect(admin.stats.volunteers({ period: "decade" as "year" })).rejects.toBeInstanceOf(ValidationError);
  });
});
