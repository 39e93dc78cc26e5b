import { and, eq } from "drizzle-orm";
import { agencies } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";

/** The agency row in this jurisdiction, or a validation problem pointing at the field that named it. */
export async function findAgency(deps: Deps, jurisdictionId: string, agencyId: string, pointer: string) {
  const [row] = await deps.db.select().from(agencies).where(and(eq(agencies.id, agencyId), eq(agencies.jurisdictionId, jurisdictionId)));
  if (!row) {
    throw new AppError("validation_failed", "No such agency in this jurisdiction.", { extensions: { errors: [{ pointer, detail: "unknown agency" }] } });
  }
  return row;
}
