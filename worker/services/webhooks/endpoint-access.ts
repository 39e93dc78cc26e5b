import { and, eq } from "drizzle-orm";
import { webhookEndpoints } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

/**
 * Who manages webhooks: admin and integration keys, and admin users. An admin user who belongs
 * to an agency manages only that agency's endpoints.
 */
export function managerAgency(p: Principal): { any: true } | { any: false; agencyId: string } {
  assertScope(p, "webhooks:manage");
  if (!p.user) {
    if (p.keyKind === "admin" || p.keyKind === "integration") return { any: true };
    throw new AppError("forbidden", "Webhooks are managed with an admin or integration key.");
  }
  if (p.user.role !== "admin") throw new AppError("forbidden", "Only administrators manage webhooks.");
  return p.user.agencyId ? { any: false, agencyId: p.user.agencyId } : { any: true };
}

export async function loadEndpoint(deps: Deps, p: Principal, id: string): Promise<EndpointRow> {
  const scope = managerAgency(p);
  const [row] = await deps.db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.jurisdictionId, p.jurisdictionId)));
  if (!row || (!scope.any && row.agencyId !== scope.agencyId)) throw new AppError("not_found", "No such webhook endpoint.");
  return row;
}

