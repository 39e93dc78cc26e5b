import { sql } from "drizzle-orm";
import { agencies, areas, households, jurisdictions, userAreas, users } from "../db/schema/index.ts";
import type { Deps, Principal, Role } from "../deps.ts";
import { newId } from "../lib/ids.ts";
import { defaultScopes } from "../lib/scopes.ts";
import { newDoorplateCode } from "../services/households/present-household.ts";
import { createJurisdiction } from "../services/jurisdictions/create-jurisdiction.ts";
import { createKey } from "../services/keys/create-key.ts";
import { seedCatalogue } from "../services/catalogue/seed-catalogue.ts";

/**
 * The demo county for `npm start`, after the Liutang (柳塘) report: a county, two towns, six
 * communities, 30 grids each with a leader and two workers (网格长 + 2 网格员), 360 households with
 * doorplates, a police station per town, 城管, 住建, 民政 and the water utility, duty-desk
 * dispatchers, community officers, department staff, volunteers of two patrol teams, residents.
 * Every name and number is invented.
 */
const TOWNS = [
  { name: "柳塘镇", code: "LT", station: "柳塘派出所", stationPhone: "0857-7221110", communities: [["桃园社区", "TY"], ["柳塘社区", "LS"], ["龙凤村", "LF"]] },
  { name: "岩孔街道", code: "YK", station: "岩孔派出所", stationPhone: "0857-7332110", communities: [["西林社区", "XL"], ["岩孔社区", "YS"], ["新华村", "XH"]] },
] as const;
const GRIDS_PER_COMMUNITY = 5;
const HOUSEHOLDS_PER_GRID = 12;
const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭";
const GIVEN = ["建华", "秀英", "明", "丽", "小红", "志强", "海燕", "国庆", "桂兰", "俊", "静", "伟", "芳", "磊", "娟", "军", "洋", "勇", "艳", "杰", "敏", "涛", "霞", "鹏"];
const STREETS = ["桃园路", "柳塘街", "龙凤巷", "新华路", "西林街", "岩孔大道", "民主路", "团结巷"];

