import { sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope, isAdmin } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { withinAnyArea } from "./area-scope.ts";

/** Agencies, the area tree and its duty staff are reference data: any caller holding `places:read`. */
export function assertPlacesReader(p: Principal): void {
  assertScope(p, "places:read");
}

/**
 * Which households (or other rows carrying an area path) a caller may see. Admins (`isAdmin`: an
 * admin key, or an admin user through a key holding `admin`) and the duty desk (dispatchers) see
 * the whole jurisdiction; grid workers, officers, department staff, and admin users signed in
 * through a key without `admin`, see the areas they are assigned to (and everything under them).
 * Residents and volunteers see no one's dwelling, and neither does a key acting for itself unless
 * it is an admin key: an app, kiosk, public-account or integration key would otherwise read every
 * household's doorplate code, the household's credential at the door. Returns the extra WHERE, or
 * undefined for "all".
 */
export async function householdScope(deps: Deps, p: Principal, pathColumn: SQLiteColumn): Promise<SQL | undefined> {
  assertScope(p, "places:read");
  if (isAdmin(p)) return undefined;
  if (!p.user) throw new AppError("forbidden", "Households are visible to administrators and staff only; this key acts for no staff member.");
  if (p.user.role === "resident" || p.user.role === "volunteer") {
    throw new AppError("forbidden", "Households are visible to staff only.");
  }
  if (p.user.role === "dispatcher") return undefined;
  return (await withinAnyArea(deps, p.jurisdictionId, p.user.areaIds, pathColumn)) ?? sql`0`;
}
