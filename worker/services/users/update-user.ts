import { and, eq, inArray } from "drizzle-orm";
import { requireChanged } from "../../db/guard.ts";
import { auditLog, userAreas, users } from "../../db/schema/index.ts";
import type { Deps, Principal, Role } from "../../deps.ts";
import { assertAdmin } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { dutyAllowed } from "../areas/assign-member.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { checkAgency } from "./create-user.ts";
import { assignmentsOf } from "./present-user.ts";

export interface UpdateUserInput {
  role?: Role;
  display_name?: string;
  phone?: string | null;
  agency_id?: string | null;
  disabled?: boolean;
}

/**
 * Role changes, agency moves and disabling are audited. The UPDATE is conditional on the role
 * read here, so two admins changing one user's role at once cannot both win. A role change drops
 * the duties the new role cannot hold (a grid worker made resident leaves the grid's roster).
 * Tokens already issued keep their claims until they expire (15 minutes).
 */
export async function updateUser({ deps, caller, id, input, requestId }: { deps: Deps; caller: Principal; id: string; input: UpdateUserInput; requestId?: string }) {
  assertAdmin(caller);
  const [user] = await deps.db.select().from(users).where(and(eq(users.id, id), eq(users.jurisdictionId, caller.jurisdictionId)));
  if (!user) throw new AppError("not_found", "No such user.");
  const role = input.role ?? user.role;
  const agencyId = input.agency_id === undefined ? user.agencyId : input.agency_id;
  if (input.role !== undefined || input.agency_id !== undefined) await checkAgency(deps, caller, role, agencyId);

  const t = deps.now();
  const set: Partial<typeof users.$inferInsert> = {};
  if (input.display_name !== undefined) set.displayName = input.display_name;
  if (input.phone !== undefined) set.phone = input.phone;
  if (input.role !== undefined) set.role = input.role;
  if (input.agency_id !== undefined) set.agencyId = input.agency_id;
  if (input.disabled !== undefined) set.disabledAt = input.disabled ? (user.disabledAt ?? t) : null;

  const roleChanged = role !== user.role;
  const dropped = roleChanged ? ((await assignmentsOf(deps, [id])).get(id) ?? []).filter((a) => !dutyAllowed(role, a.duty)) : [];
  const audits = [];
  if (roleChanged) audits.push({ action: "user.role_changed", detail: { from: user.role, to: role, duties_removed: dropped } });
  if ((agencyId ?? null) !== user.agencyId) audits.push({ action: "user.agency_changed", detail: { from: user.agencyId, to: agencyId } });
  if (input.disabled !== undefined && input.disabled !== (user.disabledAt !== null)) audits.push({ action: input.disabled ? "user.disabled" : "user.enabled", detail: {} });

  await deps.db.batch([
    deps.db
      .update(users)
      .set(set)
      .where(and(eq(users.id, id), eq(users.jurisdictionId, caller.jurisdictionId), eq(users.role, user.role))),
    deps.db.run(requireChanged()),
    ...(dropped.length
      ? [deps.db.delete(userAreas).where(and(eq(userAreas.userId, id), inArray(userAreas.areaId, dropped.map((d) => d.areaId))))]
      : []),
    ...audits.map((a) => deps.db.insert(auditLog).values(auditEntry(caller, t, { ...a, subjectType: "user", subjectId: id, requestId }))),
  ]);
  const [row] = await deps.db.select().from(users).where(eq(users.id, id));
  return { row: row!, areas: (await assignmentsOf(deps, [id])).get(id) ?? [] };
}
