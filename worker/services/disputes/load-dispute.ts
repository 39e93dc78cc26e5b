import { and, eq, or } from "drizzle-orm";
import { disputes } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import type { Scope } from "../../lib/scopes.ts";
import { loadRequest } from "../requests/load-request.ts";
import { isStaffViewer } from "../requests/viewer.ts";

export type DisputeRow = typeof disputes.$inferSelect;

/**
 * A dispute by its `dsp_` id or its request's id, for staff who may see the request (the desk,
 * the assigned agency, the staff of its areas). Mediation records are staff business.
 */
export async function loadDispute(deps: Deps, caller: Principal, id: string, scope: Scope = "requests:read") {
  const [dispute] = await deps.db
    .select()
    .from(disputes)
    .where(and(eq(disputes.jurisdictionId, caller.jurisdictionId), or(eq(disputes.id, id), eq(disputes.requestId, id))));
  if (!dispute) throw new AppError("not_found", "No such dispute.");
  const { row: request, viewer } = await loadRequest(deps, caller, dispute.requestId, scope).catch(() => {
    throw new AppError("not_found", "No such dispute.");
  });
  if (!isStaffViewer(viewer)) throw new AppError("forbidden", "Mediation records are for staff.");
  return { dispute, request, viewer };
}
