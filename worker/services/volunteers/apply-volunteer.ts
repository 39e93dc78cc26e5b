import { and, eq, inArray } from "drizzle-orm";
import { auditLog, outbox, users, volunteerProfiles } from "../../db/schema/index.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope, assertUser } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { outboxEntry } from "../events/outbox-entry.ts";
import { findVolunteer, loadVolunteer, resolvePlacement } from "./load-volunteer.ts";

export interface ApplyInput {
  team_id?: string | null;
  home_area_id?: string | null;
  skills?: string[];
}

/**
 * A resident applies to volunteer (or a volunteer an admin registered fills in their profile).
 * Decision: applying switches the user's role to `volunteer` at once, with a `pending` profile,
 * so they can take tasks that do not require verification (publicity, information checks);
 * tasks marked `requires_verified` wait until staff verify them. The role change is audited.
 * The caller's current token still carries the old role: exchange it again to act as a volunteer.
 */
export async function applyVolunteer({ deps, caller, input, requestId }: { deps: Deps; caller: Principal; input: ApplyInput; requestId?: string }) {
  assertScope(caller, "tasks:write");
  const user = assertUser(caller);
  if (user.role !== "resident" && user.role !== "volunteer") {
    throw new AppError("forbidden", "Staff accounts cannot become volunteers; use a resident account.");
  }
  if (await findVolunteer(deps, caller.jurisdictionId, user.id)) {
    throw new AppError("conflict", "You already have a volunteer profile; update it instead.");
  }
  const placement = await resolvePlacement(deps, caller.jurisdictionId, input);
  const t = deps.now();
  await deps.db.batch([
    deps.db
      .insert(volunteerProfiles)
      .values({
        userId: user.id,
        jurisdictionId: caller.jurisdictionId,
        teamId: placement.teamId ?? null,
        homeAreaId: placement.homeAreaId ?? null,
        homeAreaPath: placement.homeAreaPath ?? null,
        skills: [...new Set(input.skills ?? [])].sort(),
        status: "pending",
        createdAt: t,
        updatedAt: t,
      })
      .onConflictDoNothing(),
    deps.db.run(requireChanged()),
    deps.db
      .update(users)
      .set({ role: "volunteer" })
      .where(and(eq(users.id, user.id), eq(users.jurisdictionId, caller.jurisdictionId), inArray(users.role, ["resident", "volunteer"]))),
    deps.db.run(requireChanged()),
    deps.db.insert(auditLog).values(
      auditEntry(caller, t, {
        action: "volunteer.applied",
        subjectType: "user",
        subjectId: user.id,
        detail: { role_from: user.role, role_to: "volunteer" },
        requestId,
      }),
    ),
    deps.db.insert(outbox).values(
      outboxEntry(caller.jurisdictionId, t, { type: "volunteer.applied", payload: { user_id: user.id, home_area_id: placement.homeAreaId ?? null } }),
    ),
  ]);
  return loadVolunteer(deps, caller.jurisdictionId, user.id);
}
