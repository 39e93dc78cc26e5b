import { and, eq, inArray, sql } from "drizzle-orm";
import { areas, seatStatuses } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope, hasScope, isAdmin } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import type { PeriodKind } from "../../lib/zoned-time.ts";
import { areaPath } from "../places/area-scope.ts";
import { childOf } from "../figures/child-areas.ts";
import { jurisdictionPeriod, presentPeriod } from "../points/period.ts";
import { isStaffOf, volunteerStaffRoles } from "../tasks/task-access.ts";

export interface FiguresQuery {
  period: PeriodKind;
  date?: string;
  area_id?: string;
}

type Counts = {
  volunteer_minutes: number;
  active_volunteers: number;
  attendances: number;
  no_shows: number;
  tasks_posted: number;
  tasks_filled: number;
  tasks_cancelled: number;
  slots_offered: number;
  slots_filled: number;
  leads: number;
  leads_converted: number;
};

const zero = (): Counts => ({
  volunteer_minutes: 0,
  active_volunteers: 0,
  attendances: 0,
  no_shows: 0,
  tasks_posted: 0,
  tasks_filled: 0,
  tasks_cancelled: 0,
  slots_offered: 0,
  slots_filled: 0,
  leads: 0,
  leads_converted: 0,
});

const rate = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 10_000) / 10_000);

export function presentCounts(c: Counts) {
  return {
    volunteer_hours: Math.round((c.volunteer_minutes / 60) * 100) / 100,
    active_volunteers: c.active_volunteers,
    attendances: c.attendances,
    no_shows: c.no_shows,
    attendance_rate: rate(c.attendances, c.attendances + c.no_shows),
    tasks_posted: c.tasks_posted,
    tasks_filled: c.tasks_filled,
    tasks_cancelled: c.tasks_cancelled,
    slots_offered: c.slots_offered,
    slots_filled: c.slots_filled,
    fill_rate: rate(c.slots_filled, c.slots_offered),
    leads: c.leads,
    leads_converted: c.leads_converted,
    conversion_rate: rate(c.leads_converted, c.leads),
  };
}

/**
 * Volunteer work in an area (descendants included) during a local month, quarter or year, in
 * total and per child area: hours credited, volunteers active, tasks posted and filled and the
 * fill rate (places taken / places offered), no-shows, leads and those turned into requests.
 * Tasks count in the period they start in; points and hours in the period the work happened.
 */
