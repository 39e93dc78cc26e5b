import type { BatchItem } from "drizzle-orm/batch";
import { disputeParties, disputes, outbox, requestEvents } from "../../db/schema/index.ts";
import type { DisputeGrade } from "../../db/schema/disputes.ts";
import type { Deps, Principal } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";
import { eventRow } from "../requests/request-event.ts";
import type { RequestRow } from "../requests/viewer.ts";
import { disputeOutbox } from "./dispute-outbox.ts";

export interface DisputeIntake {
  grade?: DisputeGrade;
  parties?: { name: string; phone?: string; role: "applicant" | "respondent" | "other" }[];
}

/**
 * The dispute row (and its parties) written in the same batch as the request that brings it in.
 * Mediation starts at the grid (小事不出村); staff escalate it from there. The first grade goes on
 * the timeline (the start of the grade history) and `dispute.created` to the outbox, so receivers
 * learn the dispute's id along with the request's `request.submitted`.
 */
export function newDisputeStatements(deps: Deps, caller: Principal, row: RequestRow, intake: DisputeIntake | undefined, at: number): BatchItem<"sqlite">[] {
  const id = newId("dispute");
  const grade = intake?.grade ?? "green";
  const parties = (intake?.parties ?? []).map((p) => ({
    id: newId("disputeParty"),
    jurisdictionId: row.jurisdictionId,
    disputeId: id,
    name: p.name,
    phone: p.phone ?? null,
    role: p.role,
    createdAt: at,
  }));
  const dispute = {
    id,
    jurisdictionId: row.jurisdictionId,
    requestId: row.id,
    grade,
    level: "grid" as const,
    outcome: null,
    areaPath: row.areaPath,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  return [
    deps.db.insert(disputes).values(dispute),
    ...(parties.length ? [deps.db.insert(disputeParties).values(parties)] : []),
    deps.db.insert(requestEvents).values(eventRow(caller, row, at, { type: "dispute.graded", visibility: "internal", data: { dispute_id: id, from: null, to: grade } })),
    deps.db.insert(outbox).values(disputeOutbox(dispute, row, at, "dispute.created")),
  ];
}
