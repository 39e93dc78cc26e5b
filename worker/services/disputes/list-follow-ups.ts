import { and, asc, eq, getTableColumns, lte } from "drizzle-orm";
import { disputeFollowUps, serviceRequests } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { decodeCursor, toPage } from "../../lib/pagination.ts";
import { afterKey } from "../../db/keyset.ts";
import { visibleWhere } from "../requests/viewer.ts";
import { presentFollowUp } from "./present-dispute.ts";
import { staffViewer } from "./staff-viewer.ts";

/** Scheduled 回访 visits, soonest due first (`due_before` for what is due by a date). */
export async function listDisputeFollowUps({ deps, caller, query }: { deps: Deps; caller: Principal; query: { limit: number; cursor?: string; due_before?: string } }) {
  const viewer = await staffViewer(deps, caller);
  const after = query.cursor ? decodeCursor(query.cursor, 2) : null;
  const f = disputeFollowUps;
  const rows = await deps.db
    .select(getTableColumns(f))
    .from(f)
    .innerJoin(serviceRequests, eq(serviceRequests.id, f.requestId))
    .where(
      and(
        eq(f.jurisdictionId, caller.jurisdictionId),
        eq(f.status, "scheduled"),
        visibleWhere(viewer),
        query.due_before ? lte(f.dueAt, Date.parse(query.due_before)) : undefined,
        after ? afterKey([{ col: f.dueAt }, { col: f.id }], after) : undefined,
      ),
    )
    .orderBy(asc(f.dueAt), asc(f.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (x) => [x.dueAt, x.id], presentFollowUp);
}
