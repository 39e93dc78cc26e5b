import type { BatchItem } from "drizzle-orm/batch";
import type { Deps } from "../../deps.ts";
import type { RequestRow } from "./viewer.ts";

/**
 * Statements a resolution adds to its batch for particular kinds of request. Disputes schedule
 * their follow-up visits here (see services/disputes).
 */
export function resolutionExtras(_deps: Deps, _row: RequestRow, _at: number): BatchItem<"sqlite">[] {
  return [];
}
