import { eq } from "drizzle-orm";
import { areas, households, userAreas } from "../../worker/db/schema/index.ts";
import type { Role } from "../../worker/deps.ts";
import { newId } from "../../worker/lib/ids.ts";
import { randomToken } from "../../worker/lib/crypto.ts";
import type { TestApp } from "../support/app.ts";
import type { Tenant } from "../support/factories.ts";

type Level = "county" | "town" | "community" | "grid";

/** Inserts an area under `parent` (or a root), with its materialised path. */
export async function area(t: TestApp, jurisdictionId: string, name: string, parent?: { id: string; path: string }, opts: { code?: string } = {}) {
  const id = newId("area");
  const path = `${parent?.path ?? "/"}${id}/`;
  const depth = path.split("/").filter(Boolean).length;
  const level = (["county", "town", "community", "grid"] as Level[])[depth - 1]!;
  await t.deps.db.insert(areas).values({ id, jurisdictionId, parentId: parent?.id ?? null, level, name, code: opts.code ?? null, path, createdAt: t.deps.now() });
  return { id, path, name };
}

/**
 * county ─ town A ─ community A1 ─ grids A1a, A1b
 *        │        └ community A2 ─ grid A2a
 *        └ town B ─ community B1 ─ grid B1a
 */
export async function areaTree(t: TestApp, jurisdictionId: string) {
  const county = await area(t, jurisdictionId, "金沙县", undefined, { code: "520523" });
  const townA = await area(t, jurisdictionId, "柳塘镇", county);
  const townB = await area(t, jurisdictionId, "岩孔街道", county);
  const a1 = await area(t, jurisdictionId, "桃园社区", townA);
  const a2 = await area(t, jurisdictionId, "红岩村", townA);
  const b1 = await area(t, jurisdictionId, "戴花园社区", townB);
  const a1a = await area(t, jurisdictionId, "桃园一网格", a1);
  const a1b = await area(t, jurisdictionId, "桃园二网格", a1);
  const a2a = await area(t, jurisdictionId, "红岩一网格", a2);
  const b1a = await area(t, jurisdictionId, "戴花园一网格", b1);
  return { county, townA, townB, a1, a2, b1, a1a, a1b, a2a, b1a };
}
export type Tree = Awaited<ReturnType<typeof areaTree>>;

export async function household(t: TestApp, jurisdictionId: string, areaId: string) {
  const [a] = await t.deps.db.select({ path: areas.path }).from(areas).where(eq(areas.id, areaId));
  const row = {
    id: newId("household"),
    jurisdictionId,
    areaId,
    areaPath: a!.path,
    address: "柳塘镇桃园路1号",
    doorplateCode: `dp_${randomToken(12)}`,
    createdAt: t.deps.now(),
  };
  await t.deps.db.insert(households).values(row);
  return row;
}

export async function households_(t: TestApp, jurisdictionId: string, areaId: string, n: number) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await household(t, jurisdictionId, areaId));
  return out;
}

/** A key for staff apps (the default app key carries no alerts:write). */
export async function staffAppKey(county: Tenant) {
  return county.key("app", ["tokens:exchange", "alerts:read", "alerts:write", "fraud:check", "fraud:report", "stats:read", "places:read"]);
}

async function exchange(t: TestApp, keySecret: string, subject: string) {
  const res = await t.post("/v1/tokens", { subject_type: "wechat_openid", subject }, { auth: keySecret });
  if (res.status !== 200) throw new Error(`token exchange failed: ${res.status} ${res.text}`);
  return res.json.access_token as string;
}

/** A staff member whose token carries the staff app's scopes. `duty` marks e.g. the area's officer. */
export async function staff(t: TestApp, county: Tenant, role: Role, areaIds: string[] = [], duty?: "officer" | "staff") {
  const u = await county.user(role, { areaIds });
  if (duty && duty !== "staff") for (const areaId of areaIds) await t.deps.db.update(userAreas).set({ duty }).where(eq(userAreas.userId, u.id));
  const key = await staffAppKey(county);
  return { id: u.id, token: await exchange(t, key.secret, u.subject) };
}

/** A resident registered as a member of `areaIds` (their grid), with a fresh token that carries them. */
export async function resident(t: TestApp, county: Tenant, areaIds: string[] = []) {
  const u = await county.user("resident");
  for (const areaId of areaIds) await t.deps.db.insert(userAreas).values({ userId: u.id, areaId, duty: "member" });
  const key = await staffAppKey(county);
  return { id: u.id, token: await exchange(t, key.secret, u.subject) };
}

export const alertBody = (over: Record<string, unknown> = {}) => ({
  kind: "fraud_warning",
  severity: "Severe",
  urgency: "Immediate",
  certainty: "Observed",
  title_zh: "警惕冒充公检法“安全账户”诈骗",
  body_zh: "近期有骗子冒充公安民警来电，称您的银行卡涉嫌洗钱，要求转账至“安全账户”。",
  instruction_zh: "公检法机关不会要求转账，接到此类电话请立即挂断并拨打96110。",
  ...over,
});

/** Draft and publish; returns the published alert. */
export async function publishedAlert(t: TestApp, token: string, over: Record<string, unknown>) {
  const draft = await t.post("/v1/alerts", alertBody(over), { auth: token });
  if (draft.status !== 201) throw new Error(`draft failed: ${draft.status} ${draft.text}`);
  const pub = await t.post(`/v1/alerts/${draft.json.id}/publish`, undefined, { auth: token });
  if (pub.status !== 200) throw new Error(`publish failed: ${pub.status} ${pub.text}`);
  return pub.json;
}
