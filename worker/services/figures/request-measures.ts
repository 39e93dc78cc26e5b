import { count, inArray, sql } from "drizzle-orm";
import { disputes, serviceRequests as r } from "../../db/schema/index.ts";

/** Withdrawn, duplicate and invalid requests were never the agencies' to resolve. */
const dropped = inArray(r.status, ["withdrawn", "duplicate", "invalid"]);

/** The aggregates every request figure is computed from, for one SELECT over service_requests. */
export const requestMeasures = (now: number) => ({
  total: count(),
  responded: sql<number>`count(${r.firstRespondedAt})`,
  resolved: sql<number>`count(${r.resolvedAt})`,
  dropped: sql<number>`coalesce(sum(CASE WHEN ${dropped} THEN 1 ELSE 0 END), 0)`,
  rated: sql<number>`count(${r.rating})`,
  ratingSum: sql<number>`coalesce(sum(${r.rating}), 0)`,
  satisfied: sql<number>`coalesce(sum(CASE WHEN ${r.rating} >= 4 THEN 1 ELSE 0 END), 0)`,
  everOverdue: sql<number>`count(${r.overdueSince})`,
  overdueNow: sql<number>`coalesce(sum(CASE WHEN ${r.active} = 1 AND (${r.resolutionDueAt} < ${now} OR (${r.status} IN ('dispatched','transferred') AND ${r.firstResponseDueAt} < ${now})) THEN 1 ELSE 0 END), 0)`,
});

export const disputeMeasures = () => ({
  total: count(),
  mediated: sql<number>`coalesce(sum(CASE WHEN ${disputes.outcome} = 'mediated' THEN 1 ELSE 0 END), 0)`,
});

export const round = (x: number | null, digits = 1) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** Resolution rate, satisfaction and overdue from the aggregates (as the driver hands them over). */
export function requestRates(m: { total: number; resolved: unknown; dropped: unknown; rated: unknown; ratingSum: unknown; satisfied: unknown; overdueNow: unknown; everOverdue: unknown }) {
  const countable = m.total - Number(m.dropped);
  const rated = Number(m.rated);
  return {
    resolution_rate: countable > 0 ? round(Number(m.resolved) / countable, 4) : null,
    satisfaction: { rated, average: rated ? round(Number(m.ratingSum) / rated, 2) : null, satisfied_rate: rated ? round(Number(m.satisfied) / rated, 4) : null },
    overdue: { now: Number(m.overdueNow), ever: Number(m.everOverdue) },
  };
}
