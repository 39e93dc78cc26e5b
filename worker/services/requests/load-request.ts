import { and, eq } from "drizzle-orm";
import { serviceRequests } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import type { Scope } from "../../lib/scopes.ts";
import { canSee, viewerOf, type RequestRow, type Viewer } from "./viewer.ts";

/** Ids are `req_…`; anything else is read as a tracking code (what a resident reads out on the phone). */
export async function findRequest(deps: Deps, jurisdictionId: string, idOrCode: string): Promise<RequestRow | undefined> {
  const byId = idOrCode.startsWith("req_");
  const [row] = await deps.db
    .select()
    .from(serviceRequests)
    .where(
      and(
        eq(serviceRequests.jurisdictionId, jurisdictionId),
        byId ? eq(serviceRequests.id, idOrCode) : eq(serviceRequests.trackingCode, idOrCode.toUpperCase()),
      ),
    );
  return row;
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
