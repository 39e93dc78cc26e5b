import { eq } from "drizzle-orm";
import { jurisdictions } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";

/**
 * Open311's `jurisdiction_id` is our jurisdiction's public code. With an api_key it may be
 * omitted (the key names its jurisdiction) but, if sent, must agree with the key.
 */
export async function resolveJurisdiction(deps: Deps, code: string | undefined, caller: Principal | undefined): Promise<string> {
  if (!code) {
    if (caller) return caller.jurisdictionId;
    throw new AppError("validation_failed", "jurisdiction_id is required.", { extensions: { errors: [{ pointer: "/query/jurisdiction_id", detail: "required" }] } });
  }
  const [row] = await deps.db.select({ id: jurisdictions.id }).from(jurisdictions).where(eq(jurisdictions.code, code));
  if (!row || (caller && caller.jurisdictionId !== row.id)) throw new AppError("not_found", "No such jurisdiction_id.");
  return row.id;
}
