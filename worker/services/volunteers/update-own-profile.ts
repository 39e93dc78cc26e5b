import type { Deps, Principal } from "../../deps.ts";
import { assertScope, assertUser } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { loadVolunteer } from "./load-volunteer.ts";
import { writeProfile, type ProfilePatch } from "./update-volunteer.ts";

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
  return writeProfile(deps, caller, current.profile, patch);
}

