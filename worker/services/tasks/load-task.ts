import { and, eq, sql } from "drizzle-orm";
import { seatStatuses, tasks } from "../../db/schema/index.ts";
import type { SignupStatus } from "../../db/schema/task-signups.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { isStaffOf, volunteerStaffRoles } from "./task-access.ts";

export type TaskRow = typeof tasks.$inferSelect;
export type TaskView = { task: TaskRow; seats: number; waitlisted: number; distanceM?: number | null; mySignup?: { id: string; status: SignupStatus } | null };

const inList = (xs: readonly string[]) => sql.join(xs.map((x) => sql`${x}`), sql`, `);

/**
 * Correlated counts for a task row in a select: places held and the waitlist length. The outer
 * column is spelled out (`tasks.id`): drizzle renders `${tasks.id}` unqualified in a one-table
 * select, which inside the subquery would silently mean the subquery's own `id`.
 */
export const seatCount = sql<number>`(SELECT count(*) FROM task_signups s WHERE s.task_id = tasks.id AND s.status IN (${inList(seatStatuses)}))`;
export const waitlistCount = sql<number>`(SELECT count(*) FROM task_signups s WHERE s.task_id = tasks.id AND s.status = 'waitlisted')`;
/** The caller's own sign-up, as `id|status`, so a list can show "you're in" without another round trip. */
export const mySignupOf = (userId: string | undefined) =>
  userId
    ? sql<string | null>`(SELECT s.id || '|' || s.status FROM task_signups s WHERE s.task_id = tasks.id AND s.user_id = ${userId})`
    : sql<string | null>`NULL`;

export const parseMySignup = (v: string | null | undefined) => {
  if (!v) return null;
  const [id, status] = v.split("|");
  return { id: id!, status: status as SignupStatus };
};

/** Drafts are the staff's working copies: anyone else gets 404 for them, as for another tenant's task. */
export async function loadTaskView(deps: Deps, caller: Principal, id: string): Promise<TaskView> {
  const [row] = await deps.db
    .select({ task: tasks, seats: seatCount, waitlisted: waitlistCount, mine: mySignupOf(caller.user?.id) })
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.jurisdictionId, caller.jurisdictionId)));
  if (!row || (row.task.status === "draft" && !isStaffOf(caller, volunteerStaffRoles))) throw new AppError("not_found", "No such task.");
  return { task: row.task, seats: Number(row.seats), waitlisted: Number(row.waitlisted), mySignup: parseMySignup(row.mine) };
}

export async function loadTask(deps: Deps, caller: Principal, id: string): Promise<TaskRow> {
  return (await loadTaskView(deps, caller, id)).task;
}

