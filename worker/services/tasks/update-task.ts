import { and, eq, inArray, sql } from "drizzle-orm";
import { auditLog, tasks } from "../../db/schema/index.ts";
import { isGuardFailure, requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { promoteWaitlist, seatsHeld } from "../signups/signup-sql.ts";
import { loadTask } from "./load-task.ts";
import { assertStaffFor, taskManagerRoles } from "./task-access.ts";

export interface TaskPatch {
  title?: string;
  description?: string | null;
  address?: string | null;
  capacity?: number;
}

/**
 * Edit what can change after posting. Raising the capacity promotes from the waitlist in the same
 * batch; lowering it below the places already held is refused (nobody confirmed is bumped), and
 * that check is part of the UPDATE itself, so a sign-up racing the edit cannot slip past it.
 */
export async function updateTask({ deps, caller, id, patch, requestId }: { deps: Deps; caller: Principal; id: string; patch: TaskPatch; requestId?: string }) {
  const task = await loadTask(deps, caller, id);
  assertStaffFor(caller, "tasks:write", taskManagerRoles, task.areaPath);
  if (!["draft", "open", "full"].includes(task.status)) {
    throw new AppError("invalid_transition", `A ${task.status} task cannot be edited.`, { extensions: { status_now: task.status } });
  }
  const at = deps.now();
  const set = {
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.address !== undefined ? { address: patch.address } : {}),
    ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}),
    updatedAt: at,
  };
  try {
    await deps.db.batch([
      deps.db
        .update(tasks)
        .set(set)
        .where(
          and(
            eq(tasks.id, id),
            eq(tasks.jurisdictionId, caller.jurisdictionId),
            inArray(tasks.status, ["draft", "open", "full"]),
            patch.capacity !== undefined ? sql`${seatsHeld(sql`tasks.id`)} <= ${patch.capacity}` : undefined,
          ),
        ),
      deps.db.run(requireChanged()),
      ...promoteWaitlist(deps, { jurisdictionId: caller.jurisdictionId, taskId: id, at, opId: newId("outbox") }),
      deps.db.insert(auditLog).values(auditEntry(caller, at, { action: "task.updated", subjectType: "task", subjectId: id, detail: { fields: Object.keys(patch) }, requestId })),
    ]);
  } catch (err) {
    if (patch.capacity !== undefined && isGuardFailure(err)) {
      throw new AppError("conflict", "More volunteers already hold places than the new capacity; they are not bumped.", {
        extensions: { reason: "capacity_below_confirmed" },
      });
    }
    throw err;
  }
  return id;
}
