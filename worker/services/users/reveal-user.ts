import { and, eq, exists, type SQL } from "drizzle-orm";
import { areas, auditLog, userAreas, users } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { hasScope, isAdmin } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import type { Scope } from "../../lib/scopes.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { withinAnyArea } from "../places/area-scope.ts";

/**
 * The scope an officer's key must hold to reveal personal data. A token acts with its key's
 * scopes AND its user's role, so an officer signed in through a resident-facing app, kiosk or
 * public account (whose keys anyone can hold) must not reveal anything: the officer's role alone
 * is not enough. `interventions:read` is the narrowest scope that marks a police staff app: no
 * resident-facing key and no integration key holds it by default, and it is the scope under which
 * officers already read victims' unmasked contacts (revealInterventionContact).
 */
export const REVEAL_STAFF_SCOPE: Scope = "interventions:read";

/**
 * Who may reveal personal data: an administrator (an admin key, or an admin user through a key
 * holding `admin`) anywhere in the jurisdiction, or an officer through a key holding
 * REVEAL_STAFF_SCOPE within their areas (each reveal narrows to them). Anyone else: 403.
 */
export function assertRevealer(caller: Principal): "admin" | "officer" {
  if (isAdmin(caller)) return "admin";
  if (caller.user?.role === "officer" && hasScope(caller, REVEAL_STAFF_SCOPE)) return "officer";
  if (caller.user?.role === "officer") {
    throw new AppError("forbidden", `An officer reveals personal data through a staff key holding the \`${REVEAL_STAFF_SCOPE}\` scope.`);
  }
  throw new AppError("forbidden", "Only an administrator or an officer may reveal personal data.");
}

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
