import { eq, sql, type SQL } from "drizzle-orm";
import { jurisdictions } from "../../db/schema/index.ts";
import { firstRow, statementTemplate } from "../../db/statements.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { isoOrNull } from "../../lib/time.ts";
import { indicatorKey } from "./indicator-key.ts";
import { normaliseInput } from "./input-error.ts";
import { lookupForms, type IndicatorKind, type SocialPlatform } from "./normalize.ts";

const noun: Record<IndicatorKind, string> = {
  phone: "号码",
  url: "网址",
  bank_account: "账户",
  qr_payload: "二维码",
  app_name: "应用",
  social_account: "社交账号",
};

function advice(verdict: "none" | "reported" | "confirmed", kind: IndicatorKind, count: number, reviewed: boolean) {
  const what = noun[kind];
  if (verdict === "confirmed") {
    return `该${what}已被公安机关确认用于诈骗。请立即停止联系，不要转账、不要扫码、不要提供验证码；如已转账，请马上拨打110报警或96110反诈专线，争取止付。`;
  }
  if (verdict === "reported") {
    return `该${what}已有${count}位群众举报可疑，正在核实。请提高警惕：不向陌生账户转账，不透露验证码；拿不准时先拨打96110咨询，或联系社区民警。`;
  }
  const cleared = reviewed ? "经民警核查未发现诈骗。" : "暂无举报记录，但这不代表安全。";
  return `该${what}${cleared}凡是要求转账到“安全账户”、索要验证码、刷单返利、贷款先交费的，都是诈骗。如有疑问请拨打96110。`;
}

const rank = { none: 0, reported: 1, confirmed: 2 } as const;

/**
 * The lookup, rendered once for the exact value and once for a link and its site (a form has one
 * or two hashes): one row, one JSON column, since the driver's per-column cost dominates a lookup
 * this small, and the check is the API's most called route.
 */
const lookupSql = (keys: SQL) => sql`
  SELECT json_group_array(json_object('keyHash', key_hash, 'status', status, 'reportCount', report_count, 'lastReportedAt', last_reported_at)) AS j
  FROM fraud_indicators WHERE jurisdiction_id = ${sql.placeholder("j")} AND key_hash IN (${keys})`;
const lookupOne = statementTemplate(lookupSql(sql`${sql.placeholder("h0")}`));
const lookupTwo = statementTemplate(lookupSql(sql`${sql.placeholder("h0")}, ${sql.placeholder("h1")}`));

/**
 * Anyone may check a value before paying. The answer says what residents and staff have found —
 * a verdict, how many reported it and when last — and never who: no reporter, narrative or
 * report id is read here at all. A link also matches reports of its whole site.
 */
export async function checkIndicator({
  deps,
  caller,
  input,
}: {
  deps: Deps;
  caller: Principal | undefined;
  input: { kind: IndicatorKind; value: string; platform?: SocialPlatform; jurisdiction?: string };
}) {
  let jurisdictionId: string;
  if (caller) {
    assertScope(caller, "fraud:check");
    jurisdictionId = caller.jurisdictionId;
  } else {
    if (!input.jurisdiction) {
      throw new AppError("validation_failed", "Without a credential, name the jurisdiction.", {
        extensions: { errors: [{ pointer: "/body/jurisdiction", detail: "required without a credential" }] },
      });
    }
    const [j] = await deps.db.select({ id: jurisdictions.id }).from(jurisdictions).where(eq(jurisdictions.code, input.jurisdiction));
    if (!j) throw new AppError("not_found", "No such jurisdiction.");
    jurisdictionId = j.id;
  }
  const n = normaliseInput(input.kind, input.value, input.platform);
  const forms = lookupForms(n);
  const hashes = await Promise.all(forms.map((f) => indicatorKey(deps.config, f.kind, f.canonical)));
  const lookup = hashes.length === 1 ? lookupOne : lookupTwo;
  const res = await firstRow<{ j: string }>(deps.client, lookup({ j: jurisdictionId, h0: hashes[0], h1: hashes[1] }));
  const rows = JSON.parse(res?.j ?? "[]") as { keyHash: string; status: "reported" | "confirmed" | "dismissed"; reportCount: number; lastReportedAt: number }[];
  // The exact value first, then the site: the worst live verdict wins.
  type Live = { verdict: "reported" | "confirmed"; row: (typeof rows)[number]; matched: "exact" | "site" };
  let found: Live | null = null;
  for (const [i, h] of hashes.entries()) {
    const row = rows.find((r) => r.keyHash === h);
    if (!row || row.status === "dismissed") continue;
    if (!found || rank[row.status] > rank[found.verdict]) found = { verdict: row.status, row, matched: i === 0 ? "exact" : "site" };
  }
  const exact = rows.find((r) => r.keyHash === hashes[0]);
  const verdict: "none" | "reported" | "confirmed" = found?.verdict ?? "none";
  const reviewed = found ? found.verdict === "confirmed" : exact?.status === "dismissed";
  const count = found?.row.reportCount ?? 0;
  return {
    verdict,
    kind: n.kind,
    display: n.display,
    report_count: count,
    last_reported_at: isoOrNull(found?.row.lastReportedAt),
    reviewed,
    matched: n.kind === "url" ? (found?.matched ?? null) : null,
    advice: advice(verdict, n.kind, count, reviewed),
  };
}
