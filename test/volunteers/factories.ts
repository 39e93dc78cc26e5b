import { areas } from "../../worker/db/schema/index.ts";
import { newId } from "../../worker/lib/ids.ts";
import type { TestApp } from "../support/app.ts";
import type { Tenant } from "../support/factories.ts";

export type AreaRef = { id: string; path: string; lat: number; lng: number };

/** Inserts an area row directly (the places API belongs to another feature). */
export async function area(t: TestApp, jurisdictionId: string, parent: AreaRef | null, level: "county" | "town" | "community" | "grid", name: string, at?: { lat: number; lng: number }) {
  const id = newId("area");
  const path = `${parent?.path ?? "/"}${id}/`;
  const lat = at?.lat ?? parent?.lat ?? 35.2372;
  const lng = at?.lng ?? parent?.lng ?? 110.1491;
  await t.deps.db.insert(areas).values({ id, jurisdictionId, parentId: parent?.id ?? null, level, name, path, lat, lng, createdAt: t.deps.now() });
  return { id, path, lat, lng };
}

/** County → two towns → a community each → two grids in the first community, one in the second. */
export async function areaTree(t: TestApp, county: Tenant) {
  const root = await area(t, county.id, null, "county", "合阳县");
  const town = await area(t, county.id, root, "town", "城关街道");
  const community = await area(t, county.id, town, "community", "风景家园社区");
  const grid = await area(t, county.id, community, "grid", "一网格");
  const grid2 = await area(t, county.id, community, "grid", "二网格", { lat: 35.25, lng: 110.16 });
  const otherTown = await area(t, county.id, root, "town", "金峪镇", { lat: 35.3, lng: 110.2 });
  const otherCommunity = await area(t, county.id, otherTown, "community", "金峪村");
  const otherGrid = await area(t, county.id, otherCommunity, "grid", "金峪一网格");
  return { root, town, community, grid, grid2, otherTown, otherCommunity, otherGrid };
}

const HOUR = 3_600_000;

/** A task body with sensible defaults: two hours, starting in two hours, at the grid's centre. */
export function taskBody(t: TestApp, where: AreaRef, overrides: Record<string, unknown> = {}) {
  const start = t.deps.now() + 2 * HOUR;
  return {
    kind: "patrol",
    title: "风景家园小区夜间巡逻",
    location: { lat: where.lat, lng: where.lng },
    radius_m: 200,
    area_id: where.id,
    starts_at: new Date(start).toISOString(),
    ends_at: new Date(start + 2 * HOUR).toISOString(),
    capacity: 5,
    points_per_hour: 10,
    ...overrides,
  };
}

export async function postTask(t: TestApp, token: string, where: AreaRef, overrides: Record<string, unknown> = {}) {
  const res = await t.post("/v1/tasks", taskBody(t, where, overrides), { auth: token });
  if (res.status !== 201) throw new Error(`task creation failed: ${res.status} ${res.text}`);
  return res.json as { id: string; starts_at: string; ends_at: string; [k: string]: unknown };
}

/**
 * A volunteer with a profile (made through the API), verified by the admin key unless told not
 * to be. Returns the user id and a token carrying the volunteer role.
 */
export async function volunteer(
  t: TestApp,
  county: Tenant,
  opts: { verified?: boolean; skills?: string[]; homeAreaId?: string; teamId?: string; name?: string } = {},
) {
  const u = await county.user("volunteer", { name: opts.name ?? "雷师傅" });
  const res = await t.post(
    "/v1/me/volunteer-profile",
    { skills: opts.skills ?? [], ...(opts.homeAreaId ? { home_area_id: opts.homeAreaId } : {}), ...(opts.teamId ? { team_id: opts.teamId } : {}) },
    { auth: u.token },
  );
  if (res.status !== 201) throw new Error(`profile failed: ${res.status} ${res.text}`);
  if (opts.verified !== false) {
    const v = await t.post(`/v1/volunteers/${u.id}/verify`, { reason: "checked" }, { auth: county.adminKey });
    if (v.status !== 200) throw new Error(`verify failed: ${v.status} ${v.text}`);
  }
  return u;
}

export async function signUp(t: TestApp, token: string, taskId: string) {
  return t.post(`/v1/tasks/${taskId}/signups`, undefined, { auth: token });
}

const appKeys = new WeakMap<Tenant, string>();

/**
 * A fresh token for an existing user (tokens last 15 minutes of app time; tests that move the
 * clock to a task's window re-exchange, as a real app would).
 */
export async function refresh<U extends { subject: string; token: string }>(t: TestApp, county: Tenant, user: U): Promise<U> {
  let key = appKeys.get(county);
  if (!key) {
    key = (await county.key("app")).secret;
    appKeys.set(county, key);
  }
  const res = await t.post("/v1/tokens", { subject_type: "wechat_openid", subject: user.subject }, { auth: key });
  if (res.status !== 200) throw new Error(`token exchange failed: ${res.status} ${res.text}`);
  return { ...user, token: res.json.access_token as string };
}
