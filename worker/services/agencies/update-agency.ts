import { and, eq } from "drizzle-orm";
import { requireChanged } from "../../db/guard.ts";
import { agencies } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertAdmin } from "../../lib/authz.ts";
import { requireAreaRef } from "../places/refs.ts";
import type { CreateAgencyInput } from "./create-agency.ts";
import { getAgency } from "./list-agencies.ts";

export async function updateAgency({ deps, caller, id, input }: { deps: Deps; caller: Principal; id: string; input: Partial<CreateAgencyInput> }) {
  assertAdmin(caller);
  await getAgency({ deps, caller, id });
  if (input.area_id) await requireAreaRef(deps, caller.jurisdictionId, input.area_id, "/body/area_id");
  const set: Partial<typeof agencies.$inferInsert> = {};
  if (input.name !== undefined) set.name = input.name;
  if (input.kind !== undefined) set.kind = input.kind;
  if (input.area_id !== undefined) set.areaId = input.area_id;
  if (input.phone !== undefined) set.phone = input.phone;
  await deps.db.batch([
    deps.db
      .update(agencies)
      .set(set)
      .where(and(eq(agencies.id, id), eq(agencies.jurisdictionId, caller.jurisdictionId))),
    deps.db.run(requireChanged()),
  ]);
  return getAgency({ deps, caller, id });
}
