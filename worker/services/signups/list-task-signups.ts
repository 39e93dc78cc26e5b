import { and, asc, eq, inArray } from "drizzle-orm";
import { taskSignups, users } from "../../db/schema/index.ts";
import type { SignupStatus } from "../../db/schema/task-signups.ts";
import type { Deps, Principal } from "../../deps.ts";
import { afterCursor } from "../../db/keyset.ts";
import { toPage } from "../../lib/pagination.ts";
import { loadTask } from "../tasks/load-task.ts";
import { assertStaffFor, volunteerStaffRoles } from "../tasks/task-access.ts";
import { presentSignup, waitlistPosition } from "./present-signup.ts";

export type SignupQuery = { limit: number; cursor?: string; status?: SignupStatus[] };

/** A task's roster for staff of its area, in sign-up order (the waitlist order). Names masked. */
export async function listTaskSignups({ deps, caller, taskId, query }: { deps: Deps; caller: Principal; taskId: string; query: SignupQuery }) {
  const task = await loadTask(deps, caller, taskId);
  assertStaffFor(caller, "tasks:read", volunteerStaffRoles, task.areaPath);
  const rows = await deps.db
    .select({ signup: taskSignups, position: waitlistPosition, displayName: users.displayName })
    .from(taskSignups)
    .innerJoin(users, eq(users.id, taskSignups.userId))
    .where(
      and(
        eq(taskSignups.taskId, taskId),
        eq(taskSignups.jurisdictionId, caller.jurisdictionId),
        query.status?.length ? inArray(taskSignups.status, query.status) : undefined,
        afterCursor(query.cursor, [{ col: taskSignups.createdAt }, { col: taskSignups.id }]),
      ),
    )
    .orderBy(asc(taskSignups.createdAt), asc(taskSignups.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.signup.createdAt, r.signup.id], (r) =>
    presentSignup(r.signup, { waitlistPosition: r.position === null ? null : Number(r.position), displayName: r.displayName }),
  );
}
