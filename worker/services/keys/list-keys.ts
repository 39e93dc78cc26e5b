import { and, desc, eq } from "drizzle-orm";
import { apiKeys } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertAdmin } from "../../lib/authz.ts";
import { afterCursor } from "../../db/keyset.ts";
import { toPage } from "../../lib/pagination.ts";
import { AppError } from "../../lib/problem.ts";
import { presentKey } from "./present-key.ts";

export async function listKeys({ deps, caller, query }: { deps: Deps; caller: Principal; query: { limit: number; cursor?: string } }) {
  assertAdmin(caller);
  const rows = await deps.db
    .select()
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.jurisdictionId, caller.jurisdictionId),
        // A row-value comparison, so SQLite seeks the index instead of scanning from the start.
        afterCursor(query.cursor, [{ col: apiKeys.createdAt, desc: true }, { col: apiKeys.id, desc: true }]),
      ),
    )
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.createdAt, r.id], presentKey);
}

export async function getKey({ deps, caller, id }: { deps: Deps; caller: Principal; id: string }) {
  assertAdmin(caller);
  const [row] = await deps.db.select().from(apiKeys).where(and(eq(apiKeys.id, id), eq(apiKeys.jurisdictionId, caller.jurisdictionId)));
  if (!row) throw new AppError("not_found", "No such key.");
  return row;
}
