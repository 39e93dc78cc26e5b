import { outbox, requestEvents } from "../../db/schema/index.ts";
import type { Principal } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";
import { actorOf } from "../audit/record-audit.ts";
import { outboxEntry } from "../events/outbox-entry.ts";
import type { RequestRow } from "./viewer.ts";

export type EventSpec = {
  type: string;
  note?: string | null;
  visibility?: "public" | "internal";
  data?: Record<string, unknown> | null;
  fromStatus?: string | null;
  toStatus?: string | null;
};

/** `system` for the scheduled jobs; otherwise the credential and, for users, role and agency. */
export type Actor = Principal | "system";

/** A timeline row for `row`, to insert in the same batch as the change it records. */
export function eventRow(actor: Actor, row: Pick<RequestRow, "id" | "jurisdictionId">, at: number, e: EventSpec): typeof requestEvents.$inferInsert {
  return {
    id: newId("event"),
    jurisdictionId: row.jurisdictionId,
    requestId: row.id,
    type: e.type,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    actor: actor === "system" ? "system" : actorOf(actor),
    actorRole: actor === "system" ? null : (actor.user?.role ?? null),
    actorAgencyId: actor === "system" ? null : (actor.user?.agencyId ?? null),
    note: e.note ?? null,
    visibility: e.visibility ?? "public",
    data: e.data ?? null,
    at,
  };
}

/**
 * The outbox row announcing a request event to webhooks: ids and states only, never notes or
 * contact details (receivers fetch those with their own credentials).
 */
export function requestOutbox(row: RequestRow, at: number, type: string, extra: Record<string, unknown> = {}): typeof outbox.$inferInsert {
  return outboxEntry(row.jurisdictionId, at, {
    type: `request.${type}`,
    agencyId: row.agencyId,
    payload: {
      request_id: row.id,
      tracking_code: row.trackingCode,
      service_code: row.serviceCode,
      status: row.status,
      version: row.version,
      agency_id: row.agencyId,
      area_id: row.areaId,
      ...extra,
    },
  });
}
