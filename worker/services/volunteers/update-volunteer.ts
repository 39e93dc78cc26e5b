import { and, eq } from "drizzle-orm";
import { auditLog, volunteerProfiles } from "../../db/schema/index.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope, assertUser } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { assertStaffFor, volunteerStaffRoles } from "../tasks/task-access.ts";
import { loadVolunteer, resolvePlacement } from "./load-volunteer.ts";

export interface ProfilePatch {
  team_id?: string | null;
  home_area_id?: string | null;
  skills?: string[];
}

/**
 * Skills and team are what verification vouches for, and tasks are gated on them: a volunteer
 * may change them only while pending; once verified, staff change them. The home area is the
 * volunteer's to move at any time.
 */
export async function updateOwnProfile({ deps, caller, patch }: { deps: Deps; caller: Principal; patch: ProfilePatch }) {
  assertScope(caller, "tasks:write");
  const user = assertUser(caller);
  const current = await loadVolunteer(deps, caller.jurisdictionId, user.id);
  if (current.profile.status !== "pending" && (patch.skills !== undefined || patch.team_id !== undefined)) {
    throw new AppError("forbidden", "Once verified, your skills and team are changed by staff; ask your grid worker or officer.");
  }
  return write(deps, caller, current.profile, patch);
}

export async function updateVolunteer({ deps, caller, userId, patch, requestId }: { deps: Deps; caller: Principal; userId: string; patch: ProfilePatch; requestId?: string }) {
  assertScope(caller, "tasks:write");
  const current = await loadVolunteer(deps, caller.jurisdictionId, userId);
  assertStaffFor(caller, "tasks:write", volunteerStaffRoles, current.profile.homeAreaPath ?? undefined);
  return write(deps, caller, current.profile, patch, requestId);
}

async function write(deps: Deps, caller: Principal, profile: { userId: string; version: number }, patch: ProfilePatch, requestId?: string) {
  const placement = await resolvePlacement(deps, caller.jurisdictionId, patch);
  const t = deps.now();
  const set = {
    ...placement,
    ...(patch.skills !== undefined ? { skills: [...new Set(patch.skills)].sort() } : {}),
    version: profile.version + 1,
    updatedAt: t,
  };
  await deps.db.batch([
    deps.db
      .update(volunteerProfiles)
      .set(set)
      .where(
        and(
          eq(volunteerProfiles.userId, profile.userId),
          eq(volunteerProfiles.jurisdictionId, caller.jurisdictionId),
          eq(volunteerProfiles.version, profile.version),
        ),
      ),
    deps.db.run(requireChanged()),
    deps.db.insert(auditLog).values(
      auditEntry(caller, t, {
        action: "volunteer.updated",
        subjectType: "user",
        subjectId: profile.userId,
        detail: { fields: Object.keys(patch) },
        requestId,
      }),
    ),
  ]);
  return loadVolunteer(deps, caller.jurisdictionId, profile.userId);
}
