import { sql, type SQL } from "drizzle-orm";
import { firstRow, statementTemplate } from "../../db/statements.ts";
import { serviceRequests } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import type { Scope } from "../../lib/scopes.ts";
import { requestJson as asJson } from "./request-json.ts";
import { canSee, viewerOf, type RequestRow, type Viewer } from "./viewer.ts";

const r = serviceRequests;
/**
 * Every read of one request goes through here, so its SQL is rendered once and its one JSON value
 * decoded directly: drizzle's result mapping cost about as much as the read itself.
 */
const one = (by: SQL) => statementTemplate(sql`SELECT ${asJson} AS row FROM ${r} WHERE ${r.jurisdictionId} = ${sql.placeholder("j")} AND ${by} = ${sql.placeholder("key")}`);
const byId = one(sql`${r.id}`);
const byCode = one(sql`${r.trackingCode}`);

/** Ids are `req_…`; anything else is read as a tracking code (what a resident reads out on the phone). */
export async function findRequest(deps: Deps, jurisdictionId: string, idOrCode: string): Promise<RequestRow | undefined> {
  const statement = idOrCode.startsWith("req_") ? byId({ j: jurisdictionId, key: idOrCode }) : byCode({ j: jurisdictionId, key: idOrCode.toUpperCase() });
  const found = await firstRow<{ row: string }>(deps.client, statement);
  return found ? asJson.decode(found.row) : undefined;
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
