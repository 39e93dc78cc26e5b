import { and, eq, inArray } from "drizzle-orm";
import { auditLog, outbox, pointsLedger, taskSignups } from "../../db/schema/index.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { actorOf, auditEntry } from "../audit/record-audit.ts";
import { outboxEntry } from "../events/outbox-entry.ts";
import { attendancePoints, ledgerEntry } from "../points/ledger-entry.ts";
import { assertStaffFor, volunteerStaffRoles } from "../tasks/task-access.ts";
import { loadSignup } from "./load-signup.ts";

const confirmable = ["confirmed", "checked_in", "checked_out", "no_show"] as const;

/**
 * Staff confirm that a volunteer served, crediting minutes (measured by check-in/out unless
 * staff give them, e.g. when a phone died on patrol) and points on the ledger, in one batch.
 * Overturning a no-show also reverses its penalty with a correction entry: the ledger itself is
 * never edited.
 */
export async function confirmAttendance({
  deps,
  caller,
  signupId,
  minutes,
  requestId,
}: {
  deps: Deps;
  caller: Principal;
  signupId: string;
  minutes?: number;
  requestId?: string;
}) {
  const { signup, task } = await loadSignup(deps, caller, signupId);
  assertStaffFor(caller, "tasks:write", volunteerStaffRoles, task.areaPath);
  if (caller.user?.id === signup.userId) throw new AppError("forbidden", "Nobody confirms their own attendance.");
  if (!(confirmable as readonly string[]).includes(signup.status)) {
    throw new AppError("invalid_transition", `A ${signup.status} sign-up cannot be confirmed as attended.`, { extensions: { status_now: signup.status } });
  }
  const at = deps.now();
  if (at < task.startsAt) throw new AppError("invalid_transition", "Attendance is confirmed once the task has started.");
  const credited = minutes ?? signup.minutes;
  if (credited === null || credited === undefined) {
    throw new AppError("validation_failed", "This volunteer did not check out; give the minutes served.", {
      extensions: { errors: [{ pointer: "/body/minutes", detail: "required when the volunteer has not checked out" }] },
    });
  }
  const maxMinutes = Math.floor((task.endsAt - task.startsAt) / 60_000);
  if (credited > maxMinutes) {
    throw new AppError("validation_failed", "More minutes than the task lasted.", {
      extensions: { errors: [{ pointer: "/body/minutes", detail: `at most ${maxMinutes}` }] },
    });
  }
  const penalties =
    signup.status === "no_show"
      ? await deps.db
          .select()
          .from(pointsLedger)
          .where(and(eq(pointsLedger.signupId, signup.id), eq(pointsLedger.kind, "no_show"), eq(pointsLedger.jurisdictionId, caller.jurisdictionId)))
      : [];
  const base = { jurisdictionId: caller.jurisdictionId, userId: signup.userId, taskId: task.id, signupId: signup.id, areaPath: task.areaPath, occurredAt: task.startsAt, createdBy: actorOf(caller), at };
  const points = attendancePoints(task.pointsPerHour, credited);
  await deps.db.batch([
    deps.db
      .update(taskSignups)
      .set({ status: "attended", creditedMinutes: credited, attendanceConfirmedAt: at, attendanceConfirmedBy: actorOf(caller), version: signup.version + 1, updatedAt: at })
      .where(and(eq(taskSignups.id, signup.id), inArray(taskSignups.status, [...confirmable]), eq(taskSignups.version, signup.version))),
    deps.db.run(requireChanged()),
    deps.db.insert(pointsLedger).values(ledgerEntry({ ...base, kind: "attendance", points, minutes: credited, reason: "attendance confirmed" })),
    ...penalties.map((p) =>
      deps.db
        .insert(pointsLedger)
        .values(ledgerEntry({ ...base, kind: "correction", points: -p.points, correctsEntryId: p.id, reason: "no-show overturned: attended" })),
    ),
    deps.db.insert(auditLog).values(
      auditEntry(caller, at, { action: "signup.attended", subjectType: "task_signup", subjectId: signup.id, detail: { minutes: credited, points }, requestId }),
    ),
    deps.db.insert(outbox).values(
      outboxEntry(caller.jurisdictionId, at, {
        type: "signup.attended",
        agencyId: task.agencyId,
        payload: { signup_id: signup.id, task_id: task.id, user_id: signup.userId, minutes: credited, points },
      }),
    ),
  ]);
  return signup.id;
}
