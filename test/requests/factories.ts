import { agencies, areas, households } from "../../worker/db/schema/index.ts";
import { agencyKinds } from "../../worker/db/schema/agencies.ts";
import { newId } from "../../worker/lib/ids.ts";
import { randomToken } from "../../worker/lib/crypto.ts";
import { seedCatalogue } from "../../worker/services/catalogue/seed-catalogue.ts";
import type { TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";

/**
 * Places and agencies are another feature's API; these tests insert the rows directly so they
 * depend only on the tables.
 */
export async function area(t: TestApp, jurisdictionId: string, level: "county" | "town" | "community" | "grid", name: string, parent?: { id: string; path: string }) {
  const id = newId("area");
  const path = `${parent?.path ?? "/"}${id}/`;
  await t.deps.db.insert(areas).values({ id, jurisdictionId, parentId: parent?.id ?? null, level, name, path, createdAt: t.deps.now() });
  return { id, path };
}

export async function agency(t: TestApp, jurisdictionId: string, name: string, kind: (typeof agencyKinds)[number] = "department") {
  const id = newId("agency");
  await t.deps.db.insert(agencies).values({ id, jurisdictionId, name, kind, createdAt: t.deps.now() });
  return { id, name };
}

export async function household(t: TestApp, jurisdictionId: string, grid: { id: string; path: string }, address: string) {
  const id = newId("household");
  const doorplateCode = randomToken(16);
  await t.deps.db.insert(households).values({ id, jurisdictionId, areaId: grid.id, areaPath: grid.path, address, lat: 35.23, lng: 110.15, doorplateCode, createdAt: t.deps.now() });
  return { id, doorplateCode, address };
}

/**
 * A county with two towns, a grid in each, a police station and two departments, the seeded
 * catalogue, a dispatcher, staff of each agency and a resident with a doorplate.
 */
export async function world(t: TestApp) {
  const county = await tenant(t);
  const root = await area(t, county.id, "county", "合阳县");
  const town = await area(t, county.id, "town", "城关街道", root);
  const community = await area(t, county.id, "community", "金水社区", town);
  const grid = await area(t, county.id, "grid", "第3网格", community);
  const otherTown = await area(t, county.id, "town", "甘井镇", root);
  const otherGrid = await area(t, county.id, "grid", "第1网格", otherTown);
  const station = await agency(t, county.id, "金水派出所", "police_station");
  const urban = await agency(t, county.id, "城管局");
  const housing = await agency(t, county.id, "住建局");
  await seedCatalogue(t.deps, county.id, { defaultAgencies: { nuisance: urban.id, certificate: station.id, dispute: station.id } });
  const home = await household(t, county.id, grid, "合阳县城关街道金水社区3号楼2单元501");
  const dispatcher = await county.user("dispatcher", { name: "值班员王" });
  const officer = await county.user("officer", { agencyId: station.id, areaIds: [grid.id] });
  const urbanStaff = await county.user("department_staff", { agencyId: urban.id });
  const housingStaff = await county.user("department_staff", { agencyId: housing.id });
  const gridWorker = await county.user("grid_worker", { agencyId: station.id, areaIds: [grid.id], name: "李网格" });
  const resident = await county.user("resident", { name: "张三丰", phone: "13812345678" });
  const neighbour = await county.user("resident", { name: "赵四", phone: "13900001111" });
  const people = { dispatcher, officer, urbanStaff, housingStaff, gridWorker, resident, neighbour };
  // The staff console: an app key that may also read figures.
  const appKey = (await county.key("app", ["tokens:exchange", "places:read", "requests:read", "requests:write", "stats:read"])).secret;
  /**
   * End-user tokens live 15 minutes of the test clock: tests that move the clock further call
   * this to exchange every token again (mutating the user objects in place).
   */
  async function refresh() {
    for (const u of Object.values(people)) {
      const res = await t.post("/v1/tokens", { subject_type: "wechat_openid", subject: u.subject }, { auth: appKey });
      if (res.status !== 200) throw new Error(`token refresh failed: ${res.status} ${res.text}`);
      u.token = res.json.access_token;
    }
  }
  await refresh();
  return { county, root, town, community, grid, otherTown, otherGrid, station, urban, housing, home, ...people, refresh };
}
export type World = Awaited<ReturnType<typeof world>>;
export type { Tenant };
