import type { Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { isStaffOf, volunteerStaffRoles } from "../tasks/task-access.ts";

/** A volunteer reads their own points; staff read anyone's; others get 404. */
export function assertCanReadPoints(caller: Principal, userId: string) {
  assertScope(caller, "tasks:read");
  if (caller.user?.id !== userId && !isStaffOf(caller, volunteerStaffRoles)) throw new AppError("not_found", "No such volunteer.");
}
