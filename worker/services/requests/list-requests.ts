import { and, asc, desc, eq, gte, inArray, lt, or, type SQL } from "drizzle-orm";
import { serviceRequests as r } from "../../db/schema/index.ts";
import type { Channel, RequestStatus } from "../../db/schema/service-requests.ts";
import type { ServiceGroup, Urgency } from "../../db/schema/services.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope, callerIdentity } from "../../lib/authz.ts";
import { decodeCursor, toPage } from "../../lib/pagination.ts";
import { AppError } from "../../lib/problem.ts";
import { areaCondition } from "./area-condition.ts";
import { afterKey } from "../../db/keyset.ts";
import { agencyStatuses, deskStatuses } from "./lifecycle.ts";
import { presentRequest } from "./present-request.ts";
import { requestJson } from "./request-json.ts";
import { visibleWhere, viewerOf, type Viewer } from "./viewer.ts";

export interface RequestFilters {
  status?: RequestStatus[];
  service_code?: string;
  group?: ServiceGroup;
  area_id?: string;
  channel?: Channel;
  agency_id?: string;
  urgency?: Urgency;
  created_from?: string;
  created_to?: string;
}

/**
 * The lists staff and residents work from. Each queue has its own order and keyset cursor:
 * - all: newest first;
 * - inbox (the desk's): waiting for dispatch, most urgent first, then oldest first;
 * - agency: with an agency, soonest due first;
 * - mine: what the resident follows (a key: what it filed; staff: what they filed), newest first;
 * - overdue: past a due time and not yet resolved, most overdue first.
 * Every queue is further limited to what the caller may see and by the filters.
 */
export type Queue = "all" | "inbox" | "agency" | "mine" | "overdue";

type SortKey = "createdAt" | "id" | "urgencyRank" | "resolutionDueAt";
const newestFirst = [{ key: "createdAt", desc: true }, { key: "id", desc: true }] as const;
const soonestDue = [{ key: "resolutionDueAt" }, { key: "id" }] as const;
const orders: Record<Queue, readonly { key: SortKey; desc?: boolean }[]> = {
  all: newestFirst,
  mine: newestFirst,
  inbox: [{ key: "urgencyRank", desc: true }, { key: "createdAt" }, { key: "id" }],
  agency: soonestDue,
  overdue: soonestDue,
};

function queueWhere(queue: Queue, viewer: Viewer, caller: Principal, agencyId: string | undefined, now: number): SQL | undefined {
  switch (queue) {
    case "all":
      return undefined;
    case "inbox":
      if (viewer.kind !== "desk") throw new AppError("forbidden", "The inbox is the duty desk's.");
      return inArray(r.status, [...deskStatuses]);
    case "agency": {
      const agency = agencyId ?? (viewer.kind === "staff" ? viewer.agencyId : null);
      if (!agency) throw new AppError("validation_failed", "Name the agency.", { extensions: { errors: [{ pointer: "/query/agency_id", detail: "required" }] } });
      if (viewer.kind !== "desk" && !(viewer.kind === "staff" && viewer.agencyId === agency)) {
        throw new AppError("forbidden", "Only the agency's own staff and the desk see its queue.");
      }
      return and(eq(r.agencyId, agency), eq(r.active, true), inArray(r.status, [...agencyStatuses]));
    }
    case "mine":
      if (viewer.kind === "resident") return eq(r.reporterUserId, viewer.userId);
      return eq(r.submittedBy, callerIdentity(caller));
    case "overdue":
      if (viewer.kind !== "desk" && viewer.kind !== "staff") throw new AppError("forbidden", "The overdue queue is for staff.");
      // Resolution time passed, or the agency has not even answered in time.
      return and(
        eq(r.active, true),
        or(lt(r.resolutionDueAt, now), and(inArray(r.status, ["dispatched", "transferred"]), lt(r.firstResponseDueAt, now))),
      );
  }
}

export async function listServiceRequests({
  deps,
  caller,
  queue,
  query,
}: {
  deps: Deps;
  caller: Principal;
  queue: Queue;
  query: RequestFilters & { limit: number; cursor?: string };
}) {
  assertScope(caller, "requests:read");
  const viewer = await viewerOf(deps, caller);
  const order = orders[queue];
  const after = query.cursor ? decodeCursor(query.cursor, order.length) : null;
  const area = query.area_id ? await areaCondition(deps, caller.jurisdictionId, query.area_id) : undefined;
  const where = and(
    eq(r.jurisdictionId, caller.jurisdictionId),
    visibleWhere(viewer),
    queueWhere(queue, viewer, caller, query.agency_id, deps.now()),
    query.status?.length ? inArray(r.status, query.status) : undefined,
    query.service_code ? eq(r.serviceCode, query.service_code) : undefined,
    query.group ? eq(r.serviceGroup, query.group) : undefined,
    area,
    query.channel ? eq(r.channel, query.channel) : undefined,
    query.agency_id && queue !== "agency" ? eq(r.agencyId, query.agency_id) : undefined,
    query.urgency ? eq(r.urgency, query.urgency) : undefined,
    query.created_from ? gte(r.createdAt, Date.parse(query.created_from)) : undefined,
    query.created_to ? lt(r.createdAt, Date.parse(query.created_to)) : undefined,
    // Queues sorted by due time only hold dispatched requests, whose due times are set.
    after ? afterKey(order.map((o) => ({ col: r[o.key], desc: o.desc })), after) : undefined,
  );
  const rows = (
    await deps.db
      .select({ row: requestJson })
      .from(r)
      .where(where)
      .orderBy(...order.map((o) => (o.desc ? desc(r[o.key]) : asc(r[o.key]))))
      .limit(query.limit + 1)
  ).map((x) => x.row);
  return toPage(
    rows,
    query.limit,
    (row) => order.map((o) => row[o.key] as string | number),
    (row) => presentRequest(row, viewer),
  );
}

