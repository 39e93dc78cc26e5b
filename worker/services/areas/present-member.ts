import { maskName, maskPhone } from "../../lib/mask.ts";
import type { Role } from "../../deps.ts";
import type { Duty } from "./assign-member.ts";

export interface MemberRow {
  userId: string;
  duty: Duty;
  role: Role;
  displayName: string | null;
  phone: string | null;
  agencyId: string | null;
}

/** Duty staff as anyone with `places:read` sees them: names and phones masked. */
export function presentMember(row: MemberRow) {
  return {
    user_id: row.userId,
    duty: row.duty,
    role: row.role,
    display_name: maskName(row.displayName),
    phone: maskPhone(row.phone),
    agency_id: row.agencyId,
  };
}
