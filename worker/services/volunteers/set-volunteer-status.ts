import { and, eq, inArray } from "drizzle-orm";
import { auditLog, outbox, volunteerProfiles } from "../../db/schema/index.ts";
import type { VolunteerStatus } from "../../db/schema/volunteer-profiles.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { actorOf, auditEntry } from "../audit/record-audit.ts";
import { outboxEntry } from "../events/outbox-entry.ts";
import { assertStaffFor, volunteerStaffRoles } from "../tasks/task-access.ts";
import { loadVolunteer } from "./load-volunteer.ts";

/** pending → verified → suspended, and back to verified when staff reinstate. */
const from: Record<"verified" | "suspended", VolunteerStatus[]> = {
  verified: ["pending", "suspended"],
  suspended: ["pending", "verified"],
};

export async function setVolunteerStatus({
  deps,
  caller,
  userId,
  to,
  reason,
  requestId,
}: {
  deps: Deps;
  caller: Principal;
  userId: string;
  to: "verified" | "suspended";
  reason?: string;
  requestId?: string;
}) {
  const current = await loadVolunteer(deps, caller.jurisdictionId, userId);
  assertStaffFor(caller, "tasks:write", volunteerStaffRoles, current.profile.homeAreaPath ?? undefined);
  if (caller.user?.id === userId) throw new AppError("forbidden", "Nobody verifies or suspends themselves.");
  if (!from[to].includes(current.profile.status)) {
    throw new AppError("invalid_transition", `A ${current.profile.status} volunteer cannot become ${to}.`, {
      extensions: { status_now: current.profile.status },
    });
  }
  const t = deps.now();
  const p = current.profile;
  await deps.db.batch([
    deps.db
      .update(volunteerProfiles)
      .set({
        status: to,
        statusReason: reason ?? null,
        ...(to === "verified" ? { verifiedAt: t, verifiedBy: actorOf(caller), suspendedAt: null } : { suspendedAt: t }),
        version: p.version + 1,
        updatedAt: t,
      })
      .where(
        and(
          eq(volunteerProfiles.userId, userId),
          eq(volunteerProfiles.jurisdictionId, caller.jurisdictionId),
          inArray(volunteerProfiles.status, from[to]),
          eq(volunteerProfiles.version, p.version),
        ),
      ),
    deps.db.run(requireChanged()),
    deps.db.insert(auditLog).values(
      auditEntry(caller, t, { action: `volunteer.${to}`, subjectType: "user", subjectId: userId, detail: { from: p.status }, requestId }),
    ),
    deps.db.insert(outbox).values(outboxEntry(caller.jurisdictionId, t, { type: `volunteer.${to}`, payload: { user_id: userId, status: to } })),
  ]);
  return loadVolunteer(deps, caller.jurisdictionId, userId);
}
