import { sql } from "drizzle-orm";
import type { Deps } from "../../deps.ts";
import { iso, isoOrNull } from "../../lib/time.ts";
import type { Reader } from "./reader.ts";

export type ReceiptStatus = "delivered" | "read" | "acknowledged";

/**
 * One statement per alert: insert the reader's receipt only if the alert was sent to an area
 * covering them, or else move it forward. Each timestamp is set once (COALESCE keeps the
 * first), so repeating a call, or replaying a kiosk's offline queue, changes nothing.
 * Superseded or expired versions still take receipts: a kiosk may sync late.
 */
function upsert(deps: Deps, reader: Reader, alertId: string, status: ReceiptStatus, t: number) {
  const readAt = status === "delivered" ? null : t;
  const ackAt = status === "acknowledged" ? t : null;
  const paths = sql.join(reader.covering.map((p) => sql`${p}`), sql`, `);
  return deps.db.run(sql`
    INSERT INTO alert_receipts (alert_id, reader, jurisdiction_id, reader_kind, area_id, area_path, delivered_at, read_at, acknowledged_at)
    SELECT ${alertId}, ${reader.reader}, ${reader.jurisdictionId}, ${reader.kind}, ${reader.areaId}, ${reader.areaPath}, ${t}, ${readAt}, ${ackAt}
    WHERE EXISTS (
      SELECT 1 FROM alert_targets
      WHERE alert_id = ${alertId} AND jurisdiction_id = ${reader.jurisdictionId} AND target_path IN (${paths}) AND effective_at <= ${t}
    )
    ON CONFLICT (alert_id, reader) DO UPDATE SET
      read_at = COALESCE(alert_receipts.read_at, excluded.read_at),
      acknowledged_at = COALESCE(alert_receipts.acknowledged_at, excluded.acknowledged_at)
  `);
}

type ReceiptRow = { alert_id: string; delivered_at: number; read_at: number | null; acknowledged_at: number | null };

const present = (r: ReceiptRow) => ({
  alert_id: r.alert_id,
  delivered_at: iso(r.delivered_at),
  read_at: isoOrNull(r.read_at),
  acknowledged_at: isoOrNull(r.acknowledged_at),
});

/** Records the same status for up to 100 alerts in one batch; unknown or uncovering ids are listed, not fatal. */
export async function recordReceipts({ deps, reader, alertIds, status }: { deps: Deps; reader: Reader; alertIds: string[]; status: ReceiptStatus }) {
  const ids = [...new Set(alertIds)];
  const t = deps.now();
  const idList = sql.join(ids.map((id) => sql`${id}`), sql`, `);
  const [first, ...others] = ids;
  if (first === undefined) return { recorded: [], not_found: [] };
  const results = await deps.db.batch([
    upsert(deps, reader, first, status, t),
    ...others.map((id) => upsert(deps, reader, id, status, t)),
    deps.db.all<ReceiptRow>(sql`
      SELECT alert_id, delivered_at, read_at, acknowledged_at FROM alert_receipts
      WHERE reader = ${reader.reader} AND alert_id IN (${idList})
    `),
  ]);
  const rows = results.at(-1) as unknown as ReceiptRow[];
  const found = new Map(rows.map((r) => [r.alert_id, r]));
  return {
    recorded: ids.filter((id) => found.has(id)).map((id) => present(found.get(id)!)),
    not_found: ids.filter((id) => !found.has(id)),
  };
}
