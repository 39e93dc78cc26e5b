import { and, desc, eq, gt, inArray, like, lte, or } from "drizzle-orm";
import { alertTargets, alerts, areas, jurisdictions } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { el, xmlDocument } from "../../lib/xml-writer.ts";
import { capDateTime } from "../../lib/cap-time.ts";
import { capAlert, senderHostOf, type CapContext } from "./cap-xml.ts";
import { capPath, type AlertRow } from "./present-alert.ts";
import { coveringPaths } from "./targets.ts";

const ATOM_NS = "http://www.w3.org/2005/Atom";
const FEED_SIZE = 100;
/** How long a Cancel stays in feeds, so an aggregator that polls now and then still sees it. */
const CANCEL_VISIBLE_MS = 24 * 3_600_000;

/**
 * An Atom feed of the CAP alerts active in an area, each entry carrying the complete CAP
 * message as its content (RFC 4287 allows one XML child for an XML media type), plus recent
 * Cancel messages so aggregators can withdraw what they relayed. Public: CAP is for relaying.
 */
export async function areaFeed({ deps, areaId, includeDescendants, baseUrl }: { deps: Deps; areaId: string; includeDescendants: boolean; baseUrl: string }) {
  const [area] = await deps.db.select().from(areas).where(eq(areas.id, areaId));
  if (!area) throw new AppError("not_found", "No such area.");
  const now = deps.now();
  const where = or(inArray(alertTargets.targetPath, coveringPaths([area.path])), includeDescendants ? like(alertTargets.targetPath, `${area.path}%`) : undefined);
  const [[jurisdiction], active, cancels] = await deps.db.batch([
    deps.db.select().from(jurisdictions).where(eq(jurisdictions.id, area.jurisdictionId)),
    deps.db
      .selectDistinct({ alert: alerts })
      .from(alertTargets)
      .innerJoin(alerts, eq(alerts.id, alertTargets.alertId))
      .where(and(eq(alertTargets.jurisdictionId, area.jurisdictionId), eq(alertTargets.live, 1), gt(alertTargets.expiresAt, now), lte(alertTargets.effectiveAt, now), where))
      .orderBy(desc(alerts.sentAt), desc(alerts.id))
      .limit(FEED_SIZE),
    deps.db
      .selectDistinct({ alert: alerts })
      .from(alertTargets)
      .innerJoin(alerts, eq(alerts.supersedesId, alertTargets.alertId))
      .where(and(eq(alertTargets.jurisdictionId, area.jurisdictionId), eq(alerts.msgType, "Cancel"), gt(alerts.sentAt, now - CANCEL_VISIBLE_MS), where))
      .orderBy(desc(alerts.sentAt))
      .limit(FEED_SIZE),
  ]);
  if (!jurisdiction) throw new AppError("internal");
  const rows = [...active, ...cancels].map((r) => r.alert).sort((a, b) => (b.sentAt ?? 0) - (a.sentAt ?? 0));

  // Everything the entries' CAP messages refer to, in two queries for the whole feed.
  const chainIds = [...new Set(rows.map((r) => r.chainId))];
  const areaIds = [...new Set(rows.flatMap((r) => r.areaIds))];
  const [earlier, areaRows] = await deps.db.batch([
    deps.db.select({ id: alerts.id, chainId: alerts.chainId, versionNo: alerts.versionNo, sentAt: alerts.sentAt }).from(alerts).where(inArray(alerts.chainId, chainIds.length ? chainIds : [""])).orderBy(alerts.versionNo),
    deps.db.select({ id: areas.id, name: areas.name, code: areas.code }).from(areas).where(inArray(areas.id, areaIds.length ? areaIds : [""])),
  ]);
  const senderHost = senderHostOf(deps);
  const ctxOf = (a: AlertRow): CapContext => ({
    jurisdiction,
    earlier: earlier.filter((e) => e.chainId === a.chainId && e.versionNo < a.versionNo),
    areas: areaRows,
    senderHost,
  });

  const tz = jurisdiction.timezone;
  const self = `${baseUrl}/v1/areas/${area.id}/alerts.atom`;
  const entry = (a: AlertRow) =>
    el(
      "entry",
      null,
      el("id", null, `tag:${senderHost},2024:alerts/${a.id}`),
      el("title", null, a.msgType === "Cancel" ? `[已撤销] ${a.titleZh}` : a.titleZh),
      el("updated", null, capDateTime(a.sentAt ?? a.updatedAt, tz)),
      el("published", null, capDateTime(a.sentAt ?? a.updatedAt, tz)),
      el("link", { rel: "alternate", type: "application/cap+xml", href: `${baseUrl}${capPath(a.id)}` }),
      el("summary", null, a.bodyZh.length > 200 ? `${a.bodyZh.slice(0, 200)}…` : a.bodyZh),
      el("content", { type: "application/cap+xml" }, capAlert(a, ctxOf(a))),
    );
  const updated = rows[0]?.sentAt ?? area.createdAt;
  return xmlDocument(
    el(
      "feed",
      { xmlns: ATOM_NS, "xml:lang": "zh-CN" },
      el("id", null, `tag:${senderHost},2024:areas/${area.id}/alerts`),
      el("title", null, `${area.name} · 预警信息`),
      el("updated", null, capDateTime(updated, tz)),
      el("author", null, el("name", null, jurisdiction.name)),
      el("link", { rel: "self", type: "application/atom+xml", href: self }),
      rows.map(entry),
    ),
  );
}
