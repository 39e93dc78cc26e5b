import { and, eq, inArray, isNull } from "drizzle-orm";
import { areas, households, interventionEvents, interventions, outbox, userAreas, users } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { actorOf } from "../audit/record-audit.ts";
import { outboxEntry } from "../events/outbox-entry.ts";
import { pathIds } from "../places/area-scope.ts";
import { assertInterventionStaff } from "./access.ts";

export interface CreateInterventionInput {
  source: (typeof interventions.$inferInsert)["source"];
  scam_type: (typeof interventions.$inferInsert)["scamType"];
  area_id?: string;
  doorplate_code?: string;
  victim_name?: string;
  victim_phone?: string;
  summary: string;
  amount_at_risk_fen?: number;
  sla_minutes: number;
}

async function placeOf(deps: Deps, jurisdictionId: string, input: CreateInterventionInput) {
  if (input.doorplate_code) {
    const [h] = await deps.db
      .select({ householdId: households.id, areaId: areas.id, path: areas.path })
      .from(households)
      .innerJoin(areas, eq(areas.id, households.areaId))
      .where(and(eq(households.doorplateCode, input.doorplate_code), eq(households.jurisdictionId, jurisdictionId)));
    if (!h) throw new AppError("validation_failed", "No such doorplate.", { extensions: { errors: [{ pointer: "/body/doorplate_code", detail: "unknown doorplate" }] } });
    return h;
  }
  const [a] = await deps.db.select({ areaId: areas.id, path: areas.path }).from(areas).where(and(eq(areas.id, input.area_id!), eq(areas.jurisdictionId, jurisdictionId)));
  if (!a) throw new AppError("validation_failed", "No such area.", { extensions: { errors: [{ pointer: "/body/area_id", detail: "unknown area" }] } });
  return { ...a, householdId: null };
}

/** The duty officer nearest the place: the grid's own, else its community's, town's or county's. */
export async function dutyOfficer(deps: Deps, jurisdictionId: string, path: string) {
  const chain = pathIds(path);
  const rows = await deps.db
    .select({ id: users.id, agencyId: users.agencyId, areaPath: areas.path })
    .from(userAreas)
    .innerJoin(users, eq(users.id, userAreas.userId))
    .innerJoin(areas, eq(areas.id, userAreas.areaId))
    .where(and(inArray(userAreas.areaId, chain), eq(userAreas.duty, "officer"), eq(users.jurisdictionId, jurisdictionId), eq(users.role, "officer"), isNull(users.disabledAt)));
  // Deepest area first; ties by id, so the choice is stable.
  rows.sort((a, b) => b.areaPath.length - a.areaPath.length || a.id.localeCompare(b.id));
  return rows[0] ?? null;
}

/**
 * Someone is about to pay a fraudster: open the case and put it in front of the area's duty
 * officer with a deadline in minutes. Without a duty officer it waits for the desk to assign.
 */
export async function createIntervention({ deps, caller, input }: { deps: Deps; caller: Principal; input: CreateInterventionInput }) {
  assertInterventionStaff(caller, "interventions:write");
  const place = await placeOf(deps, caller.jurisdictionId, input);
  const officer = await dutyOfficer(deps, caller.jurisdictionId, place.path);
  const t = deps.now();
  const row: typeof interventions.$inferInsert = {
    id: newId("intervention"),
    jurisdictionId: caller.jurisdictionId,
    source: input.source,
    status: "open",
    scamType: input.scam_type,
    areaId: place.areaId,
    areaPath: place.path,
    householdId: place.householdId,
    assignedOfficerId: officer?.id ?? null,
    agencyId: officer?.agencyId ?? null,
    victimName: input.victim_name ?? null,
    victimPhone: input.victim_phone ?? null,
    summary: input.summary,
    amountAtRiskFen: input.amount_at_risk_fen ?? null,
    responseDueAt: t + input.sla_minutes * 60_000,
    createdBy: actorOf(caller),
    createdAt: t,
    updatedAt: t,
  };
  const event = (type: "created" | "assigned", data: Record<string, unknown>) => ({
    id: newId("interventionEvent"),
    jurisdictionId: caller.jurisdictionId,
    interventionId: row.id,
    type,
    actor: type === "created" ? actorOf(caller) : "system",
    note: null,
    data,
    at: t,
  });
  await deps.db.batch([
    deps.db.insert(interventions).values(row),
    deps.db.insert(interventionEvents).values([
      event("created", { source: row.source, sla_minutes: input.sla_minutes }),
      ...(officer ? [event("assigned", { officer_id: officer.id, reason: "duty_officer" })] : []),
    ]),
    deps.db.insert(outbox).values(
      outboxEntry(caller.jurisdictionId, t, {
        type: "intervention.created",
        agencyId: row.agencyId,
        payload: { intervention_id: row.id, status: "open", source: row.source, area_id: row.areaId, assigned_officer_id: row.assignedOfficerId, response_due_at: new Date(row.responseDueAt).toISOString() },
      }),
    ),
  ]);
  return row.id;
}
