import { and, eq, sql } from "drizzle-orm";
import { prepared } from "../../db/prepared.ts";
import { serviceRequests } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import type { Scope } from "../../lib/scopes.ts";
import { requestJson as asJson } from "./request-json.ts";
import { canSee, viewerOf, type RequestRow, type Viewer } from "./viewer.ts";

const r = serviceRequests;
const byId = prepared((db) =>
  db.select({ row: asJson }).from(r).where(and(eq(r.jurisdictionId, sql.placeholder("j")), eq(r.id, sql.placeholder("key")))).prepare(),
);
const byCode = prepared((db) =>
  db.select({ row: asJson }).from(r).where(and(eq(r.jurisdictionId, sql.placeholder("j")), eq(r.trackingCode, sql.placeholder("key")))).prepare(),
);

/** Ids are `req_…`; anything else is read as a tracking code (what a resident reads out on the phone). */
export async function findRequest(deps: Deps, jurisdictionId: string, idOrCode: string): Promise<RequestRow | undefined> {
  const found = idOrCode.startsWith("req_")
    ? await byId(deps.db).get({ j: jurisdictionId, key: idOrCode })
    : await byCode(deps.db).get({ j: jurisdictionId, key: idOrCode.toUpperCase() });
  return found?.row;
}

/**
 * A request the caller may see, or 404: another tenant's request, or another resident's, must be
 * indistinguishable from one that does not exist.
 */
export async function loadRequest(
  deps: Deps,
  caller: Principal,
  idOrCode: string,
  scope: Scope = "requests:read",
): Promise<{ row: RequestRow; viewer: Viewer }> {
  assertScope(caller, scope);
  const [viewer, row] = await Promise.all([viewerOf(deps, caller), findRequest(deps, caller.jurisdictionId, idOrCode)]);
  if (!row || !canSee(viewer, row)) throw new AppError("not_found", "No such request.");
  return { row, viewer };
}
