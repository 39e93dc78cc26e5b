import { and, eq } from "drizzle-orm";
import { volunteerTeams } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { presentTeam } from "./present-volunteer.ts";

/** One team, to whoever may list teams (where creating one says it is). */
export async function getTeam({ deps, caller, id }: { deps: Deps; caller: Principal; id: string }) {
  assertScope(caller, "tasks:read");
  const [row] = await deps.db
    .select()
    .from(volunteerTeams)
    .where(and(eq(volunteerTeams.id, id), eq(volunteerTeams.jurisdictionId, caller.jurisdictionId)));
  if (!row) throw new AppError("not_found", "No such team.");
  return presentTeam(row);
}
