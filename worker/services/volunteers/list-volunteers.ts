import { and, desc, eq, sql } from "drizzle-orm";
import { users, volunteerProfiles, volunteerTeams } from "../../db/schema/index.ts";
import type { VolunteerStatus } from "../../db/schema/volunteer-profiles.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { afterCursor } from "../../db/keyset.ts";
import { toPage } from "../../lib/pagination.ts";
import { AppError } from "../../lib/problem.ts";
import { areaPath, withinPath } from "../places/area-scope.ts";
import { isStaffOf, volunteerStaffRoles } from "../tasks/task-access.ts";
import { presentVolunteer, type VolunteerRow } from "./present-volunteer.ts";

export interface ListVolunteersQuery {
  limit: number;
  cursor?: string;
  status?: VolunteerStatus;
  team_id?: string;
  area_id?: string;
  skill?: string;
}

/** Staff only, newest first; filter by status (e.g. the pending queue), team, home area (with descendants), skill. */
export async function listVolunteers({ deps, caller, query }: { deps: Deps; caller: Principal; query: ListVolunteersQuery }) {
  assertScope(caller, "tasks:read");
  if (!isStaffOf(caller, volunteerStaffRoles)) throw new AppError("forbidden", "Only staff list volunteers.");
  const path = query.area_id ? await areaPath(deps, caller.jurisdictionId, query.area_id) : null;
  const rows = await deps.db
    .select({
      profile: volunteerProfiles,
      user: { displayName: users.displayName, phone: users.phone, role: users.role },
      team: { id: volunteerTeams.id, name: volunteerTeams.name },
    })
    .from(volunteerProfiles)
    .innerJoin(users, eq(users.id, volunteerProfiles.userId))
    .leftJoin(volunteerTeams, eq(volunteerTeams.id, volunteerProfiles.teamId))
    .where(
      and(
        eq(volunteerProfiles.jurisdictionId, caller.jurisdictionId),
        query.status ? eq(volunteerProfiles.status, query.status) : undefined,
        query.team_id ? eq(volunteerProfiles.teamId, query.team_id) : undefined,
        path ? withinPath(volunteerProfiles.homeAreaPath, path) : undefined,
        query.skill ? sql`EXISTS (SELECT 1 FROM json_each(${volunteerProfiles.skills}) WHERE value = ${query.skill})` : undefined,
        afterCursor(query.cursor, [{ col: volunteerProfiles.createdAt, desc: true }, { col: volunteerProfiles.userId, desc: true }]),
      ),
    )
    .orderBy(desc(volunteerProfiles.createdAt), desc(volunteerProfiles.userId))
    .limit(query.limit + 1);
  return toPage(rows as VolunteerRow[], query.limit, (r) => [r.profile.createdAt, r.profile.userId], presentVolunteer);
}
