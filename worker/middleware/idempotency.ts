import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../deps.ts";
import { idempotencyKeys } from "../db/schema/index.ts";
import { sha256Hex } from "../lib/crypto.ts";
import { AppError } from "../lib/problem.ts";

const HEADER = "idempotency-key";
/** A first attempt that has not finished after this long is presumed dead and may be retried. */
const ABANDONED_AFTER_MS = 60_000;
const REPLAYED_HEADERS = ["content-type", "location", "etag"];

/**
 * `Idempotency-Key` on POST, after draft-ietf-httpapi-idempotency-key-header: the first request
 * runs and its answer is stored; a retry with the same key and body gets that answer again
 * (`Idempotent-Replayed: true`); the same key with another body is 422; a retry while the first
 * is still running is 409. Keys are scoped to the caller and kept IDEMPOTENCY_TTL_HOURS (≥ 7 days).
 * 5xx answers are not stored, so a retry after a server fault runs again; nor are `Cache-Control:
 * no-store` answers, which carry one-time secrets or revealed personal data.
 */
export const idempotency = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const key = c.req.header(HEADER);
  if (c.req.method !== "POST" || key === undefined) return next();
  if (key.length < 1 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new AppError("validation_failed", "Idempotency-Key must be 1-255 visible ASCII characters.", {
      extensions: { errors: [{ pointer: "/header/idempotency-key", detail: "1-255 visible ASCII characters" }] },
    });
  }
  const { db, now, config } = c.get("deps");
  const principal = c.get("principal");
  const scope = principal ? (principal.user ? `user:${principal.user.id}` : `key:${principal.keyId}`) : "anonymous";
  const body = await c.req.arrayBuffer();
  const fingerprint = await sha256Hex(`${c.req.method} ${c.req.path}\n${await sha256Hex(body)}`);
  const t = now();

  const claimed = await db
    .insert(idempotencyKeys)
    .values({ scope, key, fingerprint, createdAt: t, expiresAt: t + config.IDEMPOTENCY_TTL_HOURS * 3_600_000 })
    .onConflictDoUpdate({
      target: [idempotencyKeys.scope, idempotencyKeys.key],
      set: { fingerprint, createdAt: t },
      // Take over only an expired record or a first attempt that died mid-way.
      setWhere: or(
        lt(idempotencyKeys.expiresAt, t),
        and(isNull(idempotencyKeys.responseStatus), lt(idempotencyKeys.createdAt, t - ABANDONED_AFTER_MS)),
      ),
    })
    .returning({ key: idempotencyKeys.key });

  const where = and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key));
  if (claimed.length === 0) {
    const [stored] = await db.select().from(idempotencyKeys).where(where);
    if (!stored) throw new AppError("conflict", "The idempotency key changed state; retry the request.");
    if (stored.fingerprint !== fingerprint) throw new AppError("idempotency_key_reused");
    if (stored.responseStatus === null) {
      throw new AppError("idempotency_in_flight", undefined, { headers: { "retry-after": "1" } });
    }
    const headers = new Headers(JSON.parse(stored.responseHeaders ?? "{}"));
    headers.set("idempotent-replayed", "true");
    return c.body(stored.responseBody ?? "", stored.responseStatus as 200, Object.fromEntries(headers));
  }

  try {
    await next();
  } catch (err) {
    await db.delete(idempotencyKeys).where(where);
    throw err;
  }
  // 5xx: let a retry run again. `no-store` answers (a new key's secret, a token, revealed personal
  // data) are never written down in clear, here as anywhere: a retry runs again instead of replaying.
  if (c.res.status >= 500 || /no-store/i.test(c.res.headers.get("cache-control") ?? "")) {
    await db.delete(idempotencyKeys).where(where);
    return;
  }
  const headers: Record<string, string> = {};
  for (const h of REPLAYED_HEADERS) {
    const v = c.res.headers.get(h);
    if (v) headers[h] = v;
  }
  await db
    .update(idempotencyKeys)
    .set({ responseStatus: c.res.status, responseBody: await c.res.clone().text(), responseHeaders: JSON.stringify(headers) })
    .where(where);
};
