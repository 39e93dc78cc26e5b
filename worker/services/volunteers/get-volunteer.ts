import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { isStaffOf, volunteerStaffRoles } from "../tasks/task-access.ts";
import { loadVolunteer } from "./load-volunteer.ts";

/** Staff read any volunteer of the jurisdiction; a volunteer reads only themselves (others: 404). */
export async function getVolunteer({ deps, caller, userId }: { deps: Deps; caller: Principal; userId: string }) {
  assertScope(caller, "tasks:read");
  if (!isStaffOf(caller, volunteerStaffRoles) && caller.user?.id !== userId) throw new AppError("not_found", "No such volunteer.");
  return loadVolunteer(deps, caller.jurisdictionId, userId);
}
