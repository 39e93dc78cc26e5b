import { and, eq, lt, sql } from "drizzle-orm";
import { isGuardFailure, requireChanged } from "../../db/guard.ts";
import { requestEvents, requestPhotos, serviceRequests } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { sha256Hex } from "../../lib/crypto.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { sniffImageType } from "./image-type.ts";
import { finishedStatuses } from "./lifecycle.ts";
import { findRequest, loadRequest } from "./load-request.ts";
import { isFollower } from "./permissions.ts";
import { eventRow } from "./request-event.ts";
import { isStaffViewer } from "./viewer.ts";

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS = 6;

/**
 * Stores a photo and attaches it. The count limit is enforced by the UPDATE itself
 * (`photo_count < 6`), so parallel uploads can never exceed it; a refused upload's blob is removed.
 */
export async function addServiceRequestPhoto({ deps, caller, id, bytes }: { deps: Deps; caller: Principal; id: string; bytes: Uint8Array }) {
  const { row, viewer } = await loadRequest(deps, caller, id, "requests:write");
  if (!isFollower(viewer, row) && !isStaffViewer(viewer)) throw new AppError("forbidden", "Only the resident or staff add photos.");
  if (finishedStatuses.includes(row.status)) throw new AppError("conflict", "A finished request takes no more photos.");
  if (bytes.byteLength > MAX_PHOTO_BYTES) throw new AppError("payload_too_large", `A photo may be at most ${MAX_PHOTO_BYTES} bytes.`);
  if (bytes.byteLength === 0) throw new AppError("validation_failed", "The photo is empty.", { extensions: { errors: [{ pointer: "/body/photo", detail: "empty file" }] } });
  const contentType = sniffImageType(bytes);
  if (!contentType) throw new AppError("unsupported_media_type", "Only JPEG, PNG, WebP and GIF images are accepted.");
  if (row.photoCount >= MAX_PHOTOS) throw new AppError("capacity_full", `A request holds at most ${MAX_PHOTOS} photos.`);

  const t = deps.now();
  const photoId = newId("photo");
  const photo = {
    id: photoId,
    jurisdictionId: row.jurisdictionId,
    requestId: row.id,
    blobKey: `requests/${row.jurisdictionId}/${row.id}/${photoId}`,
    contentType,
    bytes: bytes.byteLength,
    sha256: await sha256Hex(bytes),
    uploadedBy: caller.user ? `user:${caller.user.id}` : `key:${caller.keyId}`,
    createdAt: t,
  };
  await deps.blobs.put(photo.blobKey, bytes, contentType);
  try {
    await deps.db.batch([
      deps.db
        .update(serviceRequests)
        .set({ photoCount: sql`${serviceRequests.photoCount} + 1`, version: sql`${serviceRequests.version} + 1`, updatedAt: t })
        .where(and(eq(serviceRequests.id, row.id), eq(serviceRequests.jurisdictionId, row.jurisdictionId), lt(serviceRequests.photoCount, MAX_PHOTOS))),
      deps.db.run(requireChanged()),
      deps.db.insert(requestPhotos).values(photo),
      deps.db.insert(requestEvents).values(eventRow(caller, row, t, { type: "photo_added", data: { photo_id: photo.id } })),
    ]);
  } catch (err) {
    await deps.blobs.delete(photo.blobKey);
    if (isGuardFailure(err)) throw new AppError("capacity_full", `A request holds at most ${MAX_PHOTOS} photos.`);
    throw err;
  }
  const updated = await findRequest(deps, row.jurisdictionId, row.id);
  return { photo, request: updated ?? row };
}
