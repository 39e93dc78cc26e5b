import { sql } from "drizzle-orm";
import type { Deps } from "../../deps.ts";
import { decodeCursor, toPage } from "../../lib/pagination.ts";
import { perInstance } from "../../lib/per-instance.ts";
import { iso, isoOrNull } from "../../lib/time.ts";
import type { AlertMedia } from "../../db/schema/index.ts";
import { capPath } from "./present-alert.ts";
import type { Reader } from "./reader.ts";

/** One page entry as SQL hands it over: the alert and this reader's receipt, nothing else. */
type PageRow = [id: string, sentAt: number, deliveredAt: number | null, readAt: number | null, acknowledgedAt: number | null, isRead: 0 | 1];

/** An alert's content as the inbox presents it, minus the reader's own part. */
type Content = {
  id: string;
  chain_id: string;
  version: number;
  msg_type: "Alert" | "Update" | "Cancel";
  kind: "fraud_warning" | "drug_prevention" | "traffic_safety" | "typical_case" | "missing_person" | "public_safety";
  severity: "Extreme" | "Severe" | "Moderate" | "Minor" | "Unknown";
  urgency: "Immediate" | "Expected" | "Future" | "Past" | "Unknown";
  certainty: "Observed" | "Likely" | "Possible" | "Unlikely" | "Unknown";
  title_zh: string;
  body_zh: string;
  instruction_zh: string | null;
  title_en: string | null;
  body_en: string | null;
  instruction_en: string | null;
  media: AlertMedia[];
  /** Formatted once, when the content is first read. */
  effective_at: string | null;
  expires_at: string | null;
};

/**
 * A sent alert's content never changes (an Update is a new alert with a new id; edits touch drafts
 * only, and drafts reach no inbox), so content read once is right for the life of the process and
 * needs no invalidation. Bounded, and simply emptied when full.
 */
const MAX_CACHED = 5_000;
const contentCache = perInstance<Deps, Map<string, Content>>(() => new Map());

async function contentOf(deps: Deps, jurisdictionId: string, ids: string[]): Promise<Map<string, Content>> {
  const cache = contentCache(deps);
  const missing = ids.filter((id) => !cache.has(id));
  if (missing.length) {
    const [result] = await deps.db.all<{ j: string }>(sql`
      SELECT json_group_array(json_object(
        'id', a.id, 'chain_id', a.chain_id, 'version', a.version_no, 'msg_type', a.msg_type, 'kind', a.kind,
        'severity', a.severity, 'urgency', a.urgency, 'certainty', a.certainty,
        'title_zh', a.title_zh, 'body_zh', a.body_zh, 'instruction_zh', a.instruction_zh,
        'title_en', a.title_en, 'body_en', a.body_en, 'instruction_en', a.instruction_en, 'media', json(a.media),
        'effective_at', a.effective_at, 'expires_at', a.expires_at
      )) AS j
      FROM alerts a WHERE a.jurisdiction_id = ${jurisdictionId} AND a.id IN (${sql.join(missing.map((id) => sql`${id}`), sql`, `)})
    `);
    if (cache.size + missing.length > MAX_CACHED) cache.clear();
    type Stored = Omit<Content, "effective_at" | "expires_at"> & { effective_at: number | null; expires_at: number | null };
    for (const c of JSON.parse(result?.j ?? "[]") as Stored[]) {
      cache.set(c.id, { ...c, effective_at: isoOrNull(c.effective_at), expires_at: isoOrNull(c.expires_at) });
    }
  }
  return new Map(ids.map((id) => [id, cache.get(id)!]));
}

/** Unread first, then newest, then id descending: the order the page was cut in. */
const order = (a: PageRow, b: PageRow) => a[5] - b[5] || b[1] - a[1] || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0);

/**
 * The active alerts covering a reader, unread first, then newest first. The candidates come from
 * ≤ 5 seeks on the covering index (jurisdiction, target_path, live, expires_at, …), one per
 * ancestor of the reader's areas, so the cost follows how many alerts are live there, not how many
 * households exist. The page is sorted and cut on narrow rows joined to this reader's receipts
 * (one JSON array: one column of one row); the content of the page's alerts comes from the
 * process's cache of immutable sent alerts, read from the database only the first time.
 * Keyset cursor: (read flag, sent_at, id).
 */
export async function listInbox({ deps, reader, query }: { deps: Deps; reader: Reader; query: { limit: number; cursor?: string } }) {
  const now = deps.now();
  const after = query.cursor ? decodeCursor(query.cursor, 3) : null;
  const paths = sql.join(reader.covering.map((p) => sql`${p}`), sql`, `);
  const cursor = after
    ? sql`AND (c.is_read > ${Number(after[0])} OR (c.is_read = ${Number(after[0])} AND (c.sent_at < ${Number(after[1])} OR (c.sent_at = ${Number(after[1])} AND c.alert_id < ${String(after[2])}))))`
    : sql``;
  const [result] = await deps.db.all<{ j: string }>(sql`
    WITH hits AS (
      SELECT DISTINCT alert_id, sent_at FROM alert_targets
      WHERE jurisdiction_id = ${reader.jurisdictionId} AND target_path IN (${paths}) AND live = 1
        AND expires_at > ${now} AND effective_at <= ${now}
    ), c AS (
      SELECT hits.alert_id, hits.sent_at, r.delivered_at, r.read_at, r.acknowledged_at, (r.read_at IS NOT NULL) AS is_read
      FROM hits LEFT JOIN alert_receipts r ON r.alert_id = hits.alert_id AND r.reader = ${reader.reader}
    ), page AS (
      SELECT * FROM c WHERE 1 = 1 ${cursor}
      ORDER BY c.is_read, c.sent_at DESC, c.alert_id DESC
      LIMIT ${query.limit + 1}
    )
    SELECT json_group_array(json_array(alert_id, sent_at, delivered_at, read_at, acknowledged_at, is_read)) AS j FROM page
  `);
  // Aggregates do not promise an order: sort the (≤ limit + 1) rows here, as the page was cut.
  const rows = (JSON.parse(result?.j ?? "[]") as PageRow[]).sort(order);
  const content = await contentOf(deps, reader.jurisdictionId, rows.slice(0, query.limit).map((r) => r[0]));
  return toPage(
    rows,
    query.limit,
    (r) => [r[5], r[1], r[0]],
    ([id, sentAt, deliveredAt, readAt, acknowledgedAt, isRead]) => {
      const a = content.get(id)!;
      return {
        id: a.id,
        chain_id: a.chain_id,
        version: a.version,
        msg_type: a.msg_type,
        kind: a.kind,
        severity: a.severity,
        urgency: a.urgency,
        certainty: a.certainty,
        title_zh: a.title_zh,
        body_zh: a.body_zh,
        instruction_zh: a.instruction_zh,
        title_en: a.title_en,
        body_en: a.body_en,
        instruction_en: a.instruction_en,
        media: a.media,
        effective_at: a.effective_at,
        expires_at: a.expires_at,
        sent_at: iso(sentAt),
        cap_url: capPath(a.id),
        unread: isRead === 0,
        receipt: deliveredAt === null ? null : { delivered_at: iso(deliveredAt), read_at: isoOrNull(readAt), acknowledged_at: isoOrNull(acknowledgedAt) },
      };
    },
  );
}
