import { and, eq } from "drizzle-orm";
import { auditLog, volunteerProfiles } from "../../db/schema/index.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { assertStaffFor, volunteerStaffRoles } from "../tasks/task-access.ts";
import { loadVolunteer, resolvePlacement } from "./load-volunteer.ts";

export interface ProfilePatch {
  team_id?: string | null;
  home_area_id?: string | null;
  skills?: string[];
}

export async function updateVolunteer({ deps, caller, userId, patch, requestId }: { deps: Deps; caller: Principal; userId: string; patch: ProfilePatch; requestId?: string }) {
  assertScope(caller, "tasks:write");
  const current = await loadVolunteer(deps, caller.jurisdictionId, userId);
  assertStaffFor(caller, "tasks:write", volunteerStaffRoles, current.profile.homeAreaPath ?? undefined);
  return writeProfile(deps, caller, current.profile, patch, requestId);
}

/** The one conditional write both the volunteer and staff edits go through. */
export async function writeProfile(deps: Deps, caller: Principal, profile: { userId: string; version: number }, patch: ProfilePatch, requestId?: string) {
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
