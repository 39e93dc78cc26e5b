import { and, eq, sql } from "drizzle-orm";
import { areaHouseholdCounts, areas } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertRole, assertScope } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { coveringPaths } from "../alerts/targets.ts";
import { childAreas, childOf } from "./child-areas.ts";
import { figurePeriod } from "./figure-period.ts";

export const figureColumns = [
  "households",
  "alerts_sent",
  "deliveries",
  "reads",
  "acknowledgements",
  "read_rate",
  "reports",
  "indicators_confirmed",
  "interventions",
  "interventions_resolved",
  "stopped",
  "lost",
  "not_fraud",
  "amount_saved_fen",
  "amount_lost_fen",
  "app_installed",
  "responded_within_sla",
] as const;
type Column = (typeof figureColumns)[number];
export type Figures = Record<Column, number | null>;

const blank = (): Figures => Object.fromEntries(figureColumns.map((c) => [c, 0])) as Figures;

/**
 * Anti-fraud figures for an area and a period, one row per child area plus the total, in the
 * seeds' terms: alert reach (每次宣传查收人数) and read rate, reports and confirmed indicators,
 * interventions with amounts saved and lost. Each figure is one grouped query over an index
 * that leads with (jurisdiction, area path, time).
 */
export async function antiFraudFigures({ deps, caller, query }: { deps: Deps; caller: Principal; query: { area_id?: string; from?: string; to?: string } }) {
  assertScope(caller, "stats:read");
  assertRole(caller, "officer", "dispatcher", "grid_worker", "department_staff", "admin");
  const jur = caller.jurisdictionId;
  const { from, to, zone: tz } = await figurePeriod(deps, jur, query);

  let parent = { id: null as string | null, name: "", level: "jurisdiction", path: "/" };
  if (query.area_id) {
    const [a] = await deps.db.select().from(areas).where(and(eq(areas.id, query.area_id), eq(areas.jurisdictionId, jur)));
    if (!a) throw new AppError("not_found", "No such area in this jurisdiction.");
    parent = { id: a.id, name: a.name, level: a.level, path: a.path };
  }
  const P = parent.path;
  const within = `${P}%`;
  const covering = coveringPaths(parent.path === "/" ? [] : [parent.path]);
  // Reports from someone with no known area count for the jurisdiction as a whole.
  const reportIn = (col: string) => (P === "/" ? sql.raw("1 = 1") : sql`${sql.raw(col)} LIKE ${within}`);

  const [children, households, targets, receipts, reports, confirmed, confirmedTotal, cases] = await deps.db.batch([
    childAreas(deps, jur, parent.id),
    deps.db
      .select({ child: sql<string>`${childOf("a.path", P)}`, n: sql<number>`sum(${areaHouseholdCounts.households})` })
      .from(areaHouseholdCounts)
      .innerJoin(sql`areas a`, sql`a.id = ${areaHouseholdCounts.areaId}`)
      .where(and(eq(areaHouseholdCounts.jurisdictionId, jur), sql`a.path LIKE ${within}`))
      .groupBy(sql`1`),
    // Alerts sent in the period that reach into the area: aimed at it, above it, or inside it.
    deps.db.all<{ alert_id: string; target_path: string }>(sql`
      SELECT t.alert_id, t.target_path FROM alert_targets t JOIN alerts a ON a.id = t.alert_id
      WHERE t.jurisdiction_id = ${jur} AND t.sent_at >= ${from} AND t.sent_at < ${to} AND a.msg_type != 'Cancel'
        AND (t.target_path IN (${sql.join(covering.map((p) => sql`${p}`), sql`, `)}) OR t.target_path LIKE ${within})
    `),
    deps.db.all<{ child: string; deliveries: number; reads: number; acks: number }>(sql`
      SELECT ${childOf("area_path", P)} AS child, count(*) AS deliveries, count(read_at) AS reads, count(acknowledged_at) AS acks
      FROM alert_receipts WHERE jurisdiction_id = ${jur} AND area_path LIKE ${within} AND delivered_at >= ${from} AND delivered_at < ${to}
      GROUP BY 1
    `),
    deps.db.all<{ child: string; n: number }>(sql`
      SELECT ${childOf("area_path", P)} AS child, count(*) AS n FROM fraud_reports
      WHERE jurisdiction_id = ${jur} AND ${reportIn("area_path")} AND created_at >= ${from} AND created_at < ${to}
      GROUP BY 1
    `),
    // An indicator confirmed in the period counts for every area it was reported from.
    deps.db.all<{ child: string; n: number }>(sql`
      SELECT ${childOf("r.area_path", P)} AS child, count(DISTINCT i.id) AS n
      FROM fraud_indicators i JOIN fraud_reports r ON r.indicator_id = i.id
      WHERE i.jurisdiction_id = ${jur} AND i.status = 'confirmed' AND i.decided_at >= ${from} AND i.decided_at < ${to} AND ${reportIn("r.area_path")}
      GROUP BY 1
    `),
    // …but once in the total, however many areas reported it.
    deps.db.all<{ n: number }>(sql`
      SELECT count(DISTINCT i.id) AS n
      FROM fraud_indicators i JOIN fraud_reports r ON r.indicator_id = i.id
      WHERE i.jurisdiction_id = ${jur} AND i.status = 'confirmed' AND i.decided_at >= ${from} AND i.decided_at < ${to} AND ${reportIn("r.area_path")}
    `),
    deps.db.all<{ child: string; n: number; resolved: number; stopped: number; lost: number; not_fraud: number; saved: number; lost_fen: number; app: number; in_sla: number }>(sql`
      SELECT ${childOf("area_path", P)} AS child, count(*) AS n,
        count(resolved_at) AS resolved,
        sum(outcome = 'stopped') AS stopped, sum(outcome = 'lost') AS lost, sum(outcome = 'not_fraud') AS not_fraud,
        coalesce(sum(amount_saved_fen), 0) AS saved, coalesce(sum(amount_lost_fen), 0) AS lost_fen,
        sum(anti_fraud_app_installed = 1) AS app, sum(responded_at IS NOT NULL AND responded_at <= response_due_at) AS in_sla
      FROM interventions WHERE jurisdiction_id = ${jur} AND area_path LIKE ${within} AND created_at >= ${from} AND created_at < ${to}
      GROUP BY 1
    `),
  ]);

  const rows = new Map(children.map((c) => [c.id, { area_id: c.id, name: c.name, level: c.level, ...blank() }]));
  const total = { area_id: parent.id, name: parent.name, level: parent.level, ...blank() };
  const add = (child: string | null | undefined, col: Column, n: number | null | undefined) => {
    const v = Number(n ?? 0);
    (total[col] as number) += v;
    const r = child ? rows.get(child) : undefined;
    if (r) (r[col] as number) += v;
  };
  for (const h of households) add(h.child, "households", h.n);
  for (const r of receipts) {
    add(r.child, "deliveries", r.deliveries);
    add(r.child, "reads", r.reads);
    add(r.child, "acknowledgements", r.acks);
  }
  for (const r of reports) add(r.child, "reports", r.n);
  for (const r of confirmed) add(r.child, "indicators_confirmed", r.n);
  total.indicators_confirmed = Number(confirmedTotal[0]?.n ?? 0);
  for (const c of cases) {
    add(c.child, "interventions", c.n);
    add(c.child, "interventions_resolved", c.resolved);
    add(c.child, "stopped", c.stopped);
    add(c.child, "lost", c.lost);
    add(c.child, "not_fraud", c.not_fraud);
    add(c.child, "amount_saved_fen", c.saved);
    add(c.child, "amount_lost_fen", c.lost_fen);
    add(c.child, "app_installed", c.app);
    add(c.child, "responded_within_sla", c.in_sla);
  }
  // An alert counts once for the total, and once for each child it reaches (aimed above, at or inside it).
  total.alerts_sent = new Set(targets.map((t) => t.alert_id)).size;
  for (const r of rows.values()) {
    const path = children.find((c) => c.id === r.area_id)!.path;
    r.alerts_sent = new Set(targets.filter((t) => path.startsWith(t.target_path) || t.target_path.startsWith(path)).map((t) => t.alert_id)).size;
  }
  const rate = (f: Figures) => ({ ...f, read_rate: f.deliveries ? Math.round(((f.reads ?? 0) / (f.deliveries ?? 1)) * 10_000) / 10_000 : null });
  return {
    area_id: parent.id,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    timezone: tz,
    total: rate(total) as typeof total,
    rows: [...rows.values()].map((r) => rate(r) as typeof r),
  };
}

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are defused with a leading quote. */
export function figuresCsv(result: Awaited<ReturnType<typeof antiFraudFigures>>): string {
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const header = ["area_id", "name", "level", ...figureColumns, "from", "to"];
  const line = (r: { area_id: string | null; name: string; level: string } & Figures) =>
    [r.area_id ?? "", r.name, r.level, ...figureColumns.map((c) => r[c]), result.from, result.to].map(cell).join(",");
  return [header.join(","), ...result.rows.map(line), line({ ...result.total, name: result.total.name || "合计", level: `${result.total.level} (total)` })].join("\r\n") + "\r\n";
}
