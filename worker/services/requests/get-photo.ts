import { and, eq } from "drizzle-orm";
import { requestPhotos } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { notModified } from "./etag.ts";
import { loadRequest } from "./load-request.ts";

/**
 * A photo's bytes, only for callers who may see its request (others get the same 404 as for
 * nothing). A photo never changes, so its content hash is its ETag; when the caller already holds
 * it (`ifNoneMatch`), the bytes are not read at all and `body` is null.
 */
export async function getServiceRequestPhoto({ deps, caller, id, photoId, ifNoneMatch }: { deps: Deps; caller: Principal; id: string; photoId: string; ifNoneMatch?: string }) {
  const { row } = await loadRequest(deps, caller, id);
  const [photo] = await deps.db
    .select()
    .from(requestPhotos)
    .where(and(eq(requestPhotos.id, photoId), eq(requestPhotos.requestId, row.id), eq(requestPhotos.jurisdictionId, row.jurisdictionId)));
  if (!photo) throw new AppError("not_found", "No such photo.");
  const etag = `"${photo.sha256.slice(0, 32)}"`;
  if (notModified(ifNoneMatch, etag)) return { photo, etag, body: null };
  const blob = await deps.blobs.get(photo.blobKey);
  if (!blob) throw new AppError("not_found", "No such photo.");
  return { photo, etag, body: blob.body };
}
