import type { Principal } from "../../deps.ts";
import { assertRole, assertScope } from "../../lib/authz.ts";

/** Reviewing reports is police work: officers, the duty desk and admins holding `fraud:manage`. */
export function assertFraudStaff(caller: Principal) {
  assertScope(caller, "fraud:manage");
  assertRole(caller, "officer", "dispatcher", "admin");
}