export async function seedDemoIfEmpty(deps: Deps): Promise<string | null> {
  const [{ n }] = (await deps.db.select({ n: sql<number>`count(*)` }).from(jurisdictions)) as [{ n: number }];
  if (n > 0) return null;

  const { jurisdiction, adminKey, adminKeyId } = await createJurisdiction(deps, { code: "jinsha", name: "金沙县" });
  const admin: Principal = { jurisdictionId: jurisdiction.id, keyId: adminKeyId, keyKind: "admin", scopes: defaultScopes.admin };
  const appKey = await createKey({ deps, caller: admin, input: { name: "金沙码上办 App", kind: "app" } });
  const kioskKey = await createKey({ deps, caller: admin, input: { name: "柳塘派出所服务大厅自助机 1", kind: "kiosk" } });
  const publicKey = await createKey({ deps, caller: admin, input: { name: "柳塘派出所公众号", kind: "public_account" } });

  const t = deps.now();
  const j = jurisdiction.id;
  let seq = 0;
  const person = () => {
    const i = seq++;
    return {
      name: SURNAMES[(i * 7) % SURNAMES.length]! + GIVEN[(i * 5 + Math.floor(i / SURNAMES.length)) % GIVEN.length]!,
      phone: `139${String(8570000 + i * 37).padStart(8, "0")}`,
    };
  };

  const areaRows: (typeof areas.$inferInsert)[] = [];
  const addArea = (parent: { id: string; path: string } | null, level: "county" | "town" | "community" | "grid", name: string, code: string) => {
    const id = newId("area");
    const row = { id, jurisdictionId: j, parentId: parent?.id ?? null, level, name, code, path: `${parent?.path ?? "/"}${id}/`, createdAt: t };
    areaRows.push(row);
    return row;
  };
  const agencyRows: (typeof agencies.$inferInsert)[] = [];
  const addAgency = (name: string, kind: (typeof agencies.$inferInsert)["kind"], areaId: string | null, phone: string) => {
    const row = { id: newId("agency"), jurisdictionId: j, name, kind, areaId, phone, createdAt: t };
    agencyRows.push(row);
    return row;
  };
  const userRows: (typeof users.$inferInsert)[] = [];
  const dutyRows: (typeof userAreas.$inferInsert)[] = [];
  const addUser = (role: Role, subjectType: "staff_id" | "wechat_openid", subject: string, agencyId: string | null, duties: [string, (typeof userAreas.$inferInsert)["duty"]][] = []) => {
    const p = person();
    const id = newId("user");
    userRows.push({ id, jurisdictionId: j, subjectType, subject, role, displayName: p.name, phone: p.phone, agencyId, createdAt: t });
    for (const [areaId, duty] of duties) dutyRows.push({ userId: id, areaId, duty });
    return id;
  };
  const householdRows: (typeof households.$inferInsert)[] = [];

  const county = addArea(null, "county", "金沙县", "JS");
  addAgency("金沙县综合行政执法局（城管）", "department", null, "0857-7222345");
  addAgency("金沙县住房和城乡建设局", "department", null, "0857-7223456");
  addAgency("金沙县民政局", "department", null, "0857-7224567");
  addAgency("金沙县自来水公司", "utility", null, "0857-7225678");
  const depts = agencyRows.map((a) => a.id!);
  addUser("admin", "staff_id", "JS-ADMIN", null);
  depts.forEach((agencyId, d) => {
    for (let k = 1; k <= 2; k++) addUser("department_staff", "staff_id", `JS-D${d + 1}-${k}`, agencyId);
  });

  const subjects: Record<string, string> = {};
  TOWNS.forEach((town) => {
    const townArea = addArea(county, "town", town.name, town.code);
    const station = addAgency(town.station, "police_station", townArea.id, town.stationPhone);
    for (let k = 1; k <= 2; k++) addUser("dispatcher", "staff_id", `${town.code}-DESK-${k}`, station.id, [[townArea.id, "staff"]]);
    subjects[`${town.code}-dispatcher`] = `${town.code}-DESK-1`;
    town.communities.forEach(([cname, ccode], ci) => {
      const community = addArea(townArea, "community", cname, `${town.code}-${ccode}`);
      if (town.code === "LT" && ci === 0) addAgency(`${cname}居委会`, "community_committee", community.id, "0857-7228001");
      const officer = `${town.code}-${ccode}-PO`;
      addUser("officer", "staff_id", officer, station.id, [[community.id, "officer"]]);
      subjects[`${town.code}-${ccode}-officer`] = officer;
      for (let g = 1; g <= GRIDS_PER_COMMUNITY; g++) {
        const grid = addArea(community, "grid", `${cname}第${g}网格`, `${town.code}-${ccode}-${String(g).padStart(2, "0")}`);
        addUser("grid_worker", "staff_id", `${grid.code}-L`, null, [[grid.id, "grid_leader"]]);
        addUser("grid_worker", "staff_id", `${grid.code}-W1`, null, [[grid.id, "grid_worker"]]);
        addUser("grid_worker", "staff_id", `${grid.code}-W2`, null, [[grid.id, "grid_worker"]]);
        for (let h = 1; h <= HOUSEHOLDS_PER_GRID; h++) {
          const street = STREETS[(ci * GRIDS_PER_COMMUNITY + g) % STREETS.length]!;
          const number = (g - 1) * HOUSEHOLDS_PER_GRID + h;
          householdRows.push({
            id: newId("household"),
            jurisdictionId: j,
            areaId: grid.id,
            areaPath: grid.path,
            address: `${town.name}${cname}${street}${number}号`,
            // Around Jinsha's county seat; enough to place plates on a map.
            lat: Math.round((27.45 + (ci * 0.01 + g * 0.002 + h * 0.0001) * (town.code === "LT" ? 1 : -1)) * 1e6) / 1e6,
            lng: Math.round((106.22 + ci * 0.01 + g * 0.002 + h * 0.0001) * 1e6) / 1e6,
            doorplateCode: newDoorplateCode(),
            externalRef: `${grid.code}-${String(h).padStart(3, "0")}`,
            createdAt: t,
          });
        }
      }
    });
  });
  // Volunteers of the two patrol teams named in the report (千鼓山, 乌箐), on the grids they patrol.
  const ltGrids = areaRows.filter((a) => a.level === "grid" && a.code!.startsWith("LT-"));
  for (let v = 0; v < 12; v++) {
    const team = v < 6 ? "QGS" : "WQ";
    addUser("volunteer", "wechat_openid", `demo-volunteer-${team}-${v + 1}`, null, [[ltGrids[v % ltGrids.length]!.id!, "member"]]);
  }
  for (let r = 0; r < 20; r++) addUser("resident", "wechat_openid", `demo-resident-${r + 1}`, null);

  // One transaction; inserts chunked to stay far below SQLite's bound-parameter limit.
  const chunks = <T>(rows: T[], size = 200) => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
  await deps.db.batch([
    deps.db.insert(areas).values(areaRows),
    deps.db.insert(agencies).values(agencyRows),
    ...chunks(userRows).map((c) => deps.db.insert(users).values(c)),
    ...chunks(dutyRows).map((c) => deps.db.insert(userAreas).values(c)),
    ...chunks(householdRows).map((c) => deps.db.insert(households).values(c)),
  ]);

  // The service catalogue: nuisances to 城管, drains to 住建, everything else to the first town's station.
  const firstStation = agencyRows.find((a) => a.kind === "police_station")!.id!;
  const serviceCount = await seedCatalogue(deps, j, {
    defaultAgencies: {
      nuisance: depts[0]!,
      "blocked-drain": depts[1]!,
      consultation: firstStation,
      certificate: firstStation,
      help: firstStation,
      report: firstStation,
      dispute: firstStation,
      lead: firstStation,
      lost_found: firstStation,
    },
  });

  const sample = householdRows[0]!;
  const town = areaRows.find((a) => a.level === "town")!;
  const base = deps.config.PUBLIC_BASE_URL?.replace(/\/+$/, "") ?? "";
  return [
    "",
    `Demo jurisdiction seeded: ${jurisdiction.name} (jurisdiction_id \`${jurisdiction.code}\`, ${jurisdiction.id})`,
    `  ${areaRows.length} areas, ${householdRows.length} households, ${agencyRows.length} agencies, ${userRows.length} users, ${serviceCount} services`,
    "  API keys (shown this once; only their SHA-256 is stored):",
    `    admin           ${adminKey}`,
    `    app             ${appKey.secret}`,
    `    kiosk           ${kioskKey.secret}`,
    `    public_account  ${publicKey.secret}`,
    `  Sample doorplate  ${base}/d/${sample.doorplateCode}`,
    `    JSON ${base}/v1/doorplates/${sample.doorplateCode}   QR ${base}/v1/doorplates/${sample.doorplateCode}/qr.svg`,
    "  Staff tokens: POST /v1/tokens with the app key and {\"subject_type\":\"staff_id\",\"subject\":…}:",
    `    admin JS-ADMIN · dispatcher ${subjects["LT-dispatcher"]} · officer ${subjects["LT-TY-officer"]} · grid worker LT-TY-01-W1 · department JS-D1-1`,
    "  Residents and volunteers: {\"subject_type\":\"wechat_openid\",\"subject\":\"demo-resident-1\"} or \"demo-volunteer-QGS-1\".",
    `  Kiosk example for ${town.name}: FQ_KIOSK_KEY=${kioskKey.secret} FQ_AREA_ID=${town.id} npm run example:kiosk`,
    "",
  ].join("\n");
}
