import type { TestApp } from "../support/app.ts";
import type { Tenant } from "../support/factories.ts";

let seq = 0;

/** A small tree through the public API: county → town → community → two grids, plus a police station. */
export async function placesOf(t: TestApp, county: Tenant) {
  const auth = { auth: county.adminKey };
  const ok = async (res: Promise<{ status: number; json: any; text: string }>, status = 201) => {
    const r = await res;
    if (r.status !== status) throw new Error(`setup failed: ${r.status} ${r.text}`);
    return r.json;
  };
  const n = ++seq;
  const root = await ok(t.post("/v1/areas", { level: "county", name: "金沙县", code: `JS${n}` }, auth));
  const town = await ok(t.post("/v1/areas", { parent_id: root.id, level: "town", name: "柳塘镇", code: `LT${n}` }, auth));
  const community = await ok(t.post("/v1/areas", { parent_id: town.id, level: "community", name: "桃园社区", code: `TY${n}` }, auth));
  const grid1 = await ok(t.post("/v1/areas", { parent_id: community.id, level: "grid", name: "桃园社区第1网格", code: `G1-${n}` }, auth));
  const grid2 = await ok(t.post("/v1/areas", { parent_id: community.id, level: "grid", name: "桃园社区第2网格", code: `G2-${n}` }, auth));
  const station = await ok(t.post("/v1/agencies", { name: "柳塘派出所", kind: "police_station", area_id: town.id, phone: "0857-7221110" }, auth));
  const household = async (grid: { id: string }, address = "柳塘镇桃园社区桃园路17号", ref?: string) =>
    ok(t.post("/v1/households", { address, grid_id: grid.id, ...(ref ? { external_ref: ref } : {}) }, auth));
  return { root, town, community, grid1, grid2, station, household };
}

/** Registers a staff member through `createUser` and exchanges a token for them through an app key. */
export async function staff(
  t: TestApp,
  county: Tenant,
  appKey: string,
  body: { role: string; display_name?: string; phone?: string; agency_id?: string; areas?: { area_id: string; duty: string }[] },
) {
  const subject = `staff-${++seq}`;
  const created = await t.post(
    "/v1/users",
    { subject_type: "staff_id", subject, display_name: body.display_name ?? "王小红", ...body },
    { auth: county.adminKey },
  );
  if (created.status !== 201) throw new Error(`createUser failed: ${created.status} ${created.text}`);
  const tok = await t.post("/v1/tokens", { subject_type: "staff_id", subject }, { auth: appKey });
  if (tok.status !== 200) throw new Error(`exchange failed: ${tok.status} ${tok.text}`);
  return { id: created.json.id as string, token: tok.json.access_token as string, subject };
}
