import { and, inArray, sql } from "drizzle-orm";
import { taskSignups, tasks } from "../db/schema/index.ts";
import type { Deps } from "../deps.ts";
import { newId } from "../lib/ids.ts";
import { noShowPenalty } from "../services/points/ledger-entry.ts";

const BATCH = 200;

const nonEmpty = <T>(xs: T[]) => xs as [T, ...T[]];

/**
 * After a task's check-out slack has passed: confirmed volunteers who never checked in become
 * no-shows (with the task's penalty on the ledger), and open or full tasks become completed.
 * Every write is conditional on the state it read, so a run overlapping a staff action (or
 * another run) changes nothing twice. Bounded per run; the next run takes the rest.
 */
export async function closeEndedTasks(deps: Deps): Promise<{ no_shows: number; tasks_completed: number }> {
  const now = deps.now();
  const closed = sql`${tasks.endsAt} + ${tasks.checkInSlackMinutes} * 60000 <= ${now}`;

  const late = await deps.db
    .select({ id: taskSignups.id, penalty: tasks.noShowPenalty, startsAt: tasks.startsAt })
    .from(taskSignups)
    .innerJoin(tasks, sql`${tasks.id} = ${taskSignups.taskId}`)
    .where(and(inArray(tasks.status, ["open", "full", "completed"]), closed, sql`${taskSignups.status} = 'confirmed'`))
    .limit(BATCH);
  if (late.length) {
    await deps.db.batch(
      nonEmpty(late.flatMap((s) => [
        deps.db.run(sql`UPDATE task_signups SET status = 'no_show', no_show_at = ${now}, version = version + 1, updated_at = ${now}
          WHERE id = ${s.id} AND status = 'confirmed'`),
        noShowPenalty(deps, { signupId: s.id, penalty: s.penalty, occurredAt: s.startsAt, createdBy: "system", at: now }),
      ])),
    );
  }

  const ended = await deps.db
    .select({ id: tasks.id, jurisdictionId: tasks.jurisdictionId, agencyId: tasks.agencyId })
    .from(tasks)
    .where(and(inArray(tasks.status, ["open", "full"]), closed))
    .limit(BATCH);
  if (ended.length) {
    await deps.db.batch(
      nonEmpty(ended.flatMap((t) => [
        deps.db.run(sql`UPDATE tasks SET status = 'completed', completed_at = ${now}, updated_at = ${now}
          WHERE id = ${t.id} AND status IN ('open', 'full')`),
        deps.db.run(sql`INSERT INTO outbox (id, jurisdiction_id, type, agency_id, payload, created_at, dispatched_at)
          SELECT ${newId("outbox")}, ${t.jurisdictionId}, 'task.completed', ${t.agencyId},
            json_object('task_id', ${t.id}, 'status', 'completed', 'by', 'schedule'), ${now}, NULL
          WHERE changes() > 0`),
      ])),
    );
  }
  return { no_shows: late.length, tasks_completed: ended.length };
}
