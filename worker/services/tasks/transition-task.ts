import { and, eq, inArray } from "drizzle-orm";
import { auditLog, outbox, tasks } from "../../db/schema/index.ts";
import type { StoredTaskStatus } from "../../db/schema/tasks.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { outboxEntry } from "../events/outbox-entry.ts";
import { loadTask } from "./load-task.ts";
import { assertStaffFor, taskManagerRoles } from "./task-access.ts";
import { publishedEvents } from "./task-events.ts";

type Verb = "publish" | "cancel" | "complete";

const rules: Record<Verb, { from: StoredTaskStatus[]; to: StoredTaskStatus }> = {
  publish: { from: ["draft"], to: "open" },
  cancel: { from: ["draft", "open", "full"], to: "cancelled" },
  complete: { from: ["open", "full"], to: "completed" },
};

/**
 * Publish a draft, cancel, or complete a task. Each is one conditional UPDATE on the status the
 * caller saw, so two officers acting at once cannot both win. Completing is allowed once the
 * task has started (a search can end early when the person is found); sign-ups still confirmed
 * but never checked in are flagged as no-shows by the scheduled job after the window closes.
 */
export async function transitionTask({
  deps,
  caller,
  id,
  verb,
  reason,
  requestId,
}: {
  deps: Deps;
  caller: Principal;
  id: string;
  verb: Verb;
  reason?: string;
  requestId?: string;
}) {
  const task = await loadTask(deps, caller, id);
  assertStaffFor(caller, "tasks:write", taskManagerRoles, task.areaPath);
  const rule = rules[verb];
  if (!rule.from.includes(task.status)) {
    throw new AppError("invalid_transition", `A ${task.status} task cannot be ${verb === "complete" ? "completed" : `${verb}ed`}.`, {
      extensions: { status_now: task.status },
    });
  }
  const t = deps.now();
  if (verb === "publish" && task.endsAt <= t) throw new AppError("invalid_transition", "This task's window is over; it cannot be published.");
  if (verb === "complete" && t < task.startsAt) throw new AppError("invalid_transition", "A task cannot be completed before it starts; cancel it instead.");

  const set =
    verb === "publish"
      ? { status: rule.to, publishedAt: t, updatedAt: t }
      : verb === "cancel"
        ? { status: rule.to, cancelledAt: t, cancelReason: reason ?? null, updatedAt: t }
        : { status: rule.to, completedAt: t, updatedAt: t };
  const after = { ...task, ...set };
  await deps.db.batch([
    deps.db
      .update(tasks)
      .set(set)
      .where(and(eq(tasks.id, id), eq(tasks.jurisdictionId, caller.jurisdictionId), inArray(tasks.status, rule.from))),
    deps.db.run(requireChanged()),
    deps.db.insert(auditLog).values(
      auditEntry(caller, t, { action: `task.${rule.to}`, subjectType: "task", subjectId: id, detail: { from: task.status, reason }, requestId }),
    ),
    verb === "publish"
      ? publishedEvents(deps, after, t, task.agencyId)
      : deps.db.insert(outbox).values(
          outboxEntry(caller.jurisdictionId, t, {
            type: `task.${rule.to}`,
            agencyId: task.agencyId,
            payload: { task_id: id, status: rule.to, area_id: task.areaId },
          }),
        ),
  ]);
  return id;
}
