import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { requireChanged } from "../../db/guard.ts";
import { disputes, outbox, requestEvents } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { eventRow, type EventSpec } from "../requests/request-event.ts";
import type { RequestRow } from "../requests/viewer.ts";
import { disputeOutbox } from "./dispute-outbox.ts";
import type { DisputeRow } from "./load-dispute.ts";
import { namesVersion } from "../../lib/version-tag.ts";

/**
 * Changes of a dispute's state (grade, level, agreement) must say which version they were decided
 * on, as request transitions do: no If-Match → 428; one naming another version → 412 with the
 * current ETag. A read's narrowed tag (`"v3.1a2b…"`) names its version.
 */
export function checkDisputeIfMatch(header: string | undefined, version: number) {
  if (header === undefined || header.trim() === "") {
    throw new AppError("precondition_required", "Send If-Match with the ETag of the dispute as you last read it.");
  }
  if (!namesVersion(header, `"v${version}"`)) {
    throw new AppError("precondition_failed", "The dispute has changed since you read it.", { headers: { etag: `"v${version}"` } });
  }
}

/**
 * One change to a dispute as one batch: the UPDATE conditional on its version (a concurrent
 * change loses with 409), a timeline event on its request and an outbox message.
 */
export async function changeDispute(
  deps: Deps,
  caller: Principal,
  dispute: DisputeRow,
  request: RequestRow,
  set: Partial<DisputeRow>,
  event: EventSpec,
  extra: BatchItem<"sqlite">[] = [],
): Promise<DisputeRow> {
  const t = deps.now();
  const next: DisputeRow = { ...dispute, ...set, version: dispute.version + 1, updatedAt: t };
  await deps.db.batch([
    deps.db
      .update(disputes)
      .set({ ...set, version: next.version, updatedAt: t })
      .where(and(eq(disputes.id, dispute.id), eq(disputes.jurisdictionId, dispute.jurisdictionId), eq(disputes.version, dispute.version))),
    deps.db.run(requireChanged()),
    deps.db.insert(requestEvents).values(eventRow(caller, request, t, { visibility: "internal", ...event })),
    deps.db.insert(outbox).values(disputeOutbox(next, request, t, event.type)),
    ...extra,
  ]);
  return next;
}
