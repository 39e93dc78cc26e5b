import { and, eq } from "drizzle-orm";
import { services } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";

/** A service of this jurisdiction by its code (retired ones too: old requests still name them). */
export async function getService({ deps, jurisdictionId, code }: { deps: Deps; jurisdictionId: string; code: string }) {
  const [row] = await deps.db.select().from(services).where(and(eq(services.jurisdictionId, jurisdictionId), eq(services.code, code)));
  if (!row) throw new AppError("not_found", "No such service.");
  return row;
}
