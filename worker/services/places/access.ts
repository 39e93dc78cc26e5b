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
 * Which households (or other rows carrying an area path) a caller may see. Admins, the duty
 * desk and keys acting for themselves see the whole jurisdiction; grid workers, officers and
 * department staff see the areas they are assigned to (and everything under them); residents
 * and volunteers see no one's dwelling. Returns the extra WHERE, or undefined for "all".
 */
export async function householdScope(deps: Deps, p: Principal, pathColumn: SQLiteColumn): Promise<SQL | undefined> {
  assertScope(p, "places:read");
  if (isAdmin(p) || !p.user || p.user.role === "dispatcher" || p.user.role === "admin") return undefined;
  if (p.user.role === "resident" || p.user.role === "volunteer") {
    throw new AppError("forbidden", "Households are visible to staff only.");
  }
  return (await withinAnyArea(deps, p.jurisdictionId, p.user.areaIds, pathColumn)) ?? sql`0`;
}
