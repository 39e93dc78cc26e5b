import { and, asc, eq, gt, inArray, or } from "drizzle-orm";
import { taskSignups, users } from "../../db/schema/index.ts";
import type { SignupStatus } from "../../db/schema/task-signups.ts";
import type { Deps, Principal } from "../../deps.ts";
import { decodeCursor, toPage } from "../../lib/pagination.ts";
import { loadTask } from "../tasks/load-task.ts";
import { assertStaffFor, volunteerStaffRoles } from "../tasks/task-access.ts";
import { presentSignup, waitlistPosition } from "./present-signup.ts";

export type SignupQuery = { limit: number; cursor?: string; status?: SignupStatus[] };

/** A task's roster for staff of its area, in sign-up order (the waitlist order). Names masked. */
export async function listTaskSignups({ deps, caller, taskId, query }: { deps: Deps; caller: Principal; taskId: string; query: SignupQuery }) {
  const task = await loadTask(deps, caller, taskId);
  assertStaffFor(caller, "tasks:read", volunteerStaffRoles, task.areaPath);
  const after = query.cursor ? decodeCursor(query.cursor, 2) : null;
  const rows = await deps.db
    .select({ signup: taskSignups, position: waitlistPosition, displayName: users.displayName })
    .from(taskSignups)
    .innerJoin(users, eq(users.id, taskSignups.userId))
    .where(
      and(
        eq(taskSignups.taskId, taskId),
        eq(taskSignups.jurisdictionId, caller.jurisdictionId),
        query.status?.length ? inArray(taskSignups.status, query.status) : undefined,
        after
          ? or(gt(taskSignups.createdAt, Number(after[0])), and(eq(taskSignups.createdAt, Number(after[0])), gt(taskSignups.id, String(after[1]))))
          : undefined,
      ),
    )
    .orderBy(asc(taskSignups.createdAt), asc(taskSignups.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.signup.createdAt, r.signup.id], (r) =>
    presentSignup(r.signup, { waitlistPosition: r.position === null ? null : Number(r.position), displayName: r.displayName }),
  );
}
