import { and, desc, eq } from "drizzle-orm";
import { webhookEndpoints } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { afterCursor } from "../../db/keyset.ts";
import { toPage } from "../../lib/pagination.ts";
import { managerAgency } from "./endpoint-access.ts";
import { presentEndpoint } from "./present.ts";

export async function listWebhookEndpoints({ deps, caller, query }: { deps: Deps; caller: Principal; query: { limit: number; cursor?: string } }) {
  const scope = managerAgency(caller);
  const rows = await deps.db
    .select()
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.jurisdictionId, caller.jurisdictionId),
        scope.any ? undefined : eq(webhookEndpoints.agencyId, scope.agencyId),
        afterCursor(query.cursor, [{ col: webhookEndpoints.createdAt, desc: true }, { col: webhookEndpoints.id, desc: true }]),
      ),
    )
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.createdAt, r.id], presentEndpoint);
}

