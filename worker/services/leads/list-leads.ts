import { and, desc, eq } from "drizzle-orm";
import { volunteerLeads } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { afterCursor } from "../../db/keyset.ts";
import { toPage } from "../../lib/pagination.ts";
import { areaPath, withinPath } from "../places/area-scope.ts";
import { isStaffOf, volunteerStaffRoles } from "../tasks/task-access.ts";
import { presentLead } from "./present-lead.ts";

export interface ListLeadsQuery {
  limit: number;
  cursor?: string;
  area_id?: string;
  task_id?: string;
  status?: "new" | "converted" | "dismissed";
  request_id?: string;
}

/** Staff see the jurisdiction's leads (filter by area, task, status, request); a volunteer sees their own. Newest first. */
export async function listLeads({ deps, caller, query }: { deps: Deps; caller: Principal; query: ListLeadsQuery }) {
  assertScope(caller, "tasks:read");
  const staff = isStaffOf(caller, volunteerStaffRoles);
  const path = query.area_id ? await areaPath(deps, caller.jurisdictionId, query.area_id) : null;
  const rows = await deps.db
    .select()
    .from(volunteerLeads)
    .where(
      and(
        eq(volunteerLeads.jurisdictionId, caller.jurisdictionId),
        staff ? undefined : eq(volunteerLeads.userId, caller.user?.id ?? ""),
        path ? withinPath(volunteerLeads.areaPath, path) : undefined,
        query.task_id ? eq(volunteerLeads.taskId, query.task_id) : undefined,
        query.status ? eq(volunteerLeads.status, query.status) : undefined,
        query.request_id ? eq(volunteerLeads.requestId, query.request_id) : undefined,
        afterCursor(query.cursor, [{ col: volunteerLeads.createdAt, desc: true }, { col: volunteerLeads.id, desc: true }]),
      ),
    )
    .orderBy(desc(volunteerLeads.createdAt), desc(volunteerLeads.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.createdAt, r.id], presentLead);
}
