import { isStaffViewer, type RequestRow, type Viewer } from "./viewer.ts";

/** Dispatchers, admins, admin and integration keys: the 24-hour duty desk (后台). */
export const isDesk = (v: Viewer) => v.kind === "desk";
/** Admin users and desk keys may also act for an agency (e.g. an agency's own system via its key). */
export const actsForAnyAgency = (v: Viewer) => v.kind === "desk" && v.role !== "dispatcher";
export const ofAssignedAgency = (v: Viewer, row: RequestRow) => v.kind === "staff" && v.agencyId !== null && v.agencyId === row.agencyId;
/** The resident who follows the request, or the kiosk/app key that filed it without a user. */
export const isFollower = (v: Viewer, row: RequestRow) =>
  (v.kind === "resident" && row.reporterUserId === v.userId) || (v.kind === "channel" && row.submittedBy === v.filer);
export const agencyOrAdmin = (v: Viewer, row: RequestRow) => ofAssignedAgency(v, row) || actsForAnyAgency(v);
export const followerOrStaff = (v: Viewer, row: RequestRow) => isFollower(v, row) || isStaffViewer(v);
