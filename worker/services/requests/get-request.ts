import { and, asc, eq } from "drizzle-orm";
import { requestPhotos } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { loadRequest } from "./load-request.ts";

/** One request as the caller may see it, with its photos. Accepts a `req_` id or a tracking code. */
export async function getServiceRequest({ deps, caller, id }: { deps: Deps; caller: Principal; id: string }) {
  const { row, viewer } = await loadRequest(deps, caller, id);
  const photos = row.photoCount
    ? await deps.db
        .select()
        .from(requestPhotos)
        .where(and(eq(requestPhotos.jurisdictionId, row.jurisdictionId), eq(requestPhotos.requestId, row.id)))
        .orderBy(asc(requestPhotos.createdAt), asc(requestPhotos.id))
    : [];
  return { row, viewer, photos };
}
