import type { users, volunteerProfiles, volunteerTeams } from "../../db/schema/index.ts";
import { maskName, maskPhone } from "../../lib/mask.ts";
import { iso, isoOrNull } from "../../lib/time.ts";

export type ProfileRow = typeof volunteerProfiles.$inferSelect;
export type VolunteerRow = {
  profile: ProfileRow;
  user: Pick<typeof users.$inferSelect, "displayName" | "phone" | "role">;
  team: Pick<typeof volunteerTeams.$inferSelect, "id" | "name"> | null;
};

export function presentVolunteer({ profile, user, team }: VolunteerRow) {
  return {
    user_id: profile.userId,
    display_name: maskName(user.displayName),
    phone: maskPhone(user.phone),
    team: team ? { id: team.id, name: team.name } : null,
    home_area_id: profile.homeAreaId,
    skills: profile.skills,
    status: profile.status,
    status_reason: profile.statusReason,
    verified_at: isoOrNull(profile.verifiedAt),
    suspended_at: isoOrNull(profile.suspendedAt),
    created_at: iso(profile.createdAt),
    updated_at: iso(profile.updatedAt),
  };
}

export function presentTeam(row: typeof volunteerTeams.$inferSelect) {
  return { id: row.id, name: row.name, description: row.description, area_id: row.areaId, created_at: iso(row.createdAt) };
}
