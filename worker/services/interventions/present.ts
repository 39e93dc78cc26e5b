import type { interventionEvents, interventions } from "../../db/schema/index.ts";
import { maskName, maskPhone } from "../../lib/mask.ts";
import { iso, isoOrNull } from "../../lib/time.ts";

export type InterventionRow = typeof interventions.$inferSelect;

export function presentIntervention(r: InterventionRow, now: number) {
  return {
    id: r.id,
    source: r.source,
    status: r.status,
    scam_type: r.scamType,
    area_id: r.areaId,
    household_id: r.householdId,
    assigned_officer_id: r.assignedOfficerId,
    agency_id: r.agencyId,
    victim_name: maskName(r.victimName),
    victim_phone: maskPhone(r.victimPhone),
    summary: r.summary,
    amount_at_risk_fen: r.amountAtRiskFen,
    response_due_at: iso(r.responseDueAt),
    responded_at: isoOrNull(r.respondedAt),
    overdue: r.respondedAt === null && r.status !== "resolved" && now > r.responseDueAt,
    sla_met: r.respondedAt !== null ? r.respondedAt <= r.responseDueAt : now > r.responseDueAt ? false : null,
    resolved_at: isoOrNull(r.resolvedAt),
    outcome: r.outcome,
    amount_saved_fen: r.amountSavedFen,
    amount_lost_fen: r.amountLostFen,
    anti_fraud_app_installed: r.antiFraudAppInstalled,
    created_at: iso(r.createdAt),
    updated_at: iso(r.updatedAt),
  };
}

export const presentEvent = (e: typeof interventionEvents.$inferSelect) => ({ type: e.type, actor: e.actor, note: e.note, data: e.data, at: iso(e.at) });
