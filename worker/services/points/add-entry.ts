import { and, eq } from "drizzle-orm";
import { auditLog, pointsLedger } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { actorOf, auditEntry } from "../audit/record-audit.ts";
import { areaPath } from "../places/area-scope.ts";
import { assertStaffFor, taskManagerRoles } from "../tasks/task-access.ts";
import { loadVolunteer } from "../volunteers/load-volunteer.ts";
import { ledgerEntry } from "./ledger-entry.ts";

export interface AddEntryInput {
  kind: "bonus" | "correction";
  points: number;
  minutes?: number;
  reason: string;
  corrects_entry_id?: string;
  area_id?: string;
  occurred_at?: string;
}

const invalid = (pointer: string, detail: string) => new AppError("validation_failed", detail, { extensions: { errors: [{ pointer, detail }] } });

/**
 * Staff add a bonus (e.g. 优秀管家 at the year-end review) or a correction. A correction names the
 * entry it corrects and, by default, counts in that entry's period and area, so fixing a March
 * mistake in April fixes March's leaderboard, not April's.
 */
export async function addEntry({ deps, caller, userId, input, requestId }: { deps: Deps; caller: Principal; userId: string; input: AddEntryInput; requestId?: string }) {
  const volunteer = await loadVolunteer(deps, caller.jurisdictionId, userId);
  if (caller.user?.id === userId) throw new AppError("forbidden", "Nobody awards points to themselves.");
  if (input.kind === "bonus" && input.points <= 0) throw invalid("/body/points", "a bonus is positive; use a correction to deduct");

  let corrected: typeof pointsLedger.$inferSelect | undefined;
  if (input.kind === "correction") {
    if (!input.corrects_entry_id) throw invalid("/body/corrects_entry_id", "required for a correction");
    [corrected] = await deps.db
      .select()
      .from(pointsLedger)
      .where(and(eq(pointsLedger.id, input.corrects_entry_id), eq(pointsLedger.jurisdictionId, caller.jurisdictionId), eq(pointsLedger.userId, userId)));
    if (!corrected) throw invalid("/body/corrects_entry_id", "no such entry for this volunteer");
  } else if (input.corrects_entry_id) {
    throw invalid("/body/corrects_entry_id", "only corrections name an entry");
  }
  const path = input.area_id
    ? await areaPath(deps, caller.jurisdictionId, input.area_id).catch(() => {
        throw invalid("/body/area_id", "no such area in this jurisdiction");
      })
    : (corrected?.areaPath ?? volunteer.profile.homeAreaPath);
  assertStaffFor(caller, "tasks:write", taskManagerRoles, path ?? undefined);

  const at = deps.now();
  const row = ledgerEntry({
    jurisdictionId: caller.jurisdictionId,
    userId,
    kind: input.kind,
    points: input.points,
    minutes: input.minutes ?? null,
    taskId: corrected?.taskId ?? null,
    signupId: corrected?.signupId ?? null,
    correctsEntryId: corrected?.id ?? null,
    areaPath: path,
    reason: input.reason,
    occurredAt: input.occurred_at ? Date.parse(input.occurred_at) : (corrected?.occurredAt ?? at),
    createdBy: actorOf(caller),
    at,
  });
  await deps.db.batch([
    deps.db.insert(pointsLedger).values(row),
    deps.db.insert(auditLog).values(
      auditEntry(caller, at, { action: `points.${input.kind}`, subjectType: "user", subjectId: userId, detail: { entry_id: row.id, points: row.points }, requestId }),
    ),
  ]);
  const [saved] = await deps.db.select().from(pointsLedger).where(eq(pointsLedger.id, row.id));
  return saved!;
}
