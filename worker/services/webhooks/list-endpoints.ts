import { and, desc, eq, lt, or } from "drizzle-orm";
import { webhookEndpoints } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { decodeCursor, toPage } from "../../lib/pagination.ts";
import { managerAgency } from "./endpoint-access.ts";
import { presentEndpoint } from "./present.ts";

export async function listWebhookEndpoints({ deps, caller, query }: { deps: Deps; caller: Principal; query: { limit: number; cursor?: string } }) {
  const scope = managerAgency(caller);
  const after = query.cursor ? decodeCursor(query.cursor, 2) : null;
  const rows = await deps.db
    .select()
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.jurisdictionId, caller.jurisdictionId),
        scope.any ? undefined : eq(webhookEndpoints.agencyId, scope.agencyId),
        after
          ? or(lt(webhookEndpoints.createdAt, Number(after[0])), and(eq(webhookEndpoints.createdAt, Number(after[0])), lt(webhookEndpoints.id, String(after[1]))))
          : undefined,
      ),
    )
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.createdAt, r.id], presentEndpoint);
}

