import { and, asc, count, eq, gte, inArray, isNotNull, lt, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { disputes, serviceRequests as r } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { iso } from "../../lib/time.ts";
import { areaPath, withinPath } from "../places/area-scope.ts";
import { isStaffViewer, viewerOf, visibleWhere } from "../requests/viewer.ts";
import { figurePeriod } from "./figure-period.ts";
import { requestFiguresByArea } from "./request-figures-by-area.ts";
import { disputeMeasures, requestMeasures, requestRates, round } from "./request-measures.ts";


/** Nearest-rank percentile straight from SQL (one indexed-order read), so no durations are loaded. */
async function percentile(deps: Deps, where: SQL | undefined, expr: SQL<number>, n: number, p: number): Promise<number | null> {
  if (n === 0) return null;
  const offset = Math.max(0, Math.ceil(p * n) - 1);
  const [row] = await deps.db.select({ v: expr }).from(r).where(where).orderBy(asc(expr)).limit(1).offset(offset);
  return row ? Number(row.v) : null;
}

async function countsBy(deps: Deps, where: SQL | undefined, col: SQLiteColumn) {
  const rows = await deps.db.select({ k: col, n: count() }).from(r).where(where).groupBy(col);
  return Object.fromEntries(rows.map((x) => [String(x.k ?? "none"), x.n]));
}

/**
 * The numbers the seeds judge their work by, for requests filed in [from, to) in an area (with
 * everything under it): counts by status, service group, service and channel; median and p90
 * first-response and resolution times; resolution rate; satisfaction; overdue; and for disputes,
 * counts by grade and level and the mediated rate. Staff get figures over what they may see.
 */
export async function getServiceRequestFigures({
  deps,
  caller,
  query,
}: {
  deps: Deps;
  caller: Principal;
  query: { area_id?: string; from?: string; to?: string };
}) {
  assertScope(caller, "stats:read");
  const viewer = await viewerOf(deps, caller);
  if (!isStaffViewer(viewer)) throw new AppError("forbidden", "Figures are for staff and integrations.");
  const t = deps.now();
  const { from, to } = await figurePeriod(deps, caller.jurisdictionId, query);
  const path = query.area_id ? await areaPath(deps, caller.jurisdictionId, query.area_id) : null;
  const base = and(eq(r.jurisdictionId, caller.jurisdictionId), visibleWhere(viewer), path ? withinPath(r.areaPath, path) : undefined, gte(r.createdAt, from), lt(r.createdAt, to));

  const responseExpr = sql<number>`(${r.firstRespondedAt} - ${r.createdAt})`;
  const resolutionExpr = sql<number>`(${r.resolvedAt} - ${r.createdAt})`;
  const responded = and(base, isNotNull(r.firstRespondedAt));
  const resolved = and(base, isNotNull(r.resolvedAt));

  const [[totals], byStatus, byGroup, byService, byChannel] = await Promise.all([
    deps.db
      .select(requestMeasures(t))
      .from(r)
      .where(base),
    countsBy(deps, base, r.status),
    countsBy(deps, base, r.serviceGroup),
    countsBy(deps, base, r.serviceCode),
    countsBy(deps, base, r.channel),
  ]);
  const n = totals!;
  const respondedN = Number(n.responded);
  const resolvedN = Number(n.resolved);
  const [respMedian, respP90, resMedian, resP90] = await Promise.all([
    percentile(deps, responded, responseExpr, respondedN, 0.5),
    percentile(deps, responded, responseExpr, respondedN, 0.9),
    percentile(deps, resolved, resolutionExpr, resolvedN, 0.5),
    percentile(deps, resolved, resolutionExpr, resolvedN, 0.9),
  ]);

  const dWhere = and(
    eq(disputes.jurisdictionId, caller.jurisdictionId),
    path ? withinPath(disputes.areaPath, path) : undefined,
    gte(disputes.createdAt, from),
    lt(disputes.createdAt, to),
    viewer.kind === "desk" ? undefined : inArray(disputes.requestId, deps.db.select({ id: r.id }).from(r).where(base)),
  );
  const [dGrades, dLevels, [dTotals], byArea] = await Promise.all([
    deps.db.select({ k: disputes.grade, n: count() }).from(disputes).where(dWhere).groupBy(disputes.grade),
    deps.db.select({ k: disputes.level, n: count() }).from(disputes).where(dWhere).groupBy(disputes.level),
    deps.db.select(disputeMeasures()).from(disputes).where(dWhere),
    requestFiguresByArea(deps, { jurisdictionId: caller.jurisdictionId, parentId: query.area_id ?? null, parentPath: path ?? "/", requests: base, disputes: dWhere, now: t }),
  ]);
  const dTotal = dTotals?.total ?? 0;
  const mediated = Number(dTotals?.mediated ?? 0);

  return {
    area_id: query.area_id ?? null,
    from: iso(from),
    to: iso(to),
    requests: {
      total: n.total,
      by_status: byStatus,
      by_group: byGroup,
      by_service: byService,
      by_channel: byChannel,
      first_response: { count: respondedN, median_minutes: round(respMedian === null ? null : respMedian / 60_000), p90_minutes: round(respP90 === null ? null : respP90 / 60_000) },
      resolution: { count: resolvedN, median_hours: round(resMedian === null ? null : resMedian / 3_600_000, 2), p90_hours: round(resP90 === null ? null : resP90 / 3_600_000, 2) },
      ...requestRates(n),
    },
    disputes: {
      total: dTotal,
      by_grade: Object.fromEntries(dGrades.map((x) => [x.k, x.n])),
      by_level: Object.fromEntries(dLevels.map((x) => [x.k, x.n])),
      mediated,
      mediated_rate: dTotal ? round(mediated / dTotal, 4) : null,
    },
    by_area: byArea,
  };
}
export type RequestFigures = Awaited<ReturnType<typeof getServiceRequestFigures>>;

/** The same figures as `section,metric,key,value` rows (UTF-8 with BOM, so Excel reads the Chinese). */
export function figuresCsv(f: RequestFigures): string {
  const rows: (string | number | null)[][] = [["section", "metric", "key", "value"]];
  rows.push(["period", "from", "", f.from], ["period", "to", "", f.to], ["period", "area_id", "", f.area_id]);
  const q = f.requests;
  rows.push(["requests", "total", "", q.total]);
  for (const [metric, m] of [["by_status", q.by_status], ["by_group", q.by_group], ["by_service", q.by_service], ["by_channel", q.by_channel]] as const) {
    for (const [k, v] of Object.entries(m)) rows.push(["requests", metric, k, v]);
  }
  rows.push(
    ["requests", "first_response", "count", q.first_response.count],
    ["requests", "first_response", "median_minutes", q.first_response.median_minutes],
    ["requests", "first_response", "p90_minutes", q.first_response.p90_minutes],
    ["requests", "resolution", "count", q.resolution.count],
    ["requests", "resolution", "median_hours", q.resolution.median_hours],
    ["requests", "resolution", "p90_hours", q.resolution.p90_hours],
    ["requests", "resolution_rate", "", q.resolution_rate],
    ["requests", "satisfaction", "rated", q.satisfaction.rated],
    ["requests", "satisfaction", "average", q.satisfaction.average],
    ["requests", "satisfaction", "satisfied_rate", q.satisfaction.satisfied_rate],
    ["requests", "overdue", "now", q.overdue.now],
    ["requests", "overdue", "ever", q.overdue.ever],
    ["disputes", "total", "", f.disputes.total],
  );
  for (const [k, v] of Object.entries(f.disputes.by_grade)) rows.push(["disputes", "by_grade", k, v]);
  for (const [k, v] of Object.entries(f.disputes.by_level)) rows.push(["disputes", "by_level", k, v]);
  rows.push(["disputes", "mediated", "", f.disputes.mediated], ["disputes", "mediated_rate", "", f.disputes.mediated_rate]);
  // One row per child area and measure, keyed by the area's id (its name is a row of its own).
  for (const { area_id, ...a } of f.by_area) for (const [metric, v] of Object.entries(a)) rows.push(["by_area", metric, area_id, v]);
  const cell = (v: string | number | null) => {
    const s = v === null ? "" : String(v);
    // Quote when needed, and defuse spreadsheet formulas in text cells.
    const safe = /^[=+\-@]/.test(s) && typeof v === "string" ? `'${s}` : s;
    return /[",\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return "\uFEFF" + rows.map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}
