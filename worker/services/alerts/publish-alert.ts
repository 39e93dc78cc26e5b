import { and, eq, sql } from "drizzle-orm";
import { NEVER, alertTargets, alerts, outbox } from "../../db/schema/index.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { actorOf } from "../audit/record-audit.ts";
import { outboxEntry } from "../events/outbox-entry.ts";
import { assertAlertAuthor } from "./authority.ts";
import { findAlert } from "./get-alert.ts";
import { assertTimes } from "./input.ts";
import type { AlertRow } from "./present-alert.ts";
import { resolveTargets } from "./targets.ts";

/** The target rows of a sent version: one per targeted area, never one per recipient. */
export function targetRows(row: Pick<AlertRow, "id" | "jurisdictionId">, paths: string[], times: { sentAt: number; effectiveAt: number; expiresAt: number | null }) {
  return paths.map((targetPath) => ({
    alertId: row.id,
    jurisdictionId: row.jurisdictionId,
    targetPath,
    live: 1,
    sentAt: times.sentAt,
    effectiveAt: times.effectiveAt,
    expiresAt: times.expiresAt ?? NEVER,
  }));
}

/**
 * Sends a draft (CAP msgType Alert). The cost is one UPDATE plus one row per targeted area,
 * whether those areas hold a thousand households or a million: readers find the alert by their
 * area path, and receipts are written only when someone acts.
 */
export async function publishAlert({ deps, caller, id }: { deps: Deps; caller: Principal; id: string }) {
  assertAlertAuthor(caller);
  const current = await findAlert(deps, caller.jurisdictionId, id);
  if (current.status !== "draft") throw new AppError("invalid_transition", "Only a draft can be published.");
  const { paths } = await resolveTargets(deps, caller, { areaIds: current.areaIds, wholeJurisdiction: current.wholeJurisdiction });
  const t = deps.now();
  assertTimes(current, t);
  const effectiveAt = current.effectiveAt ?? t;
  await deps.db.batch([
    deps.db
      .update(alerts)
      .set({ status: "published", sentAt: t, effectiveAt, sentBy: actorOf(caller), updatedAt: t, rowVersion: sql`${alerts.rowVersion} + 1` })
      .where(and(eq(alerts.id, id), eq(alerts.jurisdictionId, caller.jurisdictionId), eq(alerts.status, "draft"), eq(alerts.rowVersion, current.rowVersion))),
    deps.db.run(requireChanged()),
    deps.db.insert(alertTargets).values(targetRows(current, paths, { sentAt: t, effectiveAt, expiresAt: current.expiresAt })),
    deps.db.insert(outbox).values(
      outboxEntry(caller.jurisdictionId, t, { type: "alert.published", payload: { alert_id: id, chain_id: current.chainId, kind: current.kind, severity: current.severity } }),
    ),
  ]);
  return findAlert(deps, caller.jurisdictionId, id);
}
