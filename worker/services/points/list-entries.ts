import { and, desc, eq, inArray } from "drizzle-orm";
import { pointsLedger } from "../../db/schema/index.ts";
import type { PointKind } from "../../db/schema/points-ledger.ts";
import type { Deps, Principal } from "../../deps.ts";
import { afterCursor } from "../../db/keyset.ts";
import { toPage } from "../../lib/pagination.ts";
import { loadVolunteer } from "../volunteers/load-volunteer.ts";
import { assertCanReadPoints } from "./points-access.ts";
import { presentEntry } from "./present-entry.ts";

/** A volunteer's ledger, newest entry first; 404 for anyone who is not a volunteer here, as the balance answers. */
export async function listEntries({ deps, caller, userId, query }: { deps: Deps; caller: Principal; userId: string; query: { limit: number; cursor?: string; kind?: PointKind[] } }) {
  assertCanReadPoints(caller, userId);
  await loadVolunteer(deps, caller.jurisdictionId, userId);
  const rows = await deps.db
    .select()
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.jurisdictionId, caller.jurisdictionId),
        eq(pointsLedger.userId, userId),
        query.kind?.length ? inArray(pointsLedger.kind, query.kind) : undefined,
        afterCursor(query.cursor, [{ col: pointsLedger.createdAt, desc: true }, { col: pointsLedger.id, desc: true }]),
      ),
    )
    .orderBy(desc(pointsLedger.createdAt), desc(pointsLedger.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.createdAt, r.id], presentEntry);
}
