import { sql, type Placeholder, type SQL } from "drizzle-orm";
import { busyStatuses, seatStatuses } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";

/**
 * The statements that keep "never more confirmed than capacity" true under any concurrency.
 * Each decision (confirm or waitlist, promote or not) is made inside ONE statement that counts
 * the places already held and writes in the same breath; SQLite runs write statements one at a
 * time, so no two sign-ups can both see the 20th place free. Nothing here reads, decides in
 * JavaScript, then writes.
 */

const list = (xs: readonly string[]) => sql.join(xs.map((x) => sql`${x}`), sql`, `);
const SEATS = list(seatStatuses);
const BUSY = list(busyStatuses);

/** Places held on task `taskId` (an SQL expression). */
export const seatsHeld = (taskId: SQL) => sql`(SELECT count(*) FROM task_signups s WHERE s.task_id = ${taskId} AND s.status IN (${SEATS}))`;

/** Sign-ups `o` (joined to their tasks `ot`) by which `userId` holds a place on another live task overlapping [startsAt, endsAt). */
export const overlapWhere = (jurisdictionId: V<string>, userId: SQL, taskId: SQL, startsAt: SQL, endsAt: SQL) => sql`
  o.jurisdiction_id = ${jurisdictionId} AND o.user_id = ${userId} AND o.status IN (${BUSY}) AND o.task_id <> ${taskId}
  AND ot.status NOT IN ('cancelled', 'completed') AND ot.starts_at < ${endsAt} AND ${startsAt} < ot.ends_at`;

/** Nobody can be on two patrols at once. */
export const overlapsAnother = (jurisdictionId: V<string>, userId: SQL, taskId: SQL, startsAt: SQL, endsAt: SQL) =>
  sql`EXISTS (SELECT 1 FROM task_signups o JOIN tasks ot ON ot.id = o.task_id WHERE ${overlapWhere(jurisdictionId, userId, taskId, startsAt, endsAt)})`;

/** A value, or a placeholder for one when the statement is rendered once (db/statements.ts). */
type V<T> = T | Placeholder;

/** The volunteer may hold a place on task `t`: not suspended, verified if required, in the team if restricted, has every required skill. */
const eligible = (userId: V<string>) => sql`
  NOT EXISTS (SELECT 1 FROM volunteer_profiles p WHERE p.user_id = ${userId} AND p.status = 'suspended')
  AND (t.requires_verified = 0 OR EXISTS (SELECT 1 FROM volunteer_profiles p WHERE p.user_id = ${userId} AND p.status = 'verified'))
  AND (t.team_id IS NULL OR EXISTS (SELECT 1 FROM volunteer_profiles p WHERE p.user_id = ${userId} AND p.team_id = t.team_id))
  AND NOT EXISTS (
    SELECT 1 FROM json_each(t.required_skills) r
    WHERE r.value NOT IN (SELECT value FROM json_each(coalesce((SELECT p.skills FROM volunteer_profiles p WHERE p.user_id = ${userId}), '[]'))))`;

/**
 * Sign `userId` up for `taskId`: confirmed while places are left, else waitlisted, decided by the
 * count inside this very INSERT … SELECT. Inserts nothing (and returns no row) when the task is
 * not taking sign-ups, the volunteer is not eligible, they hold an overlapping place, or they are
 * already signed up; a withdrawn sign-up is revived at the back of the queue (the unique
 * (task, user) index makes it one row per volunteer per task). The queue position comes back
 * with the row, computed in the same statement.
 */
