import { and, eq } from "drizzle-orm";
import { taskSignups, volunteerProfiles } from "../../db/schema/index.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { loadOwnSignup } from "./load-signup.ts";
import { assertInWindow, assertPresent, type PresenceProof } from "./presence.ts";

/** The volunteer checks in on site, for their own sign-up only. */
export async function checkIn({ deps, caller, signupId, proof }: { deps: Deps; caller: Principal; signupId: string; proof: PresenceProof }) {
  assertScope(caller, "tasks:write");
  const { signup, task } = await loadOwnSignup(deps, caller, signupId);
  if (signup.status !== "confirmed") {
    throw new AppError("invalid_transition", `A ${signup.status} sign-up cannot check in.`, { extensions: { status_now: signup.status } });
  }
  if (task.status !== "open" && task.status !== "full") {
    throw new AppError("invalid_transition", `The task is ${task.status}.`, { extensions: { task_status: task.status } });
  }
  const [profile] = await deps.db.select({ status: volunteerProfiles.status }).from(volunteerProfiles).where(eq(volunteerProfiles.userId, signup.userId));
  if (profile?.status === "suspended") throw new AppError("forbidden", "Your volunteer profile is suspended.");
  const at = deps.now();
  assertInWindow(task, "check_in", at);
  const method = await assertPresent(deps.config.TOKEN_SECRET, task, proof, at);
  await deps.db.batch([
    deps.db
      .update(taskSignups)
      .set({
        status: "checked_in",
        checkedInAt: at,
        checkInMethod: method,
        checkInLat: proof.location?.lat ?? null,
        checkInLng: proof.location?.lng ?? null,
        version: signup.version + 1,
        updatedAt: at,
      })
      .where(and(eq(taskSignups.id, signup.id), eq(taskSignups.status, "confirmed"), eq(taskSignups.version, signup.version))),
    deps.db.run(requireChanged()),
  ]);
  return signup.id;
}
