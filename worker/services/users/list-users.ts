import { and, asc, eq, exists, gt, isNotNull, isNull } from "drizzle-orm";
import { userAreas, users } from "../../db/schema/index.ts";
import type { Deps, Principal, Role } from "../../deps.ts";
import { assertAdmin, isStaff } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { decodeCursor, encodeCursor } from "../../lib/pagination.ts";
import { assignmentsOf, presentUser } from "./present-user.ts";

export interface ListUsersQuery {
  limit: number;
  cursor?: string;
  role?: Role;
  agency_id?: string;
  area_id?: string;
  disabled?: boolean;
}

export async function listUsers({ deps, caller, query }: { deps: Deps; caller: Principal; query: ListUsersQuery }) {
  assertAdmin(caller);
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : null;
  const rows = await deps.db
    .select()
    .from(users)
    .where(
      and(
        eq(users.jurisdictionId, caller.jurisdictionId),
        query.role ? eq(users.role, query.role) : undefined,
        query.agency_id ? eq(users.agencyId, query.agency_id) : undefined,
        query.disabled === undefined ? undefined : query.disabled ? isNotNull(users.disabledAt) : isNull(users.disabledAt),
        query.area_id
          ? exists(deps.db.select().from(userAreas).where(and(eq(userAreas.userId, users.id), eq(userAreas.areaId, query.area_id))))
          : undefined,
        after ? gt(users.id, after) : undefined,
      ),
    )
    .orderBy(asc(users.id))
    .limit(query.limit + 1);
  const has_more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const areas = await assignmentsOf(deps, page.map((r) => r.id));
  return {
    data: page.map((r) => presentUser(r, areas.get(r.id) ?? [])),
    has_more,
    next_cursor: has_more ? encodeCursor([page.at(-1)!.id]) : null,
  };
}

/** The user row, for an admin or for the user themself (`me` names the caller). Anyone else: 404. */
export async function findUserFor(deps: Deps, caller: Principal, id: string) {
  if (id === "me") {
    if (!caller.user) throw new AppError("not_found", "`me` names the end user of a token; this is an API key.");
    id = caller.user.id;
  }
  const [row] = await deps.db.select().from(users).where(and(eq(users.id, id), eq(users.jurisdictionId, caller.jurisdictionId)));
  if (row && caller.user?.id === row.id) return row;
  // A resident or volunteer must not learn that another user exists; other staff may not read users at all.
  if (caller.user && !isStaff(caller)) throw new AppError("not_found", "No such user.");
  assertAdmin(caller);
  if (!row) throw new AppError("not_found", "No such user.");
  return row;
}

export async function getUser({ deps, caller, id }: { deps: Deps; caller: Principal; id: string }) {
  const row = await findUserFor(deps, caller, id);
  const areas = await assignmentsOf(deps, [row.id]);
  return presentUser(row, areas.get(row.id) ?? []);
}
