import { and, eq, sql } from "drizzle-orm";
import { pointsLedger } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { loadVolunteer } from "../volunteers/load-volunteer.ts";
import { assertCanReadPoints } from "./points-access.ts";

/** The balance is the sum of the ledger: there is no stored balance to drift from it. */
export async function getBalance({ deps, caller, userId }: { deps: Deps; caller: Principal; userId: string }) {
  assertCanReadPoints(caller, userId);
  await loadVolunteer(deps, caller.jurisdictionId, userId);
  const rows = await deps.db
    .select({ kind: pointsLedger.kind, points: sql<number>`coalesce(sum(${pointsLedger.points}), 0)`, minutes: sql<number>`coalesce(sum(${pointsLedger.minutes}), 0)` })
    .from(pointsLedger)
    .where(and(eq(pointsLedger.jurisdictionId, caller.jurisdictionId), eq(pointsLedger.userId, userId)))
    .groupBy(pointsLedger.kind);
  const byKind = { attendance: 0, bonus: 0, no_show: 0, correction: 0 };
  let balance = 0;
  let minutes = 0;
  for (const r of rows) {
    byKind[r.kind] = Number(r.points);
    balance += Number(r.points);
    minutes += Number(r.minutes);
  }
  return { user_id: userId, balance, hours: Math.round((minutes / 60) * 100) / 100, by_kind: byKind };
}
