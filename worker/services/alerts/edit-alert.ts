import { and, eq, sql } from "drizzle-orm";
import { alerts } from "../../db/schema/index.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { assertAlertAuthor } from "./authority.ts";
import { findAlert } from "./get-alert.ts";
import { assertTimes, contentColumns, type AlertContentInput } from "./input.ts";
import { etagOf } from "./present-alert.ts";
import { resolveTargets } from "./targets.ts";
import { namesVersion } from "../../lib/version-tag.ts";

/**
 * Only a draft is edited in place; a sent alert changes by an Update (a new version). `ifMatch`
 * (the ETag from a read) makes the edit conditional: two editors cannot silently overwrite.
 */
export async function editAlert({ deps, caller, id, input, ifMatch }: { deps: Deps; caller: Principal; id: string; input: AlertContentInput; ifMatch?: string }) {
  assertAlertAuthor(caller);
  const current = await findAlert(deps, caller.jurisdictionId, id);
  if (current.status !== "draft") throw new AppError("invalid_transition", "Only a draft can be edited; publish an update instead.");
  if (ifMatch !== undefined && !namesVersion(ifMatch, etagOf(current))) throw new AppError("precondition_failed");
  const cols = contentColumns(input);
  const merged = { ...current, ...cols };
  if (cols.areaIds !== undefined) await resolveTargets(deps, caller, { areaIds: merged.areaIds, wholeJurisdiction: merged.wholeJurisdiction });
  assertTimes(merged, null);
  await deps.db.batch([
    deps.db
      .update(alerts)
      .set({ ...cols, updatedAt: deps.now(), rowVersion: sql`${alerts.rowVersion} + 1` })
      .where(and(eq(alerts.id, id), eq(alerts.jurisdictionId, caller.jurisdictionId), eq(alerts.status, "draft"), eq(alerts.rowVersion, current.rowVersion))),
    deps.db.run(requireChanged()),
  ]);
  return findAlert(deps, caller.jurisdictionId, id);
}
