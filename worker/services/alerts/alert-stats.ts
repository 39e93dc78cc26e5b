import { and, eq, inArray, like, or, sql } from "drizzle-orm";
import { areaHouseholdCounts, areas } from "../../db/schema/index.ts";
import { areaLevels } from "../../db/schema/areas.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { canManageAlerts } from "./authority.ts";
import { findAlert } from "./get-alert.ts";
import { ROOT_PATH } from "./targets.ts";

type Level = (typeof areaLevels)[number];
type Counts = { audience_estimate: number; delivered: number; read: number; acknowledged: number };
const zero = (): Counts => ({ audience_estimate: 0, delivered: 0, read: 0, acknowledged: 0 });
const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);
const withRates = <T extends Counts>(c: T) => ({ ...c, read_rate: rate(c.read, c.delivered), reach_rate: rate(c.delivered, c.audience_estimate) });

/**
 * Reach of one alert version. The audience is summed from per-area household counts (kept by
 * triggers) over the targeted subtrees: one row per area, whatever the number of households.
 * Receipts are grouped by the reader's area in one pass over this alert's receipts.
 */
export async function alertStats({ deps, caller, id, level }: { deps: Deps; caller: Principal; id: string; level?: Level }) {
  assertScope(caller, "alerts:read");
  if (!canManageAlerts(caller)) throw new AppError("forbidden", "Figures are for the people who manage alerts.");
  const alert = await findAlert(deps, caller.jurisdictionId, id);

  const targets = alert.wholeJurisdiction
    ? []
    : await deps.db
        .select({ path: areas.path, level: areas.level })
        .from(areas)
        .where(and(eq(areas.jurisdictionId, caller.jurisdictionId), inArray(areas.id, alert.areaIds.length ? alert.areaIds : [""])));
  const targetPaths = alert.wholeJurisdiction ? [ROOT_PATH] : targets.map((t) => t.path);
  const shallowest = alert.wholeJurisdiction ? -1 : Math.min(...targets.map((t) => areaLevels.indexOf(t.level)));
  const bucketLevel = level ?? areaLevels[Math.min(shallowest + 1, areaLevels.length - 1)]!;

  const [subtree, receipts] = await deps.db.batch([
    deps.db
      .select({ id: areas.id, name: areas.name, level: areas.level, path: areas.path, households: sql<number>`coalesce(${areaHouseholdCounts.households}, 0)` })
      .from(areas)
      .leftJoin(areaHouseholdCounts, eq(areaHouseholdCounts.areaId, areas.id))
      .where(and(eq(areas.jurisdictionId, caller.jurisdictionId), or(...targetPaths.map((p) => like(areas.path, `${p}%`))))),
    deps.db.all<{ area_path: string; reader_kind: "resident" | "kiosk" | "household"; delivered: number; read: number; acknowledged: number }>(sql`
      SELECT area_path, reader_kind, count(*) AS delivered, count(read_at) AS read, count(acknowledged_at) AS acknowledged
      FROM alert_receipts WHERE alert_id = ${alert.id} AND jurisdiction_id = ${caller.jurisdictionId}
      GROUP BY area_path, reader_kind
    `),
  ]);

  const byId = new Map(subtree.map((a) => [a.id, a]));
  const byPath = new Map(subtree.map((a) => [a.path, a]));
  /** The area at `bucketLevel` on the way to `path`, or the deepest one above it when the path stops short. */
  const bucketOf = (path: string) => {
    let found: (typeof subtree)[number] | undefined;
    for (const seg of path.split("/").filter(Boolean)) {
      const a = byId.get(seg);
      if (!a) continue;
      found = a;
      if (a.level === bucketLevel) break;
    }
    return found;
  };

  const total = zero();
  const rows = new Map<string, Counts & { area_id: string; name: string; level: string }>();
  const row = (a: { id: string; name: string; level: string }) => {
    let r = rows.get(a.id);
    if (!r) rows.set(a.id, (r = { area_id: a.id, name: a.name, level: a.level, ...zero() }));
    return r;
  };
  for (const a of subtree) {
    total.audience_estimate += a.households;
    const b = bucketOf(a.path);
    // Intermediate areas above the breakdown level only get a row if households hang on them directly.
    if (b && (a.households > 0 || b.level === bucketLevel)) row(b).audience_estimate += a.households;
  }
  const byKind = { resident: { delivered: 0, read: 0, acknowledged: 0 }, kiosk: { delivered: 0, read: 0, acknowledged: 0 }, household: { delivered: 0, read: 0, acknowledged: 0 } };
  for (const r of receipts) {
    for (const target of [total, byKind[r.reader_kind]]) {
      target.delivered += r.delivered;
      target.read += r.read;
      target.acknowledged += r.acknowledged;
    }
    const b = byPath.has(r.area_path) ? bucketOf(r.area_path) : undefined;
    if (b) {
      const x = row(b);
      x.delivered += r.delivered;
      x.read += r.read;
      x.acknowledged += r.acknowledged;
    }
  }
  return {
    alert_id: alert.id,
    ...withRates(total),
    by_reader_kind: byKind,
    by_area: [...rows.values()].sort((a, b) => a.name.localeCompare(b.name, "zh-CN") || a.area_id.localeCompare(b.area_id)).map(withRates),
  };
}
