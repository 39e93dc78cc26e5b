import { auditLog, volunteerTeams } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { areaPath } from "../places/area-scope.ts";
import { assertStaffFor, taskManagerRoles } from "../tasks/task-access.ts";
import { presentTeam } from "./present-volunteer.ts";
import { isGuardFailure, requireChanged } from "../../db/guard.ts";

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
  // The audit row is written only with the row it records: a taken name rolls both back.
  await deps.db
    .batch([
      deps.db.insert(volunteerTeams).values(row).onConflictDoNothing(),
      deps.db.run(requireChanged()),
      deps.db.insert(auditLog).values(auditEntry(caller, t, { action: "volunteer_team.created", subjectType: "volunteer_team", subjectId: row.id, requestId })),
    ])
    .catch((err) => {
      throw isGuardFailure(err) ? new AppError("conflict", "A team with this name already exists.") : err;
    });
  return presentTeam(row);
}
