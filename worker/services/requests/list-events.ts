import { and, asc, eq } from "drizzle-orm";
import { requestEvents as ev } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { decodeCursor, toPage } from "../../lib/pagination.ts";
import { afterKey } from "../../db/keyset.ts";
import { loadRequest } from "./load-request.ts";
import { presentEvent } from "./present-event.ts";
import { isStaffViewer } from "./viewer.ts";

/** The request's timeline, oldest first. Residents and channel keys never get internal entries. */
export async function listServiceRequestEvents({ deps, caller, id, query }: { deps: Deps; caller: Principal; id: string; query: { limit: number; cursor?: string } }) {
  const { row, viewer } = await loadRequest(deps, caller, id);
  const after = query.cursor ? decodeCursor(query.cursor, 2) : null;
  const rows = await deps.db
    .select()
    .from(ev)
    .where(
      and(
        eq(ev.jurisdictionId, row.jurisdictionId),
        eq(ev.requestId, row.id),
        isStaffViewer(viewer) ? undefined : eq(ev.visibility, "public"),
        after ? afterKey([{ col: ev.at }, { col: ev.id }], after) : undefined,
      ),
    )
    .orderBy(asc(ev.at), asc(ev.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (e) => [e.at, e.id], (e) => presentEvent(e, viewer));
}
