import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { areaTree, refresh, volunteer } from "./factories.ts";

let t: TestApp;
let county: Tenant;
let tree: Awaited<ReturnType<typeof areaTree>>;
type U = { id: string; token: string; subject: string };
let a: U, b: U, c: U;

const bonus = (u: U, points: number, occurred_at?: string, area_id?: string) =>
  t.post(`/v1/volunteers/${u.id}/points/entries`, { kind: "bonus", points, reason: "test", ...(occurred_at ? { occurred_at } : {}), ...(area_id ? { area_id } : {}) }, { auth: county.adminKey });

const board = async (query: string) => {
  const res = await t.get(`/v1/leaderboards/volunteers?${query}`, { auth: county.adminKey });
  expect(res.status, res.text).toBe(200);
  return res.json as { period: { label: string; starts_at: string; ends_at: string; timezone: string }; data: { rank: number; user_id: string; points: number }[]; next_cursor: string | null };
};
const standings = (json: Awaited<ReturnType<typeof board>>) => json.data.map((r) => [r.user_id, r.points]);

beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
  tree = await areaTree(t, county);
  a = await volunteer(t, county, { homeAreaId: tree.grid.id, name: "雷建国" });
  b = await volunteer(t, county, { homeAreaId: tree.grid2.id, name: "李卫东" });
  c = await volunteer(t, county, { homeAreaId: tree.otherGrid.id, name: "王芳" });
  // Around the Shanghai midnights that open April (Q2) 2026 and the year 2026, and that open July (Q3).
  for (const [u, p, at] of [
    [a, 10, "2026-03-31T15:59:59.999Z"], // 23:59:59.999 on 31 March in Shanghai
    [a, 20, "2026-03-31T16:30:00Z"], //      00:30 on 1 April in Shanghai
    [b, 5, "2025-12-31T16:00:00Z"], //       00:00 on 1 January 2026
    [b, 7, "2025-12-31T15:59:59.999Z"], //   still 2025 in Shanghai
    [c, 3, "2026-06-30T16:00:00Z"], //       00:00 on 1 July
    [b, 25, "2026-04-15T04:00:00Z"],
  ] as const) {
    expect((await bonus(u, p, at)).status).toBe(201);
  }
});
afterAll(() => t.close());

describe("leaderboard periods in Asia/Shanghai", () => {
  it("month: an entry at 2026-03-31T16:30Z is April's; one a moment before local midnight is March's", async () => {
    const march = await board("period=month&date=2026-03-31");
    expect(march.period).toMatchObject({ label: "2026-03", starts_at: "2026-02-28T16:00:00.000Z", ends_at: "2026-03-31T16:00:00.000Z", timezone: "Asia/Shanghai" });
    expect(standings(march)).toEqual([[a.id, 10]]);
    const april = await board("period=month&date=2026-04-01");
    expect(standings(april)).toEqual([[b.id, 25], [a.id, 20]]);
  });

  it("quarter: Q1 ends and Q2 begins at Shanghai midnight; Q3 starts at 2026-06-30T16:00Z", async () => {
    const q1 = await board("period=quarter&date=2026-02-10");
    expect(q1.period).toMatchObject({ label: "2026-Q1", starts_at: "2025-12-31T16:00:00.000Z", ends_at: "2026-03-31T16:00:00.000Z" });
    expect(standings(q1)).toEqual([[a.id, 10], [b.id, 5]]);
    expect(standings(await board("period=quarter&date=2026-05-01"))).toEqual([[b.id, 25], [a.id, 20]]);
    expect(standings(await board("period=quarter&date=2026-07-01"))).toEqual([[c.id, 3]]);
  });

  it("year: 2026 starts at 2025-12-31T16:00Z", async () => {
    const y2026 = await board("period=year&date=2026-08-08");
    expect(y2026.period).toMatchObject({ label: "2026", starts_at: "2025-12-31T16:00:00.000Z", ends_at: "2026-12-31T16:00:00.000Z" });
    expect(standings(y2026)).toEqual([[a.id, 30], [b.id, 30], [c.id, 3]].sort((x, y) => (y[1] as number) - (x[1] as number) || String(x[0]).localeCompare(String(y[0]))));
    expect(standings(await board("period=year&date=2025-12-31"))).toEqual([[b.id, 7]]);
  });

  it("without a date, the period is the one containing the app's now, in local time", async () => {
    t.clock.set(Date.parse("2026-03-31T16:30:00Z"));
    expect((await board("period=month")).period.label).toBe("2026-04");
    expect((await board("period=quarter")).period.label).toBe("2026-Q2");
    const d = await volunteer(t, county, { homeAreaId: tree.grid.id });
    expect((await bonus(d, 1)).json.occurred_at).toBe("2026-03-31T16:30:00.000Z");
    expect(standings(await board("period=month&date=2026-04-30")).find(([id]) => id === d.id)).toEqual([d.id, 1]);
    expect(standings(await board("period=month&date=2026-03-31")).find(([id]) => id === d.id)).toBeUndefined();
  });

  it("ties share a rank; pages continue the ranking; an area counts its descendants only", async () => {
    const year = await board("period=year&date=2026-01-01&limit=1");
    expect(year.data).toHaveLength(1);
    expect(year.data[0]!.rank).toBe(1);
    const next = await board(`period=year&date=2026-01-01&limit=1&cursor=${year.next_cursor}`);
    expect(next.data[0]).toMatchObject({ rank: 1, points: 30 });
    const third = await board(`period=year&date=2026-01-01&limit=5&cursor=${next.next_cursor}`);
    expect(third.data[0]).toMatchObject({ rank: 3, user_id: c.id });

    const community = await board(`period=year&date=2026-01-01&area_id=${tree.community.id}`);
    const ids = community.data.map((r) => r.user_id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(ids).not.toContain(c.id);
    const grid2 = await board(`period=year&date=2026-01-01&area_id=${tree.grid2.id}`);
    expect(standings(grid2)).toEqual([[b.id, 30]]);
  });

  it("a correction counts in the corrected entry's period, not today's", async () => {
    t.clock.set(Date.parse("2026-05-20T02:00:00Z"));
    const entries = (await t.get(`/v1/volunteers/${a.id}/points/entries?kind=bonus`, { auth: county.adminKey })).json.data as { id: string; points: number }[];
    const march = entries.find((e) => e.points === 10)!;
    const fix = await t.post(`/v1/volunteers/${a.id}/points/entries`, { kind: "correction", points: -4, reason: "double-counted", corrects_entry_id: march.id }, { auth: county.adminKey });
    expect(fix.status).toBe(201);
    expect(fix.json).toMatchObject({ kind: "correction", corrects_entry_id: march.id, occurred_at: "2026-03-31T15:59:59.999Z" });
    expect(standings(await board("period=month&date=2026-03-15"))).toEqual([[a.id, 6]]);
    expect(standings(await board("period=month&date=2026-05-15"))).toEqual([]);
  });

  it("volunteers read their own balance and ledger, not someone else's", async () => {
    const me = await refresh(t, county, a);
    expect((await t.get(`/v1/volunteers/${a.id}/points`, { auth: me.token })).status).toBe(200);
    expect((await t.get(`/v1/volunteers/${b.id}/points`, { auth: me.token })).status).toBe(404);
    expect((await t.get(`/v1/volunteers/${b.id}/points/entries`, { auth: me.token })).status).toBe(404);
    expect((await bonus(a, -5)).status).toBe(400);
  });
});
