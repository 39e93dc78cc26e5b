import { and, eq } from "drizzle-orm";
import { taskSignups } from "../../db/schema/index.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { loadOwnSignup } from "./load-signup.ts";
import { assertInWindow, assertPresent, minutesServed, type PresenceProof } from "./presence.ts";

/**
 * The volunteer checks out, proving presence the same way as at check-in (so nobody "checks out"
 * from home hours later); the minutes served are computed here and staff confirm them.
 */
export async function checkOut({ deps, caller, signupId, proof }: { deps: Deps; caller: Principal; signupId: string; proof: PresenceProof }) {
  assertScope(caller, "tasks:write");
  const { signup, task } = await loadOwnSignup(deps, caller, signupId);
  if (signup.status !== "checked_in" || signup.checkedInAt === null) {
    throw new AppError("invalid_transition", `A ${signup.status} sign-up cannot check out.`, { extensions: { status_now: signup.status } });
  }
  const at = deps.now();
  assertInWindow(task, "check_out", at);
  const method = await assertPresent(deps.config.TOKEN_SECRET, task, proof, at);
  await deps.db.batch([
    deps.db
      .update(taskSignups)
      .set({
        status: "checked_out",
        checkedOutAt: at,
        checkOutMethod: method,
        minutes: minutesServed(task, signup.checkedInAt, at),
        version: signup.version + 1,
        updatedAt: at,
      })
      .where(and(eq(taskSignups.id, signup.id), eq(taskSignups.status, "checked_in"), eq(taskSignups.version, signup.version))),
    deps.db.run(requireChanged()),
  ]);
  return signup.id;
}
