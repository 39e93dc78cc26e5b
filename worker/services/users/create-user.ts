import { and, eq, inArray } from "drizzle-orm";
import { isGuardFailure, requireChanged } from "../../db/guard.ts";
import { areas, auditLog, users } from "../../db/schema/index.ts";
import { isUniqueViolation } from "../../db/unique.ts";
import type { Deps, Principal, Role } from "../../deps.ts";
import { assertAdmin } from "../../lib/authz.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { dutyProblem, leaderTaken, memberUpsert, type Duty } from "../areas/assign-member.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { fieldError, requireAgencyRef } from "../places/refs.ts";

/** Roles that act for an agency: routing and figures need to know which. */
export const agencyBoundRoles: readonly Role[] = ["officer", "dispatcher", "department_staff"];

export interface CreateUserInput {
  role: Role;
  subject_type: "wechat_openid" | "phone" | "staff_id";
  subject: string;
  display_name: string;
  phone?: string | null;
  agency_id?: string | null;
  areas?: { area_id: string; duty: Duty }[];
}

export async function checkAgency(deps: Deps, caller: Principal, role: Role, agencyId: string | null | undefined) {
  if (agencyId) await requireAgencyRef(deps, caller.jurisdictionId, agencyId, "/body/agency_id");
  else if (agencyBoundRoles.includes(role)) throw fieldError("/body/agency_id", `a user with role \`${role}\` must belong to an agency`);
}

/**
 * Registers a user an app will later exchange a token for: staff with their role, agency and
 * areas, volunteers, or residents registered at the counter. Token exchange never creates staff,
 * so this (audited) call is the only way anyone becomes one.
 */
export async function createUser({ deps, caller, input, requestId }: { deps: Deps; caller: Principal; input: CreateUserInput; requestId?: string }) {
  assertAdmin(caller);
  await checkAgency(deps, caller, input.role, input.agency_id);
  const assignments = input.areas ?? [];
  const areaRows = assignments.length
    ? await deps.db
        .select({ id: areas.id, level: areas.level })
        .from(areas)
        .where(and(eq(areas.jurisdictionId, caller.jurisdictionId), inArray(areas.id, assignments.map((a) => a.area_id))))
    : [];
  const levelOf = new Map(areaRows.map((a) => [a.id, a.level]));
  assignments.forEach((a, i) => {
    const level = levelOf.get(a.area_id);
    if (!level) throw fieldError(`/body/areas/${i}/area_id`, "no area with this id in this jurisdiction");
    const problem = dutyProblem(input.role, level, a.duty);
    if (problem) throw fieldError(`/body/areas/${i}/duty`, problem);
  });
  if (new Set(assignments.map((a) => a.area_id)).size !== assignments.length) {
    throw fieldError("/body/areas", "name each area once");
  }

  const t = deps.now();
  const row = {
    id: newId("user"),
    jurisdictionId: caller.jurisdictionId,
    subjectType: input.subject_type,
    subject: input.subject,
    role: input.role,
    displayName: input.display_name,
    phone: input.phone ?? null,
    agencyId: input.agency_id ?? null,
    disabledAt: null,
    createdAt: t,
  };
  try {
    await deps.db.batch([
      deps.db.insert(users).values(row),
      ...assignments.flatMap((a) => [deps.db.run(memberUpsert(row.id, a.area_id, a.duty)), deps.db.run(requireChanged())]),
      deps.db.insert(auditLog).values(
        auditEntry(caller, t, {
          action: "user.created",
          subjectType: "user",
          subjectId: row.id,
          detail: { role: row.role, agency_id: row.agencyId, areas: assignments },
          requestId,
        }),
      ),
    ]);
  } catch (err) {
    if (isUniqueViolation(err, "users.subject")) {
      // Typically a resident who has used an app already: the admin promotes them instead.
      const [existing] = await deps.db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.jurisdictionId, caller.jurisdictionId), eq(users.subjectType, row.subjectType), eq(users.subject, row.subject)));
      throw new AppError("conflict", "A user with this subject exists already; change their role with updateUser.", {
        extensions: existing ? { user_id: existing.id } : {},
      });
    }
    if (isGuardFailure(err)) throw leaderTaken();
    throw err;
  }
  return { row, areas: assignments.map((a) => ({ areaId: a.area_id, duty: a.duty })) };
}
