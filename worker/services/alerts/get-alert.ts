import { and, desc, eq, gt, isNull, lte, or, type SQL } from "drizzle-orm";
import { alerts } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { afterCursor } from "../../db/keyset.ts";
import { toPage } from "../../lib/pagination.ts";
import { AppError } from "../../lib/problem.ts";
import { canManageAlerts } from "./authority.ts";
import { presentAlert, type AlertRow } from "./present-alert.ts";

export async function findAlert(deps: Deps, jurisdictionId: string, id: string): Promise<AlertRow> {
  const [row] = await deps.db.select().from(alerts).where(and(eq(alerts.id, id), eq(alerts.jurisdictionId, jurisdictionId)));
  if (!row) throw new AppError("not_found", "No such alert.");
  return row;
}

/** Sent versions are public information; drafts exist only for the people who manage alerts. */
export async function getAlert({ deps, caller, id }: { deps: Deps; caller: Principal; id: string }) {
  assertScope(caller, "alerts:read");
  const row = await findAlert(deps, caller.jurisdictionId, id);
  if (row.status === "draft" && !canManageAlerts(caller)) throw new AppError("not_found", "No such alert.");
  return row;
}

type Filter = { status?: "draft" | "published" | "superseded" | "cancelled" | "expired"; kind?: AlertRow["kind"]; chain_id?: string };

function statusFilter(status: Filter["status"], now: number): SQL | undefined {
  if (status === undefined) return undefined;
  if (status === "expired") return and(eq(alerts.status, "published"), lte(alerts.expiresAt, now));
  if (status === "published") return and(eq(alerts.status, "published"), or(isNull(alerts.expiresAt), gt(alerts.expiresAt, now)));
  return eq(alerts.status, status);
}

/** Every version, newest first: the authors' and the desk's view. */
export async function listAlerts({ deps, caller, query }: { deps: Deps; caller: Principal; query: Filter & { limit: number; cursor?: string } }) {
  assertScope(caller, "alerts:read");
  if (!canManageAlerts(caller)) throw new AppError("forbidden", "Residents and kiosks read alerts through their inbox.");
  const now = deps.now();
  const rows = await deps.db
    .select()
    .from(alerts)
    .where(
      and(
        eq(alerts.jurisdictionId, caller.jurisdictionId),
        statusFilter(query.status, now),
        query.kind ? eq(alerts.kind, query.kind) : undefined,
        query.chain_id ? eq(alerts.chainId, query.chain_id) : undefined,
        afterCursor(query.cursor, [{ col: alerts.createdAt, desc: true }, { col: alerts.id, desc: true }]),
      ),
    )
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.createdAt, r.id], (r) => presentAlert(r, now));
}
