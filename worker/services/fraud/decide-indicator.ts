import { and, eq, sql } from "drizzle-orm";
import { fraudIndicators, outbox } from "../../db/schema/index.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { actorOf } from "../audit/record-audit.ts";
import { outboxEntry } from "../events/outbox-entry.ts";
import { getIndicator } from "./list-indicators.ts";
import { assertFraudStaff } from "./manage.ts";

/**
 * Confirm (used in fraud: checks answer `confirmed`) or dismiss (not fraud: checks answer `none`).
 * Either can be reversed by the other; deciding the same twice is refused, so a stale screen
 * cannot silently re-decide what a colleague just changed.
 */
export async function decideIndicator({ deps, caller, id, decision, note }: { deps: Deps; caller: Principal; id: string; decision: "confirmed" | "dismissed"; note?: string }) {
  assertFraudStaff(caller);
  const current = await getIndicator({ deps, caller, id });
  if (current.status === decision) throw new AppError("invalid_transition", `The indicator is already ${decision}.`);
  const t = deps.now();
  await deps.db.batch([
    deps.db
      .update(fraudIndicators)
      .set({ status: decision, decidedAt: t, decidedBy: actorOf(caller), decisionNote: note ?? null, rowVersion: sql`${fraudIndicators.rowVersion} + 1` })
      .where(and(eq(fraudIndicators.id, id), eq(fraudIndicators.jurisdictionId, caller.jurisdictionId), eq(fraudIndicators.rowVersion, current.rowVersion))),
    deps.db.run(requireChanged()),
    deps.db.insert(outbox).values(
      outboxEntry(caller.jurisdictionId, t, { type: `fraud_indicator.${decision}`, payload: { indicator_id: id, kind: current.kind, status: decision } }),
    ),
  ]);
  return getIndicator({ deps, caller, id });
}
