import { and, eq, inArray } from "drizzle-orm";
import { taskSignups } from "../../db/schema/index.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { loadOwnSignup } from "./load-signup.ts";
import { promoteWaitlist } from "./signup-sql.ts";

/**
 * The volunteer withdraws (before checking in). In the same batch the first eligible volunteer
 * on the waitlist takes the freed place, so a place is never left empty while someone waits,
 * and never given twice.
 */
export async function withdrawSignup({ deps, caller, signupId }: { deps: Deps; caller: Principal; signupId: string }) {
  assertScope(caller, "tasks:write");
  const { signup, task } = await loadOwnSignup(deps, caller, signupId);
  if (signup.status !== "confirmed" && signup.status !== "waitlisted") {
    throw new AppError("invalid_transition", `A ${signup.status} sign-up cannot be withdrawn.`, { extensions: { status_now: signup.status } });
  }
  const at = deps.now();
  if (at >= task.endsAt) throw new AppError("invalid_transition", "The task is over.");
  await deps.db.batch([
    deps.db
      .update(taskSignups)
      .set({ status: "withdrawn", withdrawnAt: at, version: signup.version + 1, updatedAt: at })
      .where(
        and(
          eq(taskSignups.id, signup.id),
          eq(taskSignups.userId, signup.userId),
          inArray(taskSignups.status, ["confirmed", "waitlisted"]),
          eq(taskSignups.version, signup.version),
        ),
      ),
    deps.db.run(requireChanged()),
    ...promoteWaitlist(deps, { jurisdictionId: caller.jurisdictionId, taskId: task.id, at, opId: newId("outbox") }),
  ]);
  return signup.id;
}
