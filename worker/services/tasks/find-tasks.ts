import { and, asc, between, eq, gt, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { tasks } from "../../db/schema/index.ts";
import type { StoredTaskStatus, TaskKind, TaskStatus } from "../../db/schema/tasks.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { boundingBox, EARTH_RADIUS_M } from "../../lib/geo.ts";
import { decodeCursor, toPage } from "../../lib/pagination.ts";
import { AppError } from "../../lib/problem.ts";
import { areaPath, withinPath } from "../places/area-scope.ts";
import { mySignupOf, parseMySignup, seatCount, waitlistCount, type TaskView } from "./load-task.ts";
import { presentTask } from "./present-task.ts";
import { isStaffOf, volunteerStaffRoles } from "./task-access.ts";

export interface FindTasksQuery {
  limit: number;
  cursor?: string;
  lat?: number;
  lng?: number;
  within_m: number;
  area_id?: string;
  kind?: TaskKind[];
  status?: TaskStatus[];
  from?: string;
  to?: string;
  sort: "starts_at" | "distance";
}

/**
 * Haversine in SQL, the same formula and radius as lib/geo.ts (SQLite's math functions; squares
 * are written out because builds differ on whether `pow` exists).
 */
const distanceFrom = (lat: number, lng: number) => {
  const dLat = sql`sin(radians(${tasks.lat} - ${lat}) / 2)`;
  const dLng = sql`sin(radians(${tasks.lng} - ${lng}) / 2)`;
  return sql<number>`(2 * ${EARTH_RADIUS_M} * asin(min(1, sqrt(
    ${dLat} * ${dLat} + cos(radians(${lat})) * cos(radians(${tasks.lat})) * ${dLng} * ${dLng}))))`;
};

/** One presented status as stored columns (in_progress is derived from the start time). */
function statusCondition(s: TaskStatus, now: number): SQL | undefined {
  switch (s) {
    case "open":
    case "full":
      return and(eq(tasks.status, s), gt(tasks.startsAt, now));
    case "in_progress":
      return and(inArray(tasks.status, ["open", "full"] satisfies StoredTaskStatus[]), sql`${tasks.startsAt} <= ${now}`);
    default:
      return eq(tasks.status, s);
  }
}

/**
 * 找活动: tasks near a point (haversine, prefiltered by a bounding box on the indexed lat/lng),
 * in an area or grid (with everything under it), by kind and time, sorted by start or by
 * distance, keyset-paginated on (starts_at, id) or (distance, id). Without `status`, it lists what
 * a volunteer can join now: tasks with places left that have not ended, started or not.
 */
export async function findTasks({ deps, caller, query }: { deps: Deps; caller: Principal; query: FindTasksQuery }) {
  assertScope(caller, "tasks:read");
  const now = deps.now();
  const near = query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : null;
  if ((query.lat === undefined) !== (query.lng === undefined)) {
    throw new AppError("validation_failed", "Give both lat and lng, or neither.", {
      extensions: { errors: [{ pointer: `/query/${query.lat === undefined ? "lat" : "lng"}`, detail: "required with the other coordinate" }] },
    });
  }
  if (query.sort === "distance" && !near) {
    throw new AppError("validation_failed", "Sorting by distance needs lat and lng.", {
      extensions: { errors: [{ pointer: "/query/lat", detail: "required when sort=distance" }] },
    });
  }
  const staff = isStaffOf(caller, volunteerStaffRoles);
  const statuses = (query.status ?? []).filter((s) => staff || s !== "draft");
  const statusFilter = query.status
    ? statuses.length
      ? or(...statuses.map((s) => statusCondition(s, now)))
      : sql`0`
    : and(eq(tasks.status, "open"), gt(tasks.endsAt, now));
  const path = query.area_id ? await areaPath(deps, caller.jurisdictionId, query.area_id) : null;
  const dist = near ? distanceFrom(near.lat, near.lng) : null;
  const box = near ? boundingBox(near.lat, near.lng, query.within_m) : null;
  const byDistance = query.sort === "distance" && dist !== null;
  const after = query.cursor ? decodeCursor(query.cursor, 2) : null;

  const keyset = after
    ? byDistance
      ? sql`(${dist} > ${Number(after[0])} OR (${dist} = ${Number(after[0])} AND ${tasks.id} > ${String(after[1])}))`
      : or(gt(tasks.startsAt, Number(after[0])), and(eq(tasks.startsAt, Number(after[0])), gt(tasks.id, String(after[1]))))
    : undefined;

  const rows = await deps.db
    .select({
      task: tasks,
      seats: seatCount,
      waitlisted: waitlistCount,
      mine: mySignupOf(caller.user?.id),
      distance: dist ?? sql<null>`NULL`,
    })
    .from(tasks)
    .where(
      and(
        eq(tasks.jurisdictionId, caller.jurisdictionId),
        statusFilter,
        box ? and(between(tasks.lat, box.minLat, box.maxLat), between(tasks.lng, box.minLng, box.maxLng)) : undefined,
        dist ? sql`${dist} <= ${query.within_m}` : undefined,
        path ? withinPath(tasks.areaPath, path) : undefined,
        query.kind?.length ? inArray(tasks.kind, query.kind) : undefined,
        query.from ? gt(tasks.endsAt, Date.parse(query.from)) : undefined,
        query.to ? lt(tasks.startsAt, Date.parse(query.to)) : undefined,
        keyset,
      ),
    )
    .orderBy(...(byDistance ? [asc(dist!), asc(tasks.id)] : [asc(tasks.startsAt), asc(tasks.id)]))
    .limit(query.limit + 1);

  const views = rows.map(
    (r): TaskView & { rawDistance: number | null } => ({
      task: r.task,
      seats: Number(r.seats),
      waitlisted: Number(r.waitlisted),
      mySignup: caller.user ? parseMySignup(r.mine) : undefined,
      distanceM: near ? Number(r.distance) : undefined,
      rawDistance: r.distance === null ? null : Number(r.distance),
    }),
  );
  return toPage(
    views,
    query.limit,
    (v) => (byDistance ? [v.rawDistance!, v.task.id] : [v.task.startsAt, v.task.id]),
    (v) => presentTask(v, now),
  );
}
