import { and, eq } from "drizzle-orm";
import { users, volunteerProfiles, volunteerTeams } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { areaPath } from "../places/area-scope.ts";
import type { VolunteerRow } from "./present-volunteer.ts";

export async function findVolunteer(deps: Deps, jurisdictionId: string, userId: string): Promise<VolunteerRow | undefined> {
  const [row] = await deps.db
    .select({
      profile: volunteerProfiles,
      user: { displayName: users.displayName, phone: users.phone, role: users.role },
      team: { id: volunteerTeams.id, name: volunteerTeams.name },
    })
    .from(volunteerProfiles)
    .innerJoin(users, eq(users.id, volunteerProfiles.userId))
    .leftJoin(volunteerTeams, eq(volunteerTeams.id, volunteerProfiles.teamId))
    .where(and(eq(volunteerProfiles.userId, userId), eq(volunteerProfiles.jurisdictionId, jurisdictionId)));
  return row as VolunteerRow | undefined;
}

export async function loadVolunteer(deps: Deps, jurisdictionId: string, userId: string): Promise<VolunteerRow> {
  const row = await findVolunteer(deps, jurisdictionId, userId);
  if (!row) throw new AppError("not_found", "No such volunteer.");
  return row;
}

const invalid = (pointer: string, detail: string) =>
  new AppError("validation_failed", detail, { extensions: { errors: [{ pointer, detail }] } });

/** Resolves a team id and a home area id to what a profile stores, refusing ids of another tenant. */
export async function resolvePlacement(deps: Deps, jurisdictionId: string, input: { team_id?: string | null; home_area_id?: string | null }) {
  const out: { teamId?: string | null; homeAreaId?: string | null; homeAreaPath?: string | null } = {};
  if (input.team_id !== undefined) {
    if (input.team_id !== null) {
      const [team] = await deps.db
        .select({ id: volunteerTeams.id })
        .from(volunteerTeams)
        .where(and(eq(volunteerTeams.id, input.team_id), eq(volunteerTeams.jurisdictionId, jurisdictionId)));
      if (!team) throw invalid("/body/team_id", "no such team in this jurisdiction");
    }
    out.teamId = input.team_id;
  }
  if (input.home_area_id !== undefined) {
    if (input.home_area_id === null) {
      out.homeAreaId = null;
      out.homeAreaPath = null;
    } else {
      const path = await areaPath(deps, jurisdictionId, input.home_area_id).catch(() => {
        throw invalid("/body/home_area_id", "no such area in this jurisdiction");
      });
      out.homeAreaId = input.home_area_id;
      out.homeAreaPath = path;
    }
  }
  return out;
}
