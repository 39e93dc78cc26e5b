import { sql, type SQL } from "drizzle-orm";
import { disputes, serviceRequests as r } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { childAreas, childOf } from "./child-areas.ts";
import { disputeMeasures, requestMeasures, requestRates, round } from "./request-measures.ts";

/**
 * The period's requests and disputes for each child area (the communities of a town, the towns of
 * the county), so a station compares them on one screen. Requests filed at the parent area itself
 * count in the totals only. Each is one grouped query over the area-path index.
 */
export async function requestFiguresByArea(
  deps: Deps,
  p: { jurisdictionId: string; parentId: string | null; parentPath: string; requests: SQL | undefined; disputes: SQL | undefined; now: number },
) {
  const [children, requestRows, disputeRows] = await Promise.all([
    childAreas(deps, p.jurisdictionId, p.parentId),
    deps.db
      .select({ child: sql<string>`${childOf("service_requests.area_path", p.parentPath)}`, ...requestMeasures(p.now) })
      .from(r)
      .where(p.requests)
      .groupBy(sql`1`),
    deps.db
      .select({ child: sql<string>`${childOf("disputes.area_path", p.parentPath)}`, ...disputeMeasures() })
      .from(disputes)
      .where(p.disputes)
      .groupBy(sql`1`),
  ]);
  return children.map((area) => {
    const q = requestRows.find((x) => x.child === area.id);
    const d = disputeRows.find((x) => x.child === area.id);
    const rates = q ? requestRates(q) : null;
    return {
      area_id: area.id,
      name: area.name,
      level: area.level,
      total: q?.total ?? 0,
      resolved: Number(q?.resolved ?? 0),
      resolution_rate: rates?.resolution_rate ?? null,
      overdue_now: rates?.overdue.now ?? 0,
      rated: rates?.satisfaction.rated ?? 0,
      satisfaction_average: rates?.satisfaction.average ?? null,
      disputes: d?.total ?? 0,
      mediated_rate: d?.total ? round(Number(d.mediated) / d.total, 4) : null,
    };
  });
}
