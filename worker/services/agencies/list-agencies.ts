import { and, asc, eq, gt } from "drizzle-orm";
import { agencies } from "../../db/schema/index.ts";
import type { agencyKinds } from "../../db/schema/agencies.ts";
import type { Deps, Principal } from "../../deps.ts";
import { decodeCursor, toPage } from "../../lib/pagination.ts";
import { AppError } from "../../lib/problem.ts";
import { assertPlacesReader } from "../places/access.ts";
import { presentAgency } from "./present-agency.ts";

export async function listAgencies({
  deps,
  caller,
  query,
}: {
  deps: Deps;
  caller: Principal;
  query: { limit: number; cursor?: string; kind?: (typeof agencyKinds)[number]; area_id?: string };
}) {
  assertPlacesReader(caller);
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : null;
  const rows = await deps.db
    .select()
    .from(agencies)
    .where(
      and(
        eq(agencies.jurisdictionId, caller.jurisdictionId),
        query.kind ? eq(agencies.kind, query.kind) : undefined,
        query.area_id ? eq(agencies.areaId, query.area_id) : undefined,
        after ? gt(agencies.id, after) : undefined,
      ),
    )
    .orderBy(asc(agencies.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.id], presentAgency);
}

export async function getAgency({ deps, caller, id }: { deps: Deps; caller: Principal; id: string }) {
  assertPlacesReader(caller);
  const [row] = await deps.db.select().from(agencies).where(and(eq(agencies.id, id), eq(agencies.jurisdictionId, caller.jurisdictionId)));
  if (!row) throw new AppError("not_found", "No such agency.");
  return row;
}
