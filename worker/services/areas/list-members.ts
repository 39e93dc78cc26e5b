import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { userAreas, users } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { decodeCursor, toPage } from "../../lib/pagination.ts";
import { assertPlacesReader } from "../places/access.ts";
import type { Duty } from "./assign-member.ts";
import { findArea } from "./get-area.ts";
import { presentMember } from "./present-member.ts";

/** A grid's leader, workers, officer and members: the roster, masked. Disabled users are left out. */
export async function listMembers({
  deps,
  caller,
  areaId,
  query,
}: { deps: Deps; caller: Principal; areaId: string; query: { limit: number; cursor?: string; duty?: Duty } }) {
  assertPlacesReader(caller);
  await findArea(deps, caller.jurisdictionId, areaId);
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : null;
  const rows = await deps.db
    .select({
      userId: userAreas.userId,
      duty: userAreas.duty,
      role: users.role,
      displayName: users.displayName,
      phone: users.phone,
      agencyId: users.agencyId,
    })
    .from(userAreas)
    .innerJoin(users, eq(users.id, userAreas.userId))
    .where(
      and(
        eq(userAreas.areaId, areaId),
        eq(users.jurisdictionId, caller.jurisdictionId),
        isNull(users.disabledAt),
        query.duty ? eq(userAreas.duty, query.duty) : undefined,
        after ? gt(userAreas.userId, after) : undefined,
      ),
    )
    .orderBy(asc(userAreas.userId))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.userId], presentMember);
}
