import { and, eq } from "drizzle-orm";
import { taskSignups, tasks } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { isStaffOf, volunteerStaffRoles } from "../tasks/task-access.ts";
import { waitlistPosition, type SignupRow } from "./present-signup.ts";

export type SignupWithTask = { signup: SignupRow; task: typeof tasks.$inferSelect; position: number | null };

/**
 * A sign-up as its owner or staff may see it. Another volunteer gets 404: they must not learn
 * who signed up for what, let alone act on it.
 */
export async function loadSignup(deps: Deps, caller: Principal, id: string): Promise<SignupWithTask> {
  const [row] = await deps.db
    .select({ signup: taskSignups, task: tasks, position: waitlistPosition })
    .from(taskSignups)
    .innerJoin(tasks, eq(tasks.id, taskSignups.taskId))
    .where(and(eq(taskSignups.id, id), eq(taskSignups.jurisdictionId, caller.jurisdictionId)));
  if (!row) throw new AppError("not_found", "No such sign-up.");
  if (caller.user?.id !== row.signup.userId && !isStaffOf(caller, volunteerStaffRoles)) throw new AppError("not_found", "No such sign-up.");
  return { signup: row.signup, task: row.task, position: row.position === null ? null : Number(row.position) };
}

/**
 * For the acts only the volunteer can do (withdraw, check in, check out): staff get 403, anyone
 * else 404. Nobody checks in for someone else.
 */
export async function loadOwnSignup(deps: Deps, caller: Principal, id: string): Promise<SignupWithTask> {
  const row = await loadSignup(deps, caller, id);
  if (caller.user?.id !== row.signup.userId) throw new AppError("forbidden", "Only the volunteer who signed up can do this, with their own token.");
  return row;
}
