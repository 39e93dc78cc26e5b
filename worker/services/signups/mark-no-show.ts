import { and, eq } from "drizzle-orm";
import { auditLog, taskSignups } from "../../db/schema/index.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { actorOf, auditEntry } from "../audit/record-audit.ts";
import { noShowPenalty } from "../points/ledger-entry.ts";
import { assertStaffFor, volunteerStaffRoles } from "../tasks/task-access.ts";
import { loadSignup } from "./load-signup.ts";

/**
 * Staff flag a confirmed volunteer who never checked in, once the window has ended (the
 * scheduled job does the same for everyone left after the check-out slack). Costs the task's
 * no-show penalty.
 */
export async function markNoShow({ deps, caller, signupId, requestId }: { deps: Deps; caller: Principal; signupId: string; requestId?: string }) {
  const { signup, task } = await loadSignup(deps, caller, signupId);
  assertStaffFor(caller, "tasks:write", volunteerStaffRoles, task.areaPath);
  if (signup.status !== "confirmed") {
    throw new AppError("invalid_transition", `A ${signup.status} sign-up cannot be marked as a no-show.`, { extensions: { status_now: signup.status } });
  }
  const at = deps.now();
  if (at < task.endsAt) throw new AppError("invalid_transition", "A no-show is flagged only after the task's window has ended.");
  await deps.db.batch([
    deps.db
      .update(taskSignups)
      .set({ status: "no_show", noShowAt: at, version: signup.version + 1, updatedAt: at })
      .where(and(eq(taskSignups.id, signup.id), eq(taskSignups.status, "confirmed"), eq(taskSignups.version, signup.version))),
    deps.db.run(requireChanged()),
    noShowPenalty(deps, { signupId: signup.id, penalty: task.noShowPenalty, occurredAt: task.startsAt, createdBy: actorOf(caller), at }),
    deps.db.insert(auditLog).values(auditEntry(caller, at, { action: "signup.no_show", subjectType: "task_signup", subjectId: signup.id, requestId })),
  ]);
  return signup.id;
}
