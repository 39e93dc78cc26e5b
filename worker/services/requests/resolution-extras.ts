import type { BatchItem } from "drizzle-orm/batch";
import type { Deps } from "../../deps.ts";
import { followUpStatements } from "../disputes/schedule-follow-ups.ts";
import type { RequestRow } from "./viewer.ts";

/** Statements a resolution adds to its batch for particular kinds of request: disputes schedule 回访. */
export function resolutionExtras(deps: Deps, row: RequestRow, at: number): BatchItem<"sqlite">[] {
  return row.serviceGroup === "dispute" ? followUpStatements(deps, row, at) : [];
}
