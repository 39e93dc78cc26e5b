import { and, desc, eq, gte, inArray, lt } from "drizzle-orm";
import { agencies, serviceRequests as r, services } from "../../db/schema/index.ts";
import { requestStatuses, type RequestStatus } from "../../db/schema/service-requests.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { open311Closed } from "../requests/lifecycle.ts";
import { visibleWhere, viewerOf } from "../requests/viewer.ts";
import { open311Request } from "./present.ts";

const MAX = 1000;
const DEFAULT_DAYS = 90;

const bad = (field: string, detail: string) => new AppError("validation_failed", `${field}: ${detail}`, { extensions: { errors: [{ pointer: `/query/${field}`, detail }] } });

function parseDate(field: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw bad(field, "expected a W3C date-time");
  return ms;
}

/**
 * GET requests: by ids, or by service, status and date range (default: the last 90 days),
 * newest first, at most 1000 — all within what the key may see.
 */
export async function listOpen311Requests({
  deps,
  caller,
  query,
}: {
  deps: Deps;
  caller: Principal;
  query: { service_request_id?: string; service_code?: string; start_date?: string; end_date?: string; status?: string };
}) {
  assertScope(caller, "requests:read");
  const viewer = await viewerOf(deps, caller);
  const ids = query.service_request_id?.split(",").map((s) => s.trim()).filter(Boolean);
  const start = parseDate("start_date", query.start_date);
  const end = parseDate("end_date", query.end_date);
  const statuses = query.status?.split(",").map((s) => s.trim());
  if (statuses?.some((s) => s !== "open" && s !== "closed")) throw bad("status", "open or closed");
  let wanted: RequestStatus[] | undefined;
  if (statuses && !(statuses.includes("open") && statuses.includes("closed"))) {
    wanted = statuses.includes("open") ? requestStatuses.filter((s) => !open311Closed.includes(s)) : [...open311Closed];
  }
  const rows = await deps.db
    .select({ row: r, serviceName: services.nameZh, agencyName: agencies.name })
    .from(r)
    .leftJoin(services, eq(services.id, r.serviceId))
    .leftJoin(agencies, eq(agencies.id, r.agencyId))
    .where(
      and(
        eq(r.jurisdictionId, caller.jurisdictionId),
        visibleWhere(viewer),
        ids?.length ? inArray(r.id, ids.slice(0, MAX)) : gte(r.createdAt, start ?? deps.now() - DEFAULT_DAYS * 86_400_000),
        ids?.length && start !== undefined ? gte(r.createdAt, start) : undefined,
        end !== undefined ? lt(r.createdAt, end) : undefined,
        query.service_code ? inArray(r.serviceCode, query.service_code.split(",")) : undefined,
        wanted ? inArray(r.status, wanted) : undefined,
      ),
    )
    .orderBy(desc(r.createdAt), desc(r.id))
    .limit(MAX);
  return rows.map((x) => open311Request(x.row, viewer, { serviceName: x.serviceName, agencyName: x.agencyName }));
}
