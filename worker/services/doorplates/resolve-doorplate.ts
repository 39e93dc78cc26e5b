import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { agencies, areas, households, userAreas, users } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { maskAddress, maskName, maskPhone } from "../../lib/mask.ts";
import { AppError } from "../../lib/problem.ts";
import { pathIds } from "../places/area-scope.ts";
import { serviceMenu } from "./service-menu.ts";

type Contact = { display_name: string | null; phone: string | null; agency: { id: string; name: string; phone: string | null } | null };

/**
 * What anyone who scans a doorplate may see, without a credential: where it is (area names, the
 * grid), who answers for it (grid leader and worker, the nearest community officer; names and
 * phones masked, their agency's public number in full), the address masked, and the service
 * menu. Nothing about who lives there is read, let alone returned.
 */
export async function resolveDoorplate({ deps, code }: { deps: Deps; code: string }) {
  const [home] = await deps.db
    .select({ id: households.id, jurisdictionId: households.jurisdictionId, areaId: households.areaId, areaPath: households.areaPath, address: households.address })
    .from(households)
    .where(eq(households.doorplateCode, code));
  if (!home) throw new AppError("not_found", "No doorplate with this code.");

  const ids = pathIds(home.areaPath);
  const [chainRows, staff] = await deps.db.batch([
    deps.db
      .select({ id: areas.id, level: areas.level, name: areas.name, code: areas.code })
      .from(areas)
      .where(and(eq(areas.jurisdictionId, home.jurisdictionId), inArray(areas.id, ids))),
    deps.db
      .select({
        areaId: userAreas.areaId,
        duty: userAreas.duty,
        displayName: users.displayName,
        phone: users.phone,
        agencyId: agencies.id,
        agencyName: agencies.name,
        agencyPhone: agencies.phone,
      })
      .from(userAreas)
      .innerJoin(users, eq(users.id, userAreas.userId))
      .leftJoin(agencies, and(eq(agencies.id, users.agencyId), eq(agencies.jurisdictionId, home.jurisdictionId)))
      .where(
        and(
          inArray(userAreas.areaId, ids),
          inArray(userAreas.duty, ["grid_leader", "grid_worker", "officer"]),
          eq(users.jurisdictionId, home.jurisdictionId),
          isNull(users.disabledAt),
        ),
      )
      .orderBy(asc(userAreas.userId)),
  ]);
  const byId = new Map(chainRows.map((a) => [a.id, a]));
  const chain = ids.flatMap((id) => byId.get(id) ?? []);
  const grid = byId.get(home.areaId);
  if (!grid) throw new AppError("not_found", "No doorplate with this code.");

  const contact = (s: (typeof staff)[number] | undefined): Contact | null =>
    s
      ? {
          display_name: maskName(s.displayName),
          phone: maskPhone(s.phone),
          agency: s.agencyId && s.agencyName ? { id: s.agencyId, name: s.agencyName, phone: s.agencyPhone } : null,
        }
      : null;
  const onGrid = (duty: string) => staff.find((s) => s.areaId === home.areaId && s.duty === duty);
  // The officer of the nearest area that has one: the grid's own, else its community's, and so on up.
  const officer = [...ids].reverse().map((id) => staff.find((s) => s.areaId === id && s.duty === "officer")).find(Boolean);

  return {
    code,
    address: maskAddress(home.address) ?? "",
    grid: { id: grid.id, name: grid.name, code: grid.code },
    area_path: chain.map((a) => ({ id: a.id, level: a.level, name: a.name })),
    grid_leader: contact(onGrid("grid_leader")),
    grid_worker: contact(onGrid("grid_worker") ?? onGrid("grid_leader")),
    officer: contact(officer),
    services: serviceMenu({ gridId: grid.id }),
  };
}

/** Whether a code names a doorplate: the QR routes render nothing for codes that do not exist. */
export async function doorplateExists(deps: Deps, code: string): Promise<boolean> {
  const [row] = await deps.db.select({ id: households.id }).from(households).where(eq(households.doorplateCode, code));
  return !!row;
}
