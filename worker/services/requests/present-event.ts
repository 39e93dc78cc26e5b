import type { requestEvents } from "../../db/schema/index.ts";
import { iso } from "../../lib/time.ts";
import { isStaffViewer, type Viewer } from "./viewer.ts";

type EventRow = typeof requestEvents.$inferSelect;

/**
 * A timeline entry. Residents see who acted only as a kind and role ("staff", "department_staff",
 * the agency): never a staff member's identity.
 */
export function presentEvent(e: EventRow, viewer: Viewer) {
  const staff = isStaffViewer(viewer);
  const kind: "system" | "integration" | "resident" | "staff" =
    e.actor === "system" ? "system" : e.actorRole === null ? "integration" : e.actorRole === "resident" || e.actorRole === "volunteer" ? "resident" : "staff";
  return {
    id: e.id,
    type: e.type,
    from_status: e.fromStatus,
    to_status: e.toStatus,
    note: e.note,
    visibility: e.visibility,
    data: e.data,
    actor: { kind, role: e.actorRole, agency_id: e.actorAgencyId, id: staff ? e.actor : null },
    at: iso(e.at),
  };
}
