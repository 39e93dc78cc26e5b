import { eq } from "drizzle-orm";
import { jurisdictions } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";

/** The IANA time zone a jurisdiction's days, months and leaderboards are counted in. */
export async function jurisdictionZone(deps: Deps, jurisdictionId: string): Promise<string> {
  const [j] = await deps.db.select({ timezone: jurisdictions.timezone }).from(jurisdictions).where(eq(jurisdictions.id, jurisdictionId));
  return j?.timezone ?? "Asia/Shanghai";
}
