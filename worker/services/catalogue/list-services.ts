import { and, asc, eq, gt } from "drizzle-orm";
import { services } from "../../db/schema/index.ts";
import type { ServiceGroup } from "../../db/schema/services.ts";
import type { Deps, Principal } from "../../deps.ts";
import { isAdmin } from "../../lib/authz.ts";
import { decodeCursor, toPage } from "../../lib/pagination.ts";
import { AppError } from "../../lib/problem.ts";
import { presentService } from "./present-service.ts";

export async function listServices({
  deps,
  caller,
  query,
}: {
  deps: Deps;
  caller: Principal;
  query: { limit: number; cursor?: string; group?: ServiceGroup; include_inactive?: boolean };
}) {
  if (query.include_inactive && !isAdmin(caller)) throw new AppError("forbidden", "Only administrators see retired services.");
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : null;
  const rows = await deps.db
    .select()
    .from(services)
    .where(
      and(
        eq(services.jurisdictionId, caller.jurisdictionId),
        query.group ? eq(services.group, query.group) : undefined,
        query.include_inactive ? undefined : eq(services.active, true),
        after !== null ? gt(services.code, after) : undefined,
      ),
    )
    .orderBy(asc(services.code))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.code], presentService);
}

/** Every active service of a jurisdiction (Open311 lists them unpaginated). */
export async function allActiveServices(deps: Deps, jurisdictionId: string) {
  return deps.db
    .select()
    .from(services)
    .where(and(eq(services.jurisdictionId, jurisdictionId), eq(services.active, true)))
    .orderBy(asc(services.code));
}
