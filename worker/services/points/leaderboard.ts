import { and, desc, asc, eq, gte, lt, sql } from "drizzle-orm";
import { pointsLedger, users, volunteerProfiles, volunteerTeams } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { maskName } from "../../lib/mask.ts";
import { decodeCursor, encodeCursor } from "../../lib/pagination.ts";
import type { PeriodKind } from "../../lib/zoned-time.ts";
import { areaPath, withinPath } from "../places/area-scope.ts";
import { jurisdictionPeriod, presentPeriod } from "./period.ts";

export interface LeaderboardQuery {
  limit: number;
  cursor?: string;
  period: PeriodKind;
  date?: string;
  area_id?: string;
}

/**
 * Points earned in an area (and everything under it) during a local month, quarter or year,
 * highest first, ties broken by user id. Ranks are competition ranks (1, 2, 2, 4): the cursor
 * carries the last row's points, id, position and rank so the next page continues the count.
 */
export async function leaderboard({ deps, caller, query }: { deps: Deps; caller: Principal; query: LeaderboardQuery }) {
  assertScope(caller, "tasks:read");
  const period = await jurisdictionPeriod(deps, caller.jurisdictionId, query.period, query.date);
  const path = query.area_id ? await areaPath(deps, caller.jurisdictionId, query.area_id) : null;
  const after = query.cursor ? decodeCursor(query.cursor, 4) : null;
  const total = sql<number>`sum(${pointsLedger.points})`;

  const rows = await deps.db
    .select({ userId: pointsLedger.userId, points: total, minutes: sql<number>`coalesce(sum(${pointsLedger.minutes}), 0)` })
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.jurisdictionId, caller.jurisdictionId),
        gte(pointsLedger.occurredAt, period.start),
        lt(pointsLedger.occurredAt, period.end),
        path ? withinPath(pointsLedger.areaPath, path) : undefined,
      ),
    )
    .groupBy(pointsLedger.userId)
    .having(after ? sql`${total} < ${Number(after[0])} OR (${total} = ${Number(after[0])} AND ${pointsLedger.userId} > ${String(after[1])})` : undefined)
    .orderBy(desc(total), asc(pointsLedger.userId))
    .limit(query.limit + 1);

  const has_more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const people = page.length
    ? await deps.db
        .select({ id: users.id, displayName: users.displayName, teamId: volunteerTeams.id, teamName: volunteerTeams.name })
        .from(users)
        .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, users.id))
        .leftJoin(volunteerTeams, eq(volunteerTeams.id, volunteerProfiles.teamId))
        .where(and(eq(users.jurisdictionId, caller.jurisdictionId), sql`${users.id} IN (${sql.join(page.map((r) => sql`${r.userId}`), sql`, `)})`))
    : [];
  const byId = new Map(people.map((p) => [p.id, p]));

  let position = after ? Number(after[2]) : 0;
  let rank = after ? Number(after[3]) : 0;
  let prevPoints = after ? Number(after[0]) : Number.NaN;
  const data = page.map((r) => {
    position += 1;
    const points = Number(r.points);
    if (points !== prevPoints) rank = position;
    prevPoints = points;
    const p = byId.get(r.userId);
    return {
      rank,
      user_id: r.userId,
      display_name: maskName(p?.displayName),
      team: p?.teamId ? { id: p.teamId, name: p.teamName! } : null,
      points,
      hours: Math.round((Number(r.minutes) / 60) * 100) / 100,
    };
  });
  const last = data.at(-1);
  return {
    period: presentPeriod(period),
    area_id: query.area_id ?? null,
    data,
    has_more,
    next_cursor: has_more && last ? encodeCursor([last.points, last.user_id, position, last.rank]) : null,
  };
}
