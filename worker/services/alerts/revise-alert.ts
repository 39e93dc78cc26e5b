import { and, eq } from "drizzle-orm";
import { alertTargets, alerts, outbox } from "../../db/schema/index.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { actorOf } from "../audit/record-audit.ts";
import { outboxEntry } from "../events/outbox-entry.ts";
import { assertAlertAuthor } from "./authority.ts";
import { findAlert } from "./get-alert.ts";
import { assertTimes, contentColumns, type AlertContentInput } from "./input.ts";
import type { AlertRow } from "./present-alert.ts";
import { targetRows } from "./publish-alert.ts";
import { resolveTargets } from "./targets.ts";

/**
 * Statements that retire the chain's current version in favour of `next`. The retirement is
 * conditional on the version still being the published one, so of two concurrent updates (or
 * an update racing a cancel) exactly one wins and the other gets 409.
 */
function retire(deps: Deps, current: AlertRow, nextId: string, t: number) {
  return [
    deps.db
      .update(alerts)
      .set({ status: "superseded", supersededById: nextId, updatedAt: t })
      .where(and(eq(alerts.id, current.id), eq(alerts.jurisdictionId, current.jurisdictionId), eq(alerts.status, "published"))),
    deps.db.run(requireChanged()),
    deps.db.update(alertTargets).set({ live: 0 }).where(eq(alertTargets.alertId, current.id)),
  ] as const;
}

async function currentPublished(deps: Deps, caller: Principal, id: string) {
  const current = await findAlert(deps, caller.jurisdictionId, id);
  if (current.status === "draft") throw new AppError("invalid_transition", "A draft is edited, not updated; publish it first.");
  if (current.status !== "published") {
    throw new AppError("invalid_transition", `This version was ${current.status}; act on the chain's current version.`, {
      extensions: { current_id: current.supersededById },
    });
  }
  return current;
}

function nextVersion(current: AlertRow, t: number, caller: Principal, over: Partial<AlertRow>): AlertRow {
  return {
    ...current,
    ...over,
    id: newId("alert"),
    versionNo: current.versionNo + 1,
    supersedesId: current.id,
    supersededById: null,
    sentAt: t,
    sentBy: actorOf(caller),
    createdBy: actorOf(caller),
    createdAt: t,
    updatedAt: t,
    rowVersion: 1,
  };
}

/** CAP Update: a new, published version that references every earlier one; the old one is superseded. */
export async function reviseAlert({ deps, caller, id, input }: { deps: Deps; caller: Principal; id: string; input: AlertContentInput }) {
  assertAlertAuthor(caller);
  const current = await currentPublished(deps, caller, id);
  const t = deps.now();
  const cols = contentColumns(input);
  // A note belongs to one message: an update without one does not inherit the last.
  const next = nextVersion(current, t, caller, { msgType: "Update", status: "published", note: null, ...cols });
  assertTimes(next, t);
  const { paths } = await resolveTargets(deps, caller, { areaIds: next.areaIds, wholeJurisdiction: next.wholeJurisdiction });
  await deps.db.batch([
    ...retire(deps, current, next.id, t),
    deps.db.insert(alerts).values(next),
    deps.db.insert(alertTargets).values(targetRows(next, paths, { sentAt: t, effectiveAt: next.effectiveAt ?? t, expiresAt: next.expiresAt })),
    deps.db.insert(outbox).values(
      outboxEntry(caller.jurisdictionId, t, { type: "alert.updated", payload: { alert_id: next.id, chain_id: next.chainId, supersedes_id: current.id, version: next.versionNo } }),
    ),
  ]);
  return next;
}

/** CAP Cancel: a final message of the chain; the alert leaves every inbox and feed at once. */
export async function cancelAlert({ deps, caller, id, note }: { deps: Deps; caller: Principal; id: string; note?: string }) {
  assertAlertAuthor(caller);
  const current = await currentPublished(deps, caller, id);
  // Withdrawing needs the same authority as sending: an officer cannot cancel a county-wide alert.
  await resolveTargets(deps, caller, { areaIds: current.areaIds, wholeJurisdiction: current.wholeJurisdiction });
  const t = deps.now();
  const next = nextVersion(current, t, caller, { msgType: "Cancel", status: "cancelled", note: note ?? null });
  await deps.db.batch([
    ...retire(deps, current, next.id, t),
    deps.db.insert(alerts).values(next),
    deps.db.insert(outbox).values(
      outboxEntry(caller.jurisdictionId, t, { type: "alert.cancelled", payload: { alert_id: next.id, chain_id: next.chainId, supersedes_id: current.id } }),
    ),
  ]);
  return next;
}
