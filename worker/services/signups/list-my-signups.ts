import { and, desc, eq, inArray } from "drizzle-orm";
import { taskSignups } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope, assertUser } from "../../lib/authz.ts";
import { afterCursor } from "../../db/keyset.ts";
import { toPage } from "../../lib/pagination.ts";
import type { SignupQuery } from "./list-task-signups.ts";
import { presentSignup, waitlistPosition } from "./present-signup.ts";

/** The caller's own sign-ups, newest first. */
export async function listMySignups({ deps, caller, query }: { deps: Deps; caller: Principal; query: SignupQuery }) {
  assertScope(caller, "tasks:read");
  const user = assertUser(caller);
  const rows = await deps.db
    .select({ signup: taskSignups, position: waitlistPosition })
    .from(taskSignups)
    .where(
      and(
        eq(taskSignups.jurisdictionId, caller.jurisdictionId),
        eq(taskSignups.userId, user.id),
        query.status?.length ? inArray(taskSignups.status, query.status) : undefined,
        afterCursor(query.cursor, [{ col: taskSignups.createdAt, desc: true }, { col: taskSignups.id, desc: true }]),
      ),
    )
    .orderBy(desc(taskSignups.createdAt), desc(taskSignups.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.signup.createdAt, r.signup.id], (r) =>
    presentSignup(r.signup, { waitlistPosition: r.position === null ? null : Number(r.position) }),
  );
}
