import type { requestPhotos } from "../../db/schema/index.ts";
import { maskAddress, maskName, maskPhone } from "../../lib/mask.ts";
import { iso, isoOrNull } from "../../lib/time.ts";
import { isStaffViewer, type RequestRow, type Viewer } from "./viewer.ts";

type PhotoRow = typeof requestPhotos.$inferSelect;

export const photoUrl = (requestId: string, photoId: string) => `/v1/requests/${requestId}/photos/${photoId}`;

export function presentPhoto(p: PhotoRow) {
  return { id: p.id, content_type: p.contentType, bytes: p.bytes, url: photoUrl(p.requestId, p.id), created_at: iso(p.createdAt) };
}

/**
 * One shape for every caller. Reporter contact is always masked (staff reveal it through an
 * audited call); staff-only fields (escalation, SLA flags, who filed it) are null for residents.
 * In lists (`detail` false) the address is masked as well; `photos` only on a read of one request.
 * On a read of one request the address is in full for staff; for everyone else (residents, and
 * app, kiosk and public-account keys) only when no household placed the request, i.e. the
 * address is what the filer typed. A doorplate code fills in the household's own address, which
 * a code must never yield (the doorplate scan masks it too; app keys are in every user's hands):
 * it stays masked for non-staff, even for the resident who filed it, and staff reveal it (audited)
 * through revealServiceRequestContact or revealHousehold.
 */
/** The address a viewer may read of one request (the rule above); Open311 answers follow it too. */
export const addressFor = (row: RequestRow, viewer: Viewer) =>
  isStaffViewer(viewer) || row.householdId === null ? row.address : maskAddress(row.address);

export function presentRequest(row: RequestRow, viewer: Viewer, opts: { detail?: boolean; photos?: PhotoRow[] } = {}) {
  const staff = isStaffViewer(viewer);
  const detail = opts.detail ?? false;
  const photos = opts.photos;
  return {
    id: row.id,
    tracking_code: row.trackingCode,
    service_code: row.serviceCode,
    group: row.serviceGroup,
    status: row.status,
    version: row.version,
    channel: row.channel,
    urgency: row.urgency,
    description: row.description,
    attributes: row.attributes,
    location: {
      lat: row.lat,
      long: row.lng,
      address: detail ? addressFor(row, viewer) : maskAddress(row.address),
      area_id: row.areaId,
      household_id: staff ? row.householdId : null,
    },
    reporter: { name: maskName(row.reporterName), phone: maskPhone(row.reporterPhone), user_id: viewer.kind === "channel" ? null : row.reporterUserId },
    agency_id: row.agencyId,
    due: { first_response_at: isoOrNull(row.firstResponseDueAt), resolution_at: isoOrNull(row.resolutionDueAt) },
    dispatched_at: isoOrNull(row.dispatchedAt),
    first_responded_at: isoOrNull(row.firstRespondedAt),
    resolved_at: isoOrNull(row.resolvedAt),
    closed_at: isoOrNull(row.closedAt),
    resolution_note: row.resolutionNote,
    rating: row.rating === null ? null : { score: row.rating, comment: row.ratingComment, rated_at: isoOrNull(row.ratedAt) },
    duplicate_of: row.duplicateOf,
    source_lead_id: staff ? row.sourceLeadId : null,
    escalation_level: staff ? row.escalationLevel : null,
    overdue_since: staff ? isoOrNull(row.overdueSince) : null,
    photo_count: row.photoCount,
    photos: photos ? photos.map(presentPhoto) : null,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}
export type PresentedRequest = ReturnType<typeof presentRequest>;
