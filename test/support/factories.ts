import { userAreas, users } from "../../worker/db/schema/index.ts";
import type { Role } from "../../worker/deps.ts";
import { newId } from "../../worker/lib/ids.ts";
import { createJurisdiction } from "../../worker/services/jurisdictions/create-jurisdiction.ts";
import type { TestApp } from "./app.ts";

let seq = 0;

/**
 * A tenant with an admin key, plus helpers that go through the public API wherever one exists
 * (keys, token exchange), so factories exercise the same code paths clients do.
 */
export async function tenant(t: TestApp, code = `county-${++seq}`) {
  const { jurisdiction, adminKey } = await createJurisdiction(t.deps, { code, name: `${code} county` });

  async function key(kind: "app" | "kiosk" | "public_account" | "integration" | "admin" = "app", scopes?: string[]) {
    const res = await t.post("/v1/keys", { name: `${kind} ${++seq}`, kind, ...(scopes ? { scopes } : {}) }, { auth: adminKey });
    if (res.status !== 201) throw new Error(`key creation failed: ${res.status} ${res.text}`);
    return { id: res.json.id as string, secret: res.json.secret as string };
  }

  let appKey: string | undefined;
  /** An end user with `role` and a token for them, exchanged through an app key. */
  async function user(role: Role = "resident", opts: { agencyId?: string; areaIds?: string[]; subject?: string; phone?: string; name?: string } = {}) {
    appKey ??= (await key("app")).secret;
    const subject = opts.subject ?? `openid-${++seq}`;
    if (role !== "resident") {
      const id = newId("user");
      await t.deps.db.insert(users).values({
        id,
        jurisdictionId: jurisdiction.id,
        subjectType: "wechat_openid",
        subject,
        role,
        displayName: opts.name ?? null,
        phone: opts.phone ?? null,
        agencyId: opts.agencyId ?? null,
        createdAt: t.deps.now(),
      });
      for (const areaId of opts.areaIds ?? []) await t.deps.db.insert(userAreas).values({ userId: id, areaId, duty: "staff" });
    }
    const res = await t.post(
      "/v1/tokens",
      { subject_type: "wechat_openid", subject, ...(opts.name ? { display_name: opts.name } : {}), ...(opts.phone ? { phone: opts.phone } : {}) },
      { auth: appKey },
    );
    if (res.status !== 200) throw new Error(`token exchange failed: ${res.status} ${res.text}`);
    return { id: res.json.user.id as string, token: res.json.access_token as string, subject };
  }

  return { id: jurisdiction.id, code, adminKey, key, user };
}

export type Tenant = Awaited<ReturnType<typeof tenant>>;
