import { auditLog, volunteerTeams } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { areaPath } from "../places/area-scope.ts";
import { assertStaffFor, taskManagerRoles } from "../tasks/task-access.ts";
import { presentTeam } from "./present-volunteer.ts";

export async function createTeam({
  deps,
  caller,
  input,
  requestId,
}: {
  deps: Deps;
  caller: Principal;
  input: { name: string; description?: string; area_id?: string | null };
  requestId?: string;
}) {
  const path = input.area_id ? await areaPath(deps, caller.jurisdictionId, input.area_id) : null;
  // A county-wide team is an admin's to create; an officer creates teams inside their areas.
  assertStaffFor(caller, "tasks:write", taskManagerRoles, path);
  const t = deps.now();
  const row = {
    id: newId("volunteerTeam"),
    jurisdictionId: caller.jurisdictionId,
    name: input.name,
    description: input.description ?? null,
    areaId: input.area_id ?? null,
    areaPath: path,
    createdAt: t,
  };
  const [inserted] = await deps.db.batch([
    deps.db.insert(volunteerTeams).values(row).onConflictDoNothing().returning({ id: volunteerTeams.id }),
    deps.db.insert(auditLog).values(auditEntry(caller, t, { action: "volunteer_team.created", subjectType: "volunteer_team", subjectId: row.id, requestId })),
  ]);
  if (inserted.length === 0) throw new AppError("conflict", "A team with this name already exists.");
  return presentTeam(row);
}
