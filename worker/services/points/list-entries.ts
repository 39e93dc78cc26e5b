import { and, desc, eq, inArray, lt, or } from "drizzle-orm";
import { pointsLedger } from "../../db/schema/index.ts";
import type { PointKind } from "../../db/schema/points-ledger.ts";
import type { Deps, Principal } from "../../deps.ts";
import { decodeCursor, toPage } from "../../lib/pagination.ts";
import { assertCanReadPoints } from "./points-access.ts";
import { presentEntry } from "./present-entry.ts";

/** A volunteer's ledger, newest entry first. */
export async function listEntries({ deps, caller, userId, query }: { deps: Deps; caller: Principal; userId: string; query: { limit: number; cursor?: string; kind?: PointKind[] } }) {
  assertCanReadPoints(caller, userId);
  const after = query.cursor ? decodeCursor(query.cursor, 2) : null;
  const rows = await deps.db
    .select()
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.jurisdictionId, caller.jurisdictionId),
        eq(pointsLedger.userId, userId),
        query.kind?.length ? inArray(pointsLedger.kind, query.kind) : undefined,
        after
          ? or(lt(pointsLedger.createdAt, Number(after[0])), and(eq(pointsLedger.createdAt, Number(after[0])), lt(pointsLedger.id, String(after[1]))))
          : undefined,
      ),
    )
    .orderBy(desc(pointsLedger.createdAt), desc(pointsLedger.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.createdAt, r.id], presentEntry);
}
