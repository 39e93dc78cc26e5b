import { and, eq } from "drizzle-orm";
import { userAreas, users } from "../../db/schema/index.ts";
import { subjectTypes } from "../../db/schema/users.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope, keyLineageOf } from "../../lib/authz.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { issueToken } from "./tokens.ts";

export interface ExchangeInput {
  subject_type: (typeof subjectTypes)[number];
  subject: string;
  display_name?: string;
  phone?: string;
}

/**
 * RFC 8693-style exchange: an app that has already verified who its user is (a WeChat openid, a
 * phone a kiosk confirmed) trades that subject for a short-lived end-user token. Unknown subjects
 * become residents; staff and volunteers exist only if an admin registered them, so no app can
 * mint itself a staff token.
 */
export async function exchangeToken({ deps, caller, input }: { deps: Deps; caller: Principal; input: ExchangeInput }) {
  assertScope(caller, "tokens:exchange");
  if (caller.user) throw new AppError("forbidden", "Exchange with the app's API key, not with an end-user token.");
  // An app's own user ids mean nothing to another app: keep them apart by key — by the key's
  // lineage, which a rotation keeps, so "u-42" is the same user before and after. A key never
  // rotated is its own lineage, so subjects made before lineages existed still match; those made
  // through an already-rotated key were moved to its lineage by migration 0013.
  const subject = input.subject_type === "app_user" ? `${keyLineageOf(caller)}:${input.subject}` : input.subject;
  const where = and(eq(users.jurisdictionId, caller.jurisdictionId), eq(users.subjectType, input.subject_type), eq(users.subject, subject));

  let [user] = await deps.db.select().from(users).where(where);
  if (!user) {
    await deps.db
      .insert(users)
      .values({
        id: newId("user"),
        jurisdictionId: caller.jurisdictionId,
        subjectType: input.subject_type,
        subject,
        role: "resident",
        displayName: input.display_name ?? null,
        phone: input.phone ?? null,
        createdAt: deps.now(),
      })
      .onConflictDoNothing();
    [user] = await deps.db.select().from(users).where(where);
  }
  if (!user) throw new AppError("internal");
  if (user.disabledAt !== null) throw new AppError("forbidden", "This user is disabled.");

  const areaRows = await deps.db.select({ areaId: userAreas.areaId }).from(userAreas).where(eq(userAreas.userId, user.id));
  const areaIds = areaRows.map((a) => a.areaId);
  const { token, expiresAt } = await issueToken(
    deps.config.TOKEN_SECRET,
    { sub: user.id, jur: user.jurisdictionId, kid: caller.keyId, role: user.role, agy: user.agencyId, areas: areaIds },
    deps.now(),
  );
  return { token, expiresAt, user, areaIds };
}
