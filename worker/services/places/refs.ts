import { and, eq } from "drizzle-orm";
import { agencies, areas } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";

type AreaRow = typeof areas.$inferSelect;
type Level = AreaRow["level"];

/** A 400 pointing at one field of the request, saying what is expected there (never the value). */
export const fieldError = (pointer: string, detail: string) =>
  new AppError("validation_failed", detail, { extensions: { errors: [{ pointer, detail }] } });

/**
 * An area named in a request body. Another tenant's area and a missing one read the same (the
 * caller must not learn which ids exist elsewhere); a wrong level says what was expected.
 */
export async function requireAreaRef(deps: Deps, jurisdictionId: string, id: string, pointer: string, level?: Level): Promise<AreaRow> {
  const [row] = await deps.db.select().from(areas).where(and(eq(areas.id, id), eq(areas.jurisdictionId, jurisdictionId)));
  if (!row) throw fieldError(pointer, "no area with this id in this jurisdiction");
  if (level && row.level !== level) throw fieldError(pointer, `must be an area of level \`${level}\``);
  return row;
}

export async function requireAgencyRef(deps: Deps, jurisdictionId: string, id: string, pointer: string) {
  const [row] = await deps.db.select().from(agencies).where(and(eq(agencies.id, id), eq(agencies.jurisdictionId, jurisdictionId)));
  if (!row) throw fieldError(pointer, "no agency with this id in this jurisdiction");
  return row;
}
