import { and, eq, inArray, lt } from "drizzle-orm";
import { alerts, areas, jurisdictions } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { el, opt, xmlDocument, type XmlRaw } from "../../lib/xml-writer.ts";
import { canManageAlerts } from "./authority.ts";
import { capDateTime } from "../../lib/cap-time.ts";
import type { AlertRow } from "./present-alert.ts";

export const CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2";

/** CAP categories for our kinds. */
export const capCategory: Record<AlertRow["kind"], string> = {
  fraud_warning: "Security",
  drug_prevention: "Health",
  traffic_safety: "Transport",
  typical_case: "Security",
  missing_person: "Rescue",
  public_safety: "Safety",
};

/** CAP `event`, per language. */
export const eventName: Record<AlertRow["kind"], { zh: string; en: string }> = {
  fraud_warning: { zh: "电信网络诈骗预警", en: "Fraud warning" },
  drug_prevention: { zh: "禁毒宣传", en: "Drug prevention" },
  traffic_safety: { zh: "交通安全提示", en: "Traffic safety" },
  typical_case: { zh: "典型案例通报", en: "Typical case" },
  missing_person: { zh: "寻人启事", en: "Missing person" },
  public_safety: { zh: "公共安全提示", en: "Public safety" },
};

export interface CapContext {
  jurisdiction: { code: string; name: string; timezone: string };
  /** Earlier versions of the chain, oldest first (CAP `references`). */
  earlier: Pick<AlertRow, "id" | "sentAt">[];
  areas: { id: string; name: string; code: string | null }[];
  /** The deployment's public host (PUBLIC_BASE_URL), so `sender` does not vary with who asks. */
  senderHost: string;
}

/** CAP `sender`: globally unique, and free of the spaces and commas `references` uses as separators. */
export const capSender = (jurisdictionCode: string, senderHost: string) => `${jurisdictionCode}@${senderHost}`;

export const senderHostOf = (deps: Deps) => (deps.config.PUBLIC_BASE_URL ? new URL(deps.config.PUBLIC_BASE_URL).hostname : "fengqiao");

function info(alert: AlertRow, ctx: CapContext, lang: "zh" | "en"): XmlRaw {
  const tz = ctx.jurisdiction.timezone;
  const zh = lang === "zh";
  const areaEls = alert.wholeJurisdiction
    ? [el("area", null, el("areaDesc", null, ctx.jurisdiction.name))]
    : alert.areaIds.map((id) => {
        const a = ctx.areas.find((x) => x.id === id);
        return el(
          "area",
          null,
          el("areaDesc", null, a?.name ?? id),
          el("geocode", null, el("valueName", null, "fengqiao:area_id"), el("value", null, id)),
          a?.code ? el("geocode", null, el("valueName", null, "fengqiao:area_code"), el("value", null, a.code)) : null,
        );
      });
  return el(
    "info",
    null,
    el("language", null, zh ? "zh-CN" : "en-US"),
    el("category", null, capCategory[alert.kind]),
    el("event", null, zh ? eventName[alert.kind].zh : eventName[alert.kind].en),
    el("urgency", null, alert.urgency),
    el("severity", null, alert.severity),
    el("certainty", null, alert.certainty),
    el("eventCode", null, el("valueName", null, "fengqiao:kind"), el("value", null, alert.kind)),
    alert.effectiveAt !== null ? el("effective", null, capDateTime(alert.effectiveAt, tz)) : null,
    alert.expiresAt !== null ? el("expires", null, capDateTime(alert.expiresAt, tz)) : null,
    el("senderName", null, ctx.jurisdiction.name),
    opt("headline", zh ? alert.titleZh : alert.titleEn),
    opt("description", zh ? alert.bodyZh : alert.bodyEn),
    opt("instruction", zh ? alert.instructionZh : alert.instructionEn),
    alert.media.map((m) => el("resource", null, el("resourceDesc", null, m.description), el("mimeType", null, m.mime_type), el("uri", null, m.url))),
    areaEls,
  );
}

/** One alert version as a CAP 1.2 `<alert>` element. Pure: everything it needs is passed in. */
export function capAlert(alert: AlertRow, ctx: CapContext): XmlRaw {
  const tz = ctx.jurisdiction.timezone;
  const sender = capSender(ctx.jurisdiction.code, ctx.senderHost);
  const references = ctx.earlier
    .filter((e) => e.sentAt !== null)
    .map((e) => `${sender},${e.id},${capDateTime(e.sentAt!, tz)}`)
    .join(" ");
  return el(
    "alert",
    { xmlns: CAP_NS },
    el("identifier", null, alert.id),
    el("sender", null, sender),
    // A draft has not been sent: its creation time stands in, and status says it is not actionable.
    el("sent", null, capDateTime(alert.sentAt ?? alert.updatedAt, tz)),
    el("status", null, alert.status === "draft" ? "Draft" : "Actual"),
    el("msgType", null, alert.msgType),
    el("scope", null, "Public"),
    opt("note", alert.note),
    references ? el("references", null, references) : null,
    info(alert, ctx, "zh"),
    alert.titleEn && alert.bodyEn ? info(alert, ctx, "en") : null,
  );
}

export async function capContext(deps: Deps, alert: AlertRow): Promise<CapContext> {
  const [[jurisdiction], earlier, areaRows] = await deps.db.batch([
    deps.db
      .select({ code: jurisdictions.code, name: jurisdictions.name, timezone: jurisdictions.timezone })
      .from(jurisdictions)
      .where(eq(jurisdictions.id, alert.jurisdictionId)),
    deps.db
      .select({ id: alerts.id, sentAt: alerts.sentAt })
      .from(alerts)
      .where(and(eq(alerts.chainId, alert.chainId), lt(alerts.versionNo, alert.versionNo)))
      .orderBy(alerts.versionNo),
    deps.db
      .select({ id: areas.id, name: areas.name, code: areas.code })
      .from(areas)
      .where(and(eq(areas.jurisdictionId, alert.jurisdictionId), inArray(areas.id, alert.areaIds.length ? alert.areaIds : [""]))),
  ]);
  if (!jurisdiction) throw new AppError("internal");
  return { jurisdiction, earlier, areas: areaRows, senderHost: senderHostOf(deps) };
}

/**
 * Public for sent versions (CAP is for anyone to relay); a draft only for the people managing
 * alerts in its jurisdiction, marked `<status>Draft</status>`.
 */
export async function alertCap({ deps, caller, id }: { deps: Deps; caller: Principal | undefined; id: string }) {
  const [alert] = await deps.db.select().from(alerts).where(eq(alerts.id, id));
  if (!alert) throw new AppError("not_found", "No such alert.");
  if (alert.status === "draft" && !(caller && caller.jurisdictionId === alert.jurisdictionId && canManageAlerts(caller))) {
    throw new AppError("not_found", "No such alert.");
  }
  return xmlDocument(capAlert(alert, await capContext(deps, alert)));
}
