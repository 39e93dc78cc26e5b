import { and, eq, sql } from "drizzle-orm";
import { areas, fraudIndicators, fraudReports } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { actorOf } from "../audit/record-audit.ts";
import { assertInterventionStaff, findVisible } from "../interventions/access.ts";
import { indicatorKey } from "./indicator-key.ts";
import { normaliseInput } from "./input-error.ts";
import type { IndicatorKind, SocialPlatform } from "./normalize.ts";

export interface ReportInput {
  kind: IndicatorKind;
  value: string;
  platform?: SocialPlatform;
  narrative: string;
  amount_fen?: number;
  occurred_at?: string;
  area_id?: string;
  intervention_id?: string;
}

/** The reporter is whoever the credential says: the resident of a token, else the kiosk or integration key. */
export const reporterOf = (caller: Principal) => caller.user?.id ?? caller.keyId;

/**
 * The case a report is filed for: only staff who may work it can link to it, and what they
 * cannot see does not exist (404). The report then counts where the victim lives.
 */
async function caseOf(deps: Deps, caller: Principal, id: string | undefined) {
  if (id === undefined) return null;
  assertInterventionStaff(caller, "interventions:write");
  return findVisible(deps, caller, id);
}

async function reporterArea(deps: Deps, caller: Principal, areaId: string | undefined) {
  const id = areaId ?? caller.user?.areaIds[0];
  if (!id) return { areaId: null, areaPath: null };
  const [row] = await deps.db.select({ path: areas.path }).from(areas).where(and(eq(areas.id, id), eq(areas.jurisdictionId, caller.jurisdictionId)));
  if (!row) {
    if (areaId) throw new AppError("validation_failed", "No such area.", { extensions: { errors: [{ pointer: "/body/area_id", detail: "unknown area" }] } });
    return { areaId: null, areaPath: null };
  }
  return { areaId: id, areaPath: row.path };
}

/**
 * One batch: create the indicator or touch it, file this reporter's report (or revise their
 * earlier one: one reporter counts once), and recount distinct reporters. The raw value goes
 * nowhere: only its keyed hash and a masked form are written.
 */
export async function reportIndicator({ deps, caller, input }: { deps: Deps; caller: Principal; input: ReportInput }) {
  assertScope(caller, "fraud:report");
  const n = normaliseInput(input.kind, input.value, input.platform);
  const keyHash = await indicatorKey(deps.config, n.kind, n.canonical);
  const intervention = await caseOf(deps, caller, input.intervention_id);
  const place =
    intervention && input.area_id === undefined ? { areaId: intervention.areaId, areaPath: intervention.areaPath } : await reporterArea(deps, caller, input.area_id);
  const t = deps.now();
  const reporter = reporterOf(caller);
  const jur = caller.jurisdictionId;
  const indicatorWhere = and(eq(fraudIndicators.jurisdictionId, jur), eq(fraudIndicators.keyHash, keyHash));
  const occurredAt = input.occurred_at ? Date.parse(input.occurred_at) : null;

  const results = await deps.db.batch([
    deps.db
      .insert(fraudIndicators)
      .values({ id: newId("indicator"), jurisdictionId: jur, kind: n.kind, keyHash, display: n.display, status: "reported", reportCount: 0, firstReportedAt: t, lastReportedAt: t })
      .onConflictDoUpdate({ target: [fraudIndicators.jurisdictionId, fraudIndicators.keyHash], set: { lastReportedAt: sql`max(${fraudIndicators.lastReportedAt}, excluded.last_reported_at)` } }),
    deps.db.run(sql`
      INSERT INTO fraud_reports (id, jurisdiction_id, indicator_id, reporter, reported_kind, narrative, amount_fen, occurred_at, area_id, area_path, photos, created_at, updated_at)
      SELECT ${newId("fraudReport")}, ${jur}, i.id, ${reporter}, ${input.kind}, ${input.narrative}, ${input.amount_fen ?? null}, ${occurredAt}, ${place.areaId}, ${place.areaPath}, '[]', ${t}, ${t}
      FROM fraud_indicators i WHERE i.jurisdiction_id = ${jur} AND i.key_hash = ${keyHash}
      ON CONFLICT (indicator_id, reporter) DO UPDATE SET
        narrative = excluded.narrative, amount_fen = excluded.amount_fen, occurred_at = excluded.occurred_at,
        area_id = excluded.area_id, area_path = excluded.area_path, updated_at = excluded.updated_at
    `),
    deps.db
      .update(fraudIndicators)
      .set({ reportCount: sql`(SELECT count(*) FROM fraud_reports r WHERE r.indicator_id = ${fraudIndicators.id})` })
      .where(indicatorWhere),
    // The event in the same batch; its ids are only known inside it, so it is built in SQL.
    deps.db.run(sql`
      INSERT INTO outbox (id, jurisdiction_id, type, agency_id, payload, created_at, dispatched_at)
      SELECT ${newId("outbox")}, ${jur}, 'fraud.reported', NULL,
        json_object('indicator_id', i.id, 'report_id', r.id, 'kind', i.kind, 'status', i.status, 'report_count', i.report_count, 'intervention_id', ${intervention?.id ?? null}), ${t}, NULL
      FROM fraud_indicators i JOIN fraud_reports r ON r.indicator_id = i.id AND r.reporter = ${reporter}
      WHERE i.jurisdiction_id = ${jur} AND i.key_hash = ${keyHash}
    `),
    // Linked to the case (when filed for one) and on its timeline, masked as everywhere else.
    deps.db.run(sql`
      INSERT INTO intervention_indicators (intervention_id, indicator_id, jurisdiction_id, added_by, added_at)
      SELECT ${intervention?.id ?? null}, i.id, ${jur}, ${actorOf(caller)}, ${t}
      FROM fraud_indicators i WHERE ${intervention?.id ?? null} IS NOT NULL AND i.jurisdiction_id = ${jur} AND i.key_hash = ${keyHash}
      ON CONFLICT DO NOTHING
    `),
    deps.db.run(sql`
      INSERT INTO intervention_events (id, jurisdiction_id, intervention_id, type, actor, note, data, at)
      SELECT ${newId("interventionEvent")}, ${jur}, ${intervention?.id ?? null}, 'indicator_reported', ${actorOf(caller)}, NULL,
        json_object('indicator_id', i.id, 'kind', i.kind, 'display', i.display), ${t}
      FROM fraud_indicators i WHERE ${intervention?.id ?? null} IS NOT NULL AND i.jurisdiction_id = ${jur} AND i.key_hash = ${keyHash}
    `),
    deps.db.select().from(fraudIndicators).where(indicatorWhere),
    deps.db
      .select({ report: fraudReports })
      .from(fraudReports)
      .innerJoin(fraudIndicators, eq(fraudIndicators.id, fraudReports.indicatorId))
      .where(and(indicatorWhere, eq(fraudReports.reporter, reporter))),
  ]);
  const [indicator] = results[6];
  const [row] = results[7];
  if (!indicator || !row) throw new AppError("internal");
  return { report: row.report, indicator };
}
