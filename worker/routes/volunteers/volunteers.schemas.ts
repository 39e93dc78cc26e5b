import { z } from "@hono/zod-openapi";
import { orNull, visibleText } from "../../lib/openapi.ts";
import { volunteerStatuses } from "../../db/schema/volunteer-profiles.ts";

export const SkillSchema = z
  .string()
  .regex(/^[a-z0-9_]{1,32}$/, "lowercase letters, digits and underscores, at most 32")
  .openapi({ description: "A skill slug, e.g. `first_aid`, `mediation`, `driving`, `swimming`, `sign_language`.", example: "first_aid" });

export const TeamRefSchema = z
  .object({ id: z.string().openapi({ example: "team_01jf8z3m2ke5qb0x4n3c1w9v7t" }), name: z.string().openapi({ example: "千鼓山巡逻队" }) })
  .openapi("TeamRef");

export const VolunteerSchema = z
  .object({
    user_id: z.string().openapi({ example: "usr_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    display_name: z.string().nullable().openapi({ description: "Masked.", example: "雷**" }),
    phone: z.string().nullable().openapi({ description: "Masked.", example: "138****5678" }),
    team: orNull(TeamRefSchema).openapi({ description: "The team they patrol with, if any." }),
    home_area_id: z.string().nullable().openapi({ description: "Their home grid (or other area)." }),
    skills: z.array(SkillSchema),
    status: z.enum(volunteerStatuses).openapi({ description: "`pending` until staff verify; `suspended` volunteers cannot sign up." }),
    status_reason: z.string().nullable().openapi({ description: "Why staff last verified or suspended them." }),
    verified_at: z.string().nullable(),
    suspended_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Volunteer");

export const ApplyVolunteerSchema = z
  .object({
    team_id: z.string().max(64).nullable().optional().openapi({ description: "A team to join." }),
    home_area_id: z.string().max(64).nullable().optional().openapi({ description: "Home grid: where tasks near them are found." }),
    skills: z.array(SkillSchema).max(20).optional().openapi({ description: "Declared skills; staff vouch for them when verifying." }),
  })
  .strict()
  .openapi("ApplyVolunteer");

export const UpdateVolunteerSchema = ApplyVolunteerSchema.openapi("UpdateVolunteer");

export const VolunteerStatusChangeSchema = z
  .object({ reason: visibleText(500).optional().openapi({ description: "Kept with the profile and in the audit log.", example: "ID and training checked at the station" }) })
  .strict()
  .openapi("VolunteerStatusChange");

export const UserIdParam = z.object({
  id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, description: "The volunteer's user id.", example: "usr_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
});

export const TeamIdParam = z.object({
  id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, description: "The team's id.", example: "team_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
});

export const ListVolunteersQuery = z.object({
  status: z.enum(volunteerStatuses).optional().openapi({ description: "e.g. `pending` for the verification queue." }),
  team_id: z.string().max(64).optional(),
  area_id: z.string().max(64).optional().openapi({ description: "Home area within this area (descendants included)." }),
  skill: SkillSchema.optional(),
});

export const TeamSchema = z
  .object({
    id: z.string().openapi({ example: "team_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    name: z.string().openapi({ example: "千鼓山巡逻队" }),
    description: z.string().nullable(),
    area_id: z.string().nullable().openapi({ description: "The area the team serves; null for county-wide." }),
    created_at: z.string(),
  })
  .openapi("VolunteerTeam");

export const CreateTeamSchema = z
  .object({
    name: visibleText(100).openapi({ example: "千鼓山巡逻队" }),
    description: z.string().trim().max(1000).optional().openapi({ example: "Evening patrols of the Qiangushan estates" }),
    area_id: z.string().max(64).nullable().optional().openapi({ description: "The area it serves; omit for county-wide (admins only)." }),
  })
  .strict()
  .openapi("CreateVolunteerTeam");

export const ListTeamsQuery = z.object({
  area_id: z.string().max(64).optional().openapi({ description: "Teams serving this area or anywhere under it." }),
});

export const VolunteerContactSchema = z
  .object({
    user_id: z.string(),
    display_name: z.string().nullable().openapi({ description: "Unmasked.", example: "雷建国" }),
    phone: z.string().nullable().openapi({ description: "Unmasked.", example: "13812345678" }),
  })
  .openapi("VolunteerContact");
