import type { Principal } from "../../deps.ts";
import { assertRole, assertScope, isStaff } from "../../lib/authz.ts";

/**
 * Who may author and send alerts: officers, the duty desk and admins (or a key acting for
 * itself, e.g. a county platform integration) holding `alerts:write`. Residents never, whatever
 * their key allows.
 */
export function assertAlertAuthor(caller: Principal) {
  assertScope(caller, "alerts:write");
  assertRole(caller, "officer", "dispatcher", "admin");
}

/** Drafts and the full history are for authors and staff, never for residents or kiosks. */
export function canManageAlerts(caller: Principal): boolean {
  if (caller.user) return isStaff(caller);
  return caller.scopes.includes("alerts:write") || caller.scopes.includes("admin");
}

/** Officers answer for their own areas; the desk, admins and keys for the whole jurisdiction. */
export function targetsRestrictedTo(caller: Principal): readonly string[] | null {
  return caller.user?.role === "officer" ? caller.user.areaIds : null;
}
