import { inArray } from "drizzle-orm";
import { userAreas, type users } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { maskName, maskPhone } from "../../lib/mask.ts";
import { isoOrNull, iso } from "../../lib/time.ts";

type UserRow = typeof users.$inferSelect;
type Assignment = { areaId: string; duty: (typeof userAreas.$inferSelect)["duty"] };

/** A subject is an identity (a phone, an openid): shown only enough to tell two apart. */
export function maskSubject(type: UserRow["subjectType"], subject: string): string {
  if (type === "phone") return maskPhone(subject) ?? "";
  const visible = type === "app_user" ? subject.slice(subject.indexOf(":") + 1) : subject;
  return `${[...visible].slice(0, 4).join("")}****`;
}

export function presentUser(row: UserRow, areas: readonly Assignment[]) {
  return {
    id: row.id,
    role: row.role,
    subject_type: row.subjectType,
    subject: maskSubject(row.subjectType, row.subject),
    display_name: maskName(row.displayName),
    phone: maskPhone(row.phone),
    agency_id: row.agencyId,
    areas: areas.map((a) => ({ area_id: a.areaId, duty: a.duty })),
    disabled_at: isoOrNull(row.disabledAt),
    created_at: iso(row.createdAt),
  };
}

/** Area assignments of several users at once, for a page of users. */
export async function assignmentsOf(deps: Deps, userIds: readonly string[]): Promise<Map<string, Assignment[]>> {
  const out = new Map<string, Assignment[]>();
  if (userIds.length === 0) return out;
  const rows = await deps.db.select().from(userAreas).where(inArray(userAreas.userId, [...userIds]));
  for (const r of rows) {
    const list = out.get(r.userId) ?? [];
    list.push({ areaId: r.areaId, duty: r.duty });
    out.set(r.userId, list);
  }
  return out;
}
