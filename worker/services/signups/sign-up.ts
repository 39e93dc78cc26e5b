import { and, eq, ne, sql } from "drizzle-orm";
import { taskSignups, volunteerProfiles } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { loadTaskView } from "../tasks/load-task.ts";
import { assertVolunteer } from "../tasks/task-access.ts";
import { statementTemplate } from "../../db/statements.ts";
import { overlapWhere, signupInsert, taskFullnessSql } from "./signup-sql.ts";
import { signupFromRaw, type SignupRow } from "./present-signup.ts";

// Both statements rendered once (db/statements.ts): a sign-up burst runs them a thousand times.
const ph = sql.placeholder;
const insertSignup = statementTemplate(signupInsert({ id: ph("id"), jurisdictionId: ph("j"), taskId: ph("task"), userId: ph("user"), at: ph("at") }));
const fullness = statementTemplate(taskFullnessSql(ph("task"), ph("at")));

/**
 * The caller signs themselves up: one batch, whose conditional INSERT decides confirmed or
 * waitlisted and refuses anything ineligible. Only when it refuses do we read, to say why.
 */
export async function signUp({ deps, caller, taskId }: { deps: Deps; caller: Principal; taskId: string }): Promise<{ signup: SignupRow; position: number | null }> {
  const user = assertVolunteer(caller);
  const at = deps.now();
  const values = { id: newId("signup"), j: caller.jurisdictionId, task: taskId, user: user.id, at };
  const [inserted] = await deps.client.batch([insertSignup(values), fullness(values)], "write");
  const raw = inserted!.rows[0] as Record<string, unknown> | undefined;
  if (raw) {
    const position = raw.waitlist_position;
    return { signup: signupFromRaw(raw), position: position === null || position === undefined ? null : Number(position) };
  }
  return explainRefusal(deps, caller, taskId, user.id, at);
}

async function explainRefusal(deps: Deps, caller: Principal, taskId: string, userId: string, at: number): Promise<never> {
  const { task } = await loadTaskView(deps, caller, taskId);
  const [existing] = await deps.db
    .select({ id: taskSignups.id, status: taskSignups.status })
    .from(taskSignups)
    .where(and(eq(taskSignups.taskId, taskId), eq(taskSignups.userId, userId), ne(taskSignups.status, "withdrawn")));
  if (existing) {
    throw new AppError("conflict", "You are already signed up for this task.", { extensions: { signup_id: existing.id, signup_status: existing.status } });
  }
  if (!(task.status === "open" || task.status === "full") || task.endsAt <= at) {
    throw new AppError("invalid_transition", "This task is not taking sign-ups.", { extensions: { task_status: task.status } });
  }
  const [profile] = await deps.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, userId));
  if (profile?.status === "suspended") throw new AppError("forbidden", "Your volunteer profile is suspended.");
  if (task.requiresVerified && profile?.status !== "verified") {
    throw new AppError("forbidden", "This task is for verified volunteers; ask staff to verify your profile.", {
      extensions: { reason: "verification_required" },
    });
  }
  if (task.teamId && profile?.teamId !== task.teamId) {
    throw new AppError("forbidden", "This task is for members of another team.", { extensions: { reason: "team_only", team_id: task.teamId } });
  }
  const have = new Set(profile?.skills ?? []);
  const missing = task.requiredSkills.filter((s) => !have.has(s));
  if (missing.length) {
    throw new AppError("forbidden", "You lack skills this task requires.", { extensions: { reason: "skills_missing", missing_skills: missing } });
  }
  const [clash] = await deps.db.all<{ task_id: string }>(sql`SELECT o.task_id FROM task_signups o JOIN tasks ot ON ot.id = o.task_id
    WHERE ${overlapWhere(caller.jurisdictionId, sql`${userId}`, sql`${taskId}`, sql`${task.startsAt}`, sql`${task.endsAt}`)} LIMIT 1`);
  if (clash) {
    throw new AppError("conflict", "You already hold a place on another task at that time.", {
      extensions: { reason: "overlap", overlapping_task_id: clash.task_id },
    });
  }
  throw new AppError("conflict", "The sign-up could not be recorded; read the task again and retry.");
}
