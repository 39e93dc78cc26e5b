import type { fraudIndicators, fraudReports } from "../../db/schema/index.ts";
import { iso, isoOrNull } from "../../lib/time.ts";

export type IndicatorRow = typeof fraudIndicators.$inferSelect;
export type ReportRow = typeof fraudReports.$inferSelect;

export function presentIndicator(r: IndicatorRow) {
  return {
    id: r.id,
    kind: r.kind,
    display: r.display,
    status: r.status,
    report_count: r.reportCount,
    first_reported_at: iso(r.firstReportedAt),
    last_reported_at: iso(r.lastReportedAt),
    decided_at: isoOrNull(r.decidedAt),
    decided_by: r.decidedBy,
    decision_note: r.decisionNote,
  };
}

/** A report as its reporter sees it: no reporter field, since it is theirs. */
export function presentReport(r: ReportRow, ind: IndicatorRow) {
  return {
    id: r.id,
    indicator: { id: ind.id, kind: ind.kind, display: ind.display, status: ind.status, report_count: ind.reportCount },
    reported_kind: r.reportedKind,
    narrative: r.narrative,
    amount_fen: r.amountFen,
    occurred_at: isoOrNull(r.occurredAt),
    area_id: r.areaId,
    photos: r.photos.map((p, index) => ({ index, content_type: p.content_type, size: p.size })),
    created_at: iso(r.createdAt),
    updated_at: iso(r.updatedAt),
  };
}

export const presentReportForStaff = (r: ReportRow, ind: IndicatorRow) => ({ ...presentReport(r, ind), reporter: r.reporter });
