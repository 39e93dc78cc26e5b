import { sql } from "drizzle-orm";
import { isGuardFailure, requireChanged } from "../../db/guard.ts";
import { areas } from "../../db/schema/index.ts";
import { areaLevels } from "../../db/schema/areas.ts";
import { isUniqueViolation } from "../../db/unique.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertAdmin } from "../../lib/authz.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { fieldError, requireAreaRef } from "../places/refs.ts";
import { areaChain } from "./get-area.ts";

export type AreaLevel = (typeof areaLevels)[number];

export interface CreateAreaInput {
  parent_id?: string | null;
  level: AreaLevel;
  name: string;
  code?: string | null;
  lat?: number | null;
  lng?: number | null;
}

export const codeTaken = () => new AppError("conflict", "Another area in this jurisdiction has this code.");

/**
 * The tree is strict: a town's parent is the county, a community's a town, a grid's a community,
 * so "by town" or "by community" figures always aggregate the same way. A jurisdiction has one
 * county, its root. The path (`/county/town/…/id/`) is fixed here, at creation.
 */
export async function createArea({ deps, caller, input }: { deps: Deps; caller: Principal; input: CreateAreaInput }) {
  assertAdmin(caller);
  const depth = areaLevels.indexOf(input.level);
  let parentPath = "/";
  if (depth === 0) {
    if (input.parent_id) throw fieldError("/body/parent_id", "a county is the root of the tree and has no parent");
  } else {
    if (!input.parent_id) throw fieldError("/body/parent_id", `a ${input.level} needs a parent of level \`${areaLevels[depth - 1]}\``);
    const parent = await requireAreaRef(deps, caller.jurisdictionId, input.parent_id, "/body/parent_id", areaLevels[depth - 1]);
    parentPath = parent.path;
  }
  const id = newId("area");
  const row = {
    id,
    jurisdictionId: caller.jurisdictionId,
    parentId: input.parent_id ?? null,
    level: input.level,
    name: input.name,
    code: input.code ?? null,
    path: `${parentPath}${id}/`,
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    createdAt: deps.now(),
  };
  try {
    if (depth === 0) {
      // One root per jurisdiction, decided by the database so two concurrent creates cannot both win.
      await deps.db.batch([
        deps.db.run(sql`INSERT INTO areas (id, jurisdiction_id, parent_id, level, name, code, path, lat, lng, created_at)
          SELECT ${row.id}, ${row.jurisdictionId}, NULL, 'county', ${row.name}, ${row.code}, ${row.path}, ${row.lat}, ${row.lng}, ${row.createdAt}
          WHERE NOT EXISTS (SELECT 1 FROM areas WHERE jurisdiction_id = ${row.jurisdictionId} AND level = 'county')`),
        deps.db.run(requireChanged()),
      ]);
    } else {
      await deps.db.insert(areas).values(row);
    }
  } catch (err) {
    if (isGuardFailure(err)) throw new AppError("conflict", "This jurisdiction already has its county; add towns under it.");
    if (isUniqueViolation(err, "areas.code")) throw codeTaken();
    throw err;
  }
  return { row, chain: await areaChain(deps, caller.jurisdictionId, row.path) };
}
