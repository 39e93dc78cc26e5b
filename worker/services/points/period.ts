import type { Deps } from "../../deps.ts";
import { jurisdictionZone } from "../jurisdictions/jurisdiction-zone.ts";
import { periodOf, type Period, type PeriodKind } from "../../lib/zoned-time.ts";

/** The month, quarter or year containing `date` (local, YYYY-MM-DD) or today, in the jurisdiction's zone. */
export async function jurisdictionPeriod(deps: Deps, jurisdictionId: string, kind: PeriodKind, date?: string): Promise<Period> {
  return periodOf(kind, await jurisdictionZone(deps, jurisdictionId), { date, instant: deps.now() });
}

export const presentPeriod = (p: Period) => ({
  kind: p.kind,
  label: p.label,
  starts_at: new Date(p.start).toISOString(),
  ends_at: new Date(p.end).toISOString(),
  timezone: p.timezone,
});