export function signupInsert(p: { id: V<string>; jurisdictionId: V<string>; taskId: V<string>; userId: V<string>; at: V<number> }) {
  return sql`INSERT INTO task_signups (id, jurisdiction_id, task_id, user_id, status, area_path, version, created_at, updated_at)
    SELECT ${p.id}, t.jurisdiction_id, t.id, ${p.userId},
      CASE WHEN ${seatsHeld(sql`t.id`)} < t.capacity THEN 'confirmed' ELSE 'waitlisted' END,
      t.area_path, 1, ${p.at}, ${p.at}
    FROM tasks t
    WHERE t.id = ${p.taskId} AND t.jurisdiction_id = ${p.jurisdictionId}
      AND t.status IN ('open', 'full') AND t.ends_at > ${p.at}
      AND ${eligible(p.userId)}
      AND NOT ${overlapsAnother(p.jurisdictionId, sql`${p.userId}`, sql`t.id`, sql`t.starts_at`, sql`t.ends_at`)}
    ON CONFLICT (task_id, user_id) DO UPDATE SET
      status = excluded.status, created_at = excluded.created_at, updated_at = excluded.updated_at,
      version = task_signups.version + 1, withdrawn_at = NULL, promoted_at = NULL, promoted_via = NULL
      WHERE task_signups.status = 'withdrawn'
    RETURNING *, CASE WHEN status = 'waitlisted' THEN (
      SELECT count(*) FROM task_signups w WHERE w.task_id = task_signups.task_id AND w.status = 'waitlisted'
        AND (w.created_at < task_signups.created_at OR (w.created_at = task_signups.created_at AND w.id <= task_signups.id))) END AS waitlist_position`;
}

/** `open` ⇄ `full` follows the places held; in one statement, so it cannot disagree with the count. */
export function taskFullnessSql(taskId: V<string>, at: V<number>) {
  const next = sql`CASE WHEN ${seatsHeld(sql`tasks.id`)} >= tasks.capacity THEN 'full' ELSE 'open' END`;
  return sql`UPDATE tasks SET status = ${next}, updated_at = ${at}
    WHERE id = ${taskId} AND status IN ('open', 'full') AND status <> ${next}`;
}

export const syncTaskFullness = (deps: Deps, taskId: string, at: number) => deps.db.run(taskFullnessSql(taskId, at));

/**
 * Fill free places from the waitlist, first come first served, skipping anyone suspended since or
 * now busy elsewhere at that time; then one `task.waitlist_promoted` event naming who moved up,
 * written only if someone did (`opId` tags the rows this batch promoted and is the event's id).
 */
export function promoteWaitlist(deps: Deps, p: { jurisdictionId: string; taskId: string; at: number; opId: string }) {
  const task = sql`(SELECT starts_at FROM tasks WHERE id = ${p.taskId})`;
  const taskEnd = sql`(SELECT ends_at FROM tasks WHERE id = ${p.taskId})`;
  const free = sql`coalesce((SELECT max(0, t.capacity - ${seatsHeld(sql`t.id`)}) FROM tasks t
    WHERE t.id = ${p.taskId} AND t.status IN ('open', 'full') AND t.ends_at > ${p.at}), 0)`;
  return [
    deps.db.run(sql`UPDATE task_signups SET status = 'confirmed', promoted_at = ${p.at}, promoted_via = ${p.opId},
        updated_at = ${p.at}, version = version + 1
      WHERE id IN (
        SELECT w.id FROM task_signups w
        WHERE w.task_id = ${p.taskId} AND w.status = 'waitlisted'
          AND NOT EXISTS (SELECT 1 FROM volunteer_profiles vp WHERE vp.user_id = w.user_id AND vp.status = 'suspended')
          AND NOT ${overlapsAnother(p.jurisdictionId, sql`w.user_id`, sql`${p.taskId}`, task, taskEnd)}
        ORDER BY w.created_at, w.id
        LIMIT ${free})`),
    deps.db.run(sql`INSERT INTO outbox (id, jurisdiction_id, type, agency_id, payload, created_at, dispatched_at)
      SELECT ${p.opId}, ${p.jurisdictionId}, 'task.waitlist_promoted', NULL,
        json_object('task_id', ${p.taskId}, 'signup_ids', json(ids), 'user_ids', json(uids)), ${p.at}, NULL
      FROM (SELECT json_group_array(id) AS ids, json_group_array(user_id) AS uids, count(*) AS n
            FROM task_signups WHERE task_id = ${p.taskId} AND promoted_via = ${p.opId})
      WHERE n > 0`),
    syncTaskFullness(deps, p.taskId, p.at),
  ] as const;
}