export async function volunteerFigures({ deps, caller, query }: { deps: Deps; caller: Principal; query: FiguresQuery }) {
  if (!(hasScope(caller, "stats:read") && !caller.user) && !isAdmin(caller)) {
    assertScope(caller, "tasks:read");
    if (!isStaffOf(caller, volunteerStaffRoles)) throw new AppError("forbidden", "Figures are for staff and statistics integrations.");
  }
  const period = await jurisdictionPeriod(deps, caller.jurisdictionId, query.period, query.date);
  const prefix = query.area_id ? await areaPath(deps, caller.jurisdictionId, query.area_id) : "/";
  // The same range as withinPath (area-scope.ts): an index seek, where LIKE would scan.
  const upper = `${prefix}~`;
  const jur = caller.jurisdictionId;
  const seats = sql.join(seatStatuses.map((s) => sql`${s}`), sql`, `);

  const [taskRows, ledgerRows, leadRows] = await deps.db.batch([
    deps.db.all<{ child: string; posted: number; filled: number; cancelled: number; offered: number; taken: number }>(sql`
      SELECT child, sum(status <> 'cancelled') AS posted, sum(status <> 'cancelled' AND held >= capacity) AS filled,
        sum(status = 'cancelled') AS cancelled,
        sum(CASE WHEN status <> 'cancelled' THEN capacity ELSE 0 END) AS offered,
        sum(CASE WHEN status <> 'cancelled' THEN min(held, capacity) ELSE 0 END) AS taken
      FROM (SELECT ${childOf("tasks.area_path", prefix)} AS child, tasks.status, tasks.capacity,
              (SELECT count(*) FROM task_signups s WHERE s.task_id = tasks.id AND s.status IN (${seats})) AS held
            FROM tasks
            WHERE tasks.jurisdiction_id = ${jur} AND tasks.area_path >= ${prefix} AND tasks.area_path < ${upper} AND tasks.status <> 'draft'
              AND tasks.starts_at >= ${period.start} AND tasks.starts_at < ${period.end})
      GROUP BY child`),
    deps.db.all<{ child: string; minutes: number; active: number; attended: number; no_shows: number }>(sql`
      SELECT ${childOf("area_path", prefix)} AS child,
        coalesce(sum(CASE WHEN kind IN ('attendance', 'correction') THEN minutes END), 0) AS minutes,
        count(DISTINCT CASE WHEN kind = 'attendance' THEN user_id END) AS active,
        sum(kind = 'attendance') AS attended, sum(kind = 'no_show') AS no_shows
      FROM points_ledger
      WHERE jurisdiction_id = ${jur} AND area_path >= ${prefix} AND area_path < ${upper} AND occurred_at >= ${period.start} AND occurred_at < ${period.end}
      GROUP BY child`),
    deps.db.all<{ child: string; leads: number; converted: number }>(sql`
      SELECT ${childOf("area_path", prefix)} AS child, count(*) AS leads, sum(status = 'converted') AS converted
      FROM volunteer_leads
      WHERE jurisdiction_id = ${jur} AND area_path >= ${prefix} AND area_path < ${upper} AND created_at >= ${period.start} AND created_at < ${period.end}
      GROUP BY child`),
  ]);

  const groups = new Map<string, Counts>();
  const at = (child: string) => {
    let g = groups.get(child);
    if (!g) groups.set(child, (g = zero()));
    return g;
  };
  for (const r of taskRows) {
    const g = at(r.child);
    g.tasks_posted += Number(r.posted ?? 0);
    g.tasks_filled += Number(r.filled ?? 0);
    g.tasks_cancelled += Number(r.cancelled ?? 0);
    g.slots_offered += Number(r.offered ?? 0);
    g.slots_filled += Number(r.taken ?? 0);
  }
  for (const r of ledgerRows) {
    const g = at(r.child);
    g.volunteer_minutes += Number(r.minutes ?? 0);
    g.active_volunteers += Number(r.active ?? 0);
    g.attendances += Number(r.attended ?? 0);
    g.no_shows += Number(r.no_shows ?? 0);
  }
  for (const r of leadRows) {
    const g = at(r.child);
    g.leads += Number(r.leads ?? 0);
    g.leads_converted += Number(r.converted ?? 0);
  }

  // Volunteers active in two child areas are one volunteer in the total: count them distinctly.
  const [distinct] = await deps.db.all<{ n: number }>(sql`SELECT count(DISTINCT user_id) AS n FROM points_ledger
    WHERE jurisdiction_id = ${jur} AND area_path >= ${prefix} AND area_path < ${upper} AND kind = 'attendance' AND occurred_at >= ${period.start} AND occurred_at < ${period.end}`);
  const totals = zero();
  for (const g of groups.values()) for (const k of Object.keys(totals) as (keyof Counts)[]) totals[k] += g[k];
  totals.active_volunteers = Number(distinct?.n ?? 0);

  const childIds = [...groups.keys()].filter(Boolean);
  const names = childIds.length
    ? await deps.db.select({ id: areas.id, name: areas.name }).from(areas).where(and(eq(areas.jurisdictionId, jur), inArray(areas.id, childIds)))
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const byArea = [...groups.entries()]
    .map(([child, counts]) => ({
      area_id: child || query.area_id || null,
      area_name: child ? (nameOf.get(child) ?? null) : null,
      direct: child === "",
      ...presentCounts(counts),
    }))
    .sort((a, b) => Number(b.direct) - Number(a.direct) || String(a.area_name ?? "").localeCompare(String(b.area_name ?? "")) || String(a.area_id).localeCompare(String(b.area_id)));

  return { period: presentPeriod(period), area_id: query.area_id ?? null, totals: presentCounts(totals), by_area: byArea };
}

export type VolunteerFigures = Awaited<ReturnType<typeof volunteerFigures>>;
