import { and, asc, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import { fraudIndicators, interventionEvents, interventionIndicators, interventions } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { afterCursor } from "../../db/keyset.ts";
import { toPage } from "../../lib/pagination.ts";
import { areaPath, withinPath } from "../places/area-scope.ts";
import { assertInterventionStaff, findVisible, visibleTo } from "./access.ts";
import { presentEvent, presentIntervention } from "./present.ts";

export async function getIntervention({ deps, caller, id }: { deps: Deps; caller: Principal; id: string }) {
  assertInterventionStaff(caller, "interventions:read");
  const row = await findVisible(deps, caller, id);
  const [events, indicators] = await Promise.all([
    deps.db.select().from(interventionEvents).where(eq(interventionEvents.interventionId, row.id)).orderBy(asc(interventionEvents.at), asc(interventionEvents.id)),
    deps.db
      .select({ id: fraudIndicators.id, kind: fraudIndicators.kind, display: fraudIndicators.display, status: fraudIndicators.status, report_count: fraudIndicators.reportCount })
      .from(interventionIndicators)
      .innerJoin(fraudIndicators, eq(fraudIndicators.id, interventionIndicators.indicatorId))
      .where(and(eq(interventionIndicators.interventionId, row.id), eq(interventionIndicators.jurisdictionId, row.jurisdictionId)))
      .orderBy(asc(interventionIndicators.addedAt), asc(fraudIndicators.id)),
  ]);
  return { ...presentIntervention(row, deps.now()), timeline: events.map(presentEvent), indicators };
}

type Query = { limit: number; cursor?: string; status?: "open" | "acknowledged" | "resolved"; overdue?: boolean; area_id?: string; assigned_to_me?: boolean };

/** Newest first; `overdue` is the desk's watch list. */
export async function listInterventions({ deps, caller, query }: { deps: Deps; caller: Principal; query: Query }) {
  assertInterventionStaff(caller, "interventions:read");
  const now = deps.now();
  const rows = await deps.db
    .select()
    .from(interventions)
    .where(
      and(
        await visibleTo(deps, caller),
        query.status ? eq(interventions.status, query.status) : undefined,
        query.overdue === true ? and(isNull(interventions.respondedAt), eq(interventions.status, "open"), lt(interventions.responseDueAt, now)) : undefined,
        query.overdue === false ? or(gt(interventions.responseDueAt, now), eq(interventions.status, "resolved"), eq(interventions.status, "acknowledged")) : undefined,
        query.area_id ? withinPath(interventions.areaPath, await areaPath(deps, caller.jurisdictionId, query.area_id)) : undefined,
        query.assigned_to_me && caller.user ? eq(interventions.assignedOfficerId, caller.user.id) : undefined,
        afterCursor(query.cursor, [{ col: interventions.createdAt, desc: true }, { col: interventions.id, desc: true }]),
      ),
    )
    .orderBy(desc(interventions.createdAt), desc(interventions.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.createdAt, r.id], (r) => presentIntervention(r, now));
}
