import { and, desc, eq } from "drizzle-orm";
import { webhookDeliveries } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { afterCursor } from "../../db/keyset.ts";
import { toPage } from "../../lib/pagination.ts";
import { loadEndpoint } from "./endpoint-access.ts";
import { presentDelivery } from "./present.ts";

/** An endpoint's deliveries, newest first: what was sent, how often, and what came back. */
export async function listWebhookDeliveries({ deps, caller, id, query }: { deps: Deps; caller: Principal; id: string; query: { limit: number; cursor?: string } }) {
  const endpoint = await loadEndpoint(deps, caller, id);
  const d = webhookDeliveries;
  const rows = await deps.db
    .select()
    .from(d)
    .where(
      and(
        eq(d.jurisdictionId, caller.jurisdictionId),
        eq(d.endpointId, endpoint.id),
        afterCursor(query.cursor, [{ col: d.createdAt, desc: true }, { col: d.id, desc: true }]),
      ),
    )
    .orderBy(desc(d.createdAt), desc(d.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.createdAt, r.id], presentDelivery);
}
