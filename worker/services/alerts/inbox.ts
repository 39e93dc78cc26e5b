import { getTableColumns, sql } from "drizzle-orm";
import { alerts } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { decodeCursor, toPage } from "../../lib/pagination.ts";
import { isoOrNull } from "../../lib/time.ts";
import { presentAlertContent, type AlertRow } from "./present-alert.ts";
import type { Reader } from "./reader.ts";

type InboxRow = {
  alert: AlertRow;
  deliveredAt: number | null;
  readAt: number | null;
  acknowledgedAt: number | null;
};

/**
 * The active alerts covering a reader, unread first, then newest first. The candidate set comes
 * from ≤ 5 index seeks on (jurisdiction, target_path, live, expires_at) — one per ancestor of the
 * reader's areas — so its cost depends on how many alerts are live there, not on how many
 * households exist. Keyset cursor: (read flag, sent_at, id).
 */
export async function listInbox({ deps, reader, query }: { deps: Deps; reader: Reader; query: { limit: number; cursor?: string } }) {
  const now = deps.now();
  const after = query.cursor ? decodeCursor(query.cursor, 3) : null;
  const paths = sql.join(reader.covering.map((p) => sql`${p}`), sql`, `);
  const cursor = after
    ? sql`AND (c.is_read > ${Number(after[0])} OR (c.is_read = ${Number(after[0])} AND (c.sent_at < ${Number(after[1])} OR (c.sent_at = ${Number(after[1])} AND c.alert_id < ${String(after[2])}))))`
    : sql``;
  const result = await deps.db.all<Record<string, unknown>>(sql`
    WITH hits AS (
      SELECT DISTINCT alert_id, sent_at FROM alert_targets
      WHERE jurisdiction_id = ${reader.jurisdictionId} AND target_path IN (${paths}) AND live = 1
        AND expires_at > ${now} AND effective_at <= ${now}
    ), c AS (
      SELECT hits.alert_id, hits.sent_at, r.delivered_at, r.read_at, r.acknowledged_at, (r.read_at IS NOT NULL) AS is_read
      FROM hits LEFT JOIN alert_receipts r ON r.alert_id = hits.alert_id AND r.reader = ${reader.reader}
    )
    SELECT c.delivered_at AS r_delivered_at, c.read_at AS r_read_at, c.acknowledged_at AS r_acknowledged_at, c.is_read AS r_is_read, a.*
    FROM c JOIN alerts a ON a.id = c.alert_id
    WHERE 1 = 1 ${cursor}
    ORDER BY c.is_read, c.sent_at DESC, c.alert_id DESC
    LIMIT ${query.limit + 1}
  `);
  const rows: InboxRow[] = result.map((r) => ({
    alert: rowToAlert(r),
    deliveredAt: r.r_delivered_at as number | null,
    readAt: r.r_read_at as number | null,
    acknowledgedAt: r.r_acknowledged_at as number | null,
  }));
  return toPage(
    rows,
    query.limit,
    (r) => [r.readAt === null ? 0 : 1, r.alert.sentAt ?? 0, r.alert.id],
    (r) => ({
      ...presentAlertContent(r.alert),
      unread: r.readAt === null,
      receipt:
        r.deliveredAt === null
          ? null
          : { delivered_at: isoOrNull(r.deliveredAt)!, read_at: isoOrNull(r.readAt), acknowledged_at: isoOrNull(r.acknowledgedAt) },
    }),
  );
}

const alertColumns = Object.entries(getTableColumns(alerts));
const snake = (key: string) => key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);

/** A raw `alerts.*` row (snake_case, driver values) into drizzle's row shape, via each column's own decoder. */
function rowToAlert(r: Record<string, unknown>): AlertRow {
  const out: Record<string, unknown> = {};
  for (const [key, col] of alertColumns) {
    const v = r[snake(key)];
    out[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
  }
  return out as AlertRow;
}
