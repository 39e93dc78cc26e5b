import { and, eq, inArray, sql } from "drizzle-orm";
import { auditLog, interventionEvents, interventions, outbox, users } from "../../db/schema/index.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { actorOf, auditEntry } from "../audit/record-audit.ts";
import { outboxEntry } from "../events/outbox-entry.ts";
import { assertInterventionStaff, findVisible } from "./access.ts";
import type { InterventionRow } from "./present.ts";

type EventType = (typeof interventionEvents.$inferInsert)["type"];

function timeline(caller: Principal, row: InterventionRow, type: EventType, t: number, note?: string | null, data?: Record<string, unknown>) {
  return { id: newId("interventionEvent"), jurisdictionId: row.jurisdictionId, interventionId: row.id, type, actor: actorOf(caller), note: note ?? null, data: data ?? null, at: t };
}

/** The UPDATE is conditional on the version read, so two people acting at once cannot both win. */
function guarded(deps: Deps, row: InterventionRow, set: Partial<typeof interventions.$inferInsert>, statuses: InterventionRow["status"][]) {
  return [
    deps.db
      .update(interventions)
      .set({ ...set, updatedAt: set.updatedAt, rowVersion: sql`${interventions.rowVersion} + 1` })
      .where(and(eq(interventions.id, row.id), eq(interventions.rowVersion, row.rowVersion), inArray(interventions.status, statuses))),
    deps.db.run(requireChanged()),
  ] as const;
}

const mayAct = (caller: Principal, row: InterventionRow) =>
  !caller.user || caller.user.role === "dispatcher" || caller.user.role === "admin" || row.assignedOfficerId === caller.user.id;

/**
 * The officer has it in hand: the response clock stops here. Announced, because whoever raised
 * the case (a bank counter holding the customer, the hotline) waits on exactly this.
 */
export async function acknowledgeIntervention({ deps, caller, id }: { deps: Deps; caller: Principal; id: string }) {
  assertInterventionStaff(caller, "interventions:write");
  const row = await findVisible(deps, caller, id);
  if (row.status !== "open") throw new AppError("invalid_transition", `The intervention is ${row.status}.`);
  if (!mayAct(caller, row)) throw new AppError("forbidden", "Only the assigned officer or the desk may respond.");
  const t = deps.now();
  const withinSla = t <= row.responseDueAt;
  await deps.db.batch([
    ...guarded(deps, row, { status: "acknowledged", respondedAt: t, updatedAt: t }, ["open"]),
    deps.db.insert(interventionEvents).values(timeline(caller, row, "acknowledged", t, null, { within_sla: withinSla })),
    deps.db.insert(outbox).values(
      outboxEntry(caller.jurisdictionId, t, {
        type: "intervention.acknowledged",
        agencyId: row.agencyId,
        payload: { intervention_id: row.id, status: "acknowledged", assigned_officer_id: row.assignedOfficerId, within_sla: withinSla },
      }),
    ),
  ]);
  return id;
}

/** The desk hands the case to another officer (or to one, when the area had none on duty). */
export async function assignIntervention({ deps, caller, id, officerId, note }: { deps: Deps; caller: Principal; id: string; officerId: string; note?: string }) {
  assertInterventionStaff(caller, "interventions:write");
  if (caller.user && caller.user.role !== "dispatcher" && caller.user.role !== "admin") throw new AppError("forbidden", "Only the desk assigns interventions.");
  const row = await findVisible(deps, caller, id);
  if (row.status === "resolved") throw new AppError("invalid_transition", "The intervention is resolved.");
  const [officer] = await deps.db
    .select({ id: users.id, agencyId: users.agencyId })
    .from(users)
    .where(and(eq(users.id, officerId), eq(users.jurisdictionId, caller.jurisdictionId), eq(users.role, "officer")));
  if (!officer) throw new AppError("validation_failed", "No such officer.", { extensions: { errors: [{ pointer: "/body/officer_id", detail: "not an officer of this jurisdiction" }] } });
  const t = deps.now();
  await deps.db.batch([
    ...guarded(deps, row, { assignedOfficerId: officer.id, agencyId: officer.agencyId, updatedAt: t }, ["open", "acknowledged"]),
    deps.db.insert(interventionEvents).values(timeline(caller, row, "assigned", t, note, { officer_id: officer.id })),
    deps.db.insert(outbox).values(
      outboxEntry(caller.jurisdictionId, t, { type: "intervention.assigned", agencyId: officer.agencyId, payload: { intervention_id: row.id, status: row.status, assigned_officer_id: officer.id } }),
    ),
  ]);
  return id;
}

export async function noteIntervention({ deps, caller, id, note }: { deps: Deps; caller: Principal; id: string; note: string }) {
  assertInterventionStaff(caller, "interventions:write");
  const row = await findVisible(deps, caller, id);
  await deps.db.insert(interventionEvents).values(timeline(caller, row, "note", deps.now(), note));
  return id;
}

export interface ResolveInput {
  outcome: NonNullable<InterventionRow["outcome"]>;
  amount_saved_fen?: number;
  amount_lost_fen?: number;
  anti_fraud_app_installed: boolean;
  note?: string;
}

/** The outcome: saved, lost (in fen), or not fraud after all; and whether the anti-fraud app went on. */
export async function resolveIntervention({ deps, caller, id, input }: { deps: Deps; caller: Principal; id: string; input: ResolveInput }) {
  assertInterventionStaff(caller, "interventions:write");
  const row = await findVisible(deps, caller, id);
  if (row.status === "resolved") throw new AppError("invalid_transition", "The intervention is already resolved.");
  if (!mayAct(caller, row)) throw new AppError("forbidden", "Only the assigned officer or the desk may resolve it.");
  const t = deps.now();
  const saved = input.outcome === "not_fraud" ? 0 : (input.amount_saved_fen ?? 0);
  const lost = input.outcome === "not_fraud" ? 0 : (input.amount_lost_fen ?? 0);
  await deps.db.batch([
    ...guarded(
      deps,
      row,
      { status: "resolved", resolvedAt: t, respondedAt: row.respondedAt ?? t, outcome: input.outcome, amountSavedFen: saved, amountLostFen: lost, antiFraudAppInstalled: input.anti_fraud_app_installed, updatedAt: t },
      ["open", "acknowledged"],
    ),
    deps.db.insert(interventionEvents).values(timeline(caller, row, "resolved", t, input.note, { outcome: input.outcome, amount_saved_fen: saved, amount_lost_fen: lost, anti_fraud_app_installed: input.anti_fraud_app_installed })),
    deps.db.insert(outbox).values(
      outboxEntry(caller.jurisdictionId, t, {
        type: "intervention.resolved",
        agencyId: row.agencyId,
        payload: { intervention_id: row.id, status: "resolved", outcome: input.outcome, amount_saved_fen: saved, amount_lost_fen: lost, anti_fraud_app_installed: input.anti_fraud_app_installed },
      }),
    ),
  ]);
  return id;
}

/** The unmasked contact, for the officer calling the person right now; every reveal is audited. */
export async function revealInterventionContact({ deps, caller, id, requestId }: { deps: Deps; caller: Principal; id: string; requestId?: string }) {
  assertInterventionStaff(caller, "interventions:read");
  if (!caller.user) throw new AppError("forbidden", "Contacts are revealed to a named member of staff, not to a key.");
  const row = await findVisible(deps, caller, id);
  await deps.db.insert(auditLog).values(auditEntry(caller, deps.now(), { action: "intervention.contact_revealed", subjectType: "intervention", subjectId: row.id, requestId }));
  return { victim_name: row.victimName, victim_phone: row.victimPhone };
}
