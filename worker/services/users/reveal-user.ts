import { and, eq, exists, type SQL } from "drizzle-orm";
import { areas, auditLog, userAreas, users } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertRevealer } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { withinAnyArea } from "../places/area-scope.ts";

/**
 * The unmasked name, phone and subject of a user, for an admin or an officer who must call them
 * back. An officer reaches only users placed (on an area's roster, any duty) within the officer's
 * areas; anyone else is, to them, a user that does not exist (404). The audit row (who, whom, why)
 * is written before the data is returned, so a reveal that could not be recorded reveals nothing.
 */
export async function revealUser({ deps, caller, id, reason, requestId }: { deps: Deps; caller: Principal; id: string; reason: string; requestId?: string }) {
  const as = assertRevealer(caller);
  let placed: SQL | undefined;
  if (as === "officer") {
    const within = await withinAnyArea(deps, caller.jurisdictionId, caller.user!.areaIds, areas.path);
    if (!within) throw new AppError("not_found", "No such user.");
    placed = exists(
      deps.db
        .select({ one: userAreas.userId })
        .from(userAreas)
        .innerJoin(areas, and(eq(areas.id, userAreas.areaId), eq(areas.jurisdictionId, caller.jurisdictionId)))
        .where(and(eq(userAreas.userId, users.id), within)),
    );
  }
  const [row] = await deps.db
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.jurisdictionId, caller.jurisdictionId), placed));
  if (!row) throw new AppError("not_found", "No such user.");
  await deps.db.insert(auditLog).values(
    auditEntry(caller, deps.now(), {
      action: "personal_data.revealed",
      subjectType: "user",
      subjectId: row.id,
      detail: { fields: ["display_name", "phone", "subject"], reason },
      requestId,
    }),
  );
  return { id: row.id, display_name: row.displayName, phone: row.phone, subject_type: row.subjectType, subject: row.subject };
}
