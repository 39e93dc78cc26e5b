import { eq } from "drizzle-orm";
import { jurisdictions } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { periodOf, type Period, type PeriodKind } from "../../lib/zoned-time.ts";

/** The month, quarter or year containing `date` (local, YYYY-MM-DD) or today, in the jurisdiction's zone. */
export async function jurisdictionPeriod(deps: Deps, jurisdictionId: string, kind: PeriodKind, date?: string): Promise<Period> {
  const [j] = await deps.db.select({ timezone: jurisdictions.timezone }).from(jurisdictions).where(eq(jurisdictions.id, jurisdictionId));
  return periodOf(kind, j?.timezone ?? "Asia/Shanghai", { date, instant: deps.now() });
}

export const presentPeriod = (p: Period) => ({
  kind: p.kind,
  label: p.label,
  starts_at: new Date(p.start).toISOString(),
  ends_at: new Date(p.end).toISOString(),
  timezone: p.timezone,
});
