import { and, eq } from "drizzle-orm";
import { requestPhotos } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { loadRequest } from "./load-request.ts";

/** A photo's bytes, only for callers who may see its request (others get the same 404 as for nothing). */
export async function getServiceRequestPhoto({ deps, caller, id, photoId }: { deps: Deps; caller: Principal; id: string; photoId: string }) {
  const { row } = await loadRequest(deps, caller, id);
  const [photo] = await deps.db
    .select()
    .from(requestPhotos)
    .where(and(eq(requestPhotos.id, photoId), eq(requestPhotos.requestId, row.id), eq(requestPhotos.jurisdictionId, row.jurisdictionId)));
  const blob = photo && (await deps.blobs.get(photo.blobKey));
  if (!photo || !blob) throw new AppError("not_found", "No such photo.");
  return { photo, body: blob.body };
}
