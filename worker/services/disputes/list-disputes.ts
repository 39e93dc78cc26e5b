import { and, desc, eq, getTableColumns } from "drizzle-orm";
import { disputes, serviceRequests } from "../../db/schema/index.ts";
import type { DisputeGrade, MediationLevel } from "../../db/schema/disputes.ts";
import type { Deps, Principal } from "../../deps.ts";
import { decodeCursor, toPage } from "../../lib/pagination.ts";
import { areaPath, withinPath } from "../places/area-scope.ts";
import { afterKey } from "../../db/keyset.ts";
import { visibleWhere } from "../requests/viewer.ts";
import { presentDispute } from "./present-dispute.ts";
import { staffViewer } from "./staff-viewer.ts";

/** Disputes the caller may see, newest first, by grade, level, outcome and area. */
export async function listDisputes({
  deps,
  caller,
  query,
}: {
  deps: Deps;
  caller: Principal;
  query: { limit: number; cursor?: string; grade?: DisputeGrade; level?: MediationLevel; area_id?: string; open?: boolean };
}) {
  const viewer = await staffViewer(deps, caller);
  const after = query.cursor ? decodeCursor(query.cursor, 2) : null;
  const path = query.area_id ? await areaPath(deps, caller.jurisdictionId, query.area_id) : null;
  const rows = await deps.db
    .select(getTableColumns(disputes))
    .from(disputes)
    .innerJoin(serviceRequests, eq(serviceRequests.id, disputes.requestId))
    .where(
      and(
        eq(disputes.jurisdictionId, caller.jurisdictionId),
        visibleWhere(viewer),
        query.grade ? eq(disputes.grade, query.grade) : undefined,
        query.level ? eq(disputes.level, query.level) : undefined,
        path ? withinPath(disputes.areaPath, path) : undefined,
        query.open === undefined ? undefined : eq(serviceRequests.active, query.open),
        after ? afterKey([{ col: disputes.createdAt, desc: true }, { col: disputes.id, desc: true }], after) : undefined,
      ),
    )
    .orderBy(desc(disputes.createdAt), desc(disputes.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (d) => [d.createdAt, d.id], (d) => presentDispute(d));
}
