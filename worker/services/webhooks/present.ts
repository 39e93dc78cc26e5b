import type { webhookDeliveries, webhookEndpoints } from "../../db/schema/index.ts";
import { iso, isoOrNull } from "../../lib/time.ts";

export function presentEndpoint(row: typeof webhookEndpoints.$inferSelect) {
  return {
    id: row.id,
    url: row.url,
    agency_id: row.agencyId,
    description: row.description,
    event_types: row.eventTypes,
    status: row.status,
    disabled_reason: row.disabledReason,
    previous_secret_expires_at: isoOrNull(row.previousSecretExpiresAt),
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

export function presentDelivery(row: typeof webhookDeliveries.$inferSelect) {
  return {
    id: row.id,
    message_id: row.messageId,
    event_type: row.eventType,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: row.status === "pending" ? iso(row.nextAttemptAt) : null,
    last_attempt_at: isoOrNull(row.lastAttemptAt),
    last_status_code: row.lastStatusCode,
    last_error: row.lastError,
    delivered_at: isoOrNull(row.deliveredAt),
    created_at: iso(row.createdAt),
  };
}
