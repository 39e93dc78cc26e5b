import { and, eq, sql } from "drizzle-orm";
import { prepared } from "../db/prepared.ts";
import { firstRow, statementTemplate } from "../db/statements.ts";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../deps.ts";
import { idempotencyKeys } from "../db/schema/index.ts";
import { fingerprintBody } from "../lib/body-fingerprint.ts";
import { sha256Hex } from "../lib/crypto.ts";
import { claimsInBatch, claimWithAnswer, isClaimClash, isStale, staleAt, type IdempotencyClaim, type StoredAnswer } from "../lib/idempotency-claim.ts";
import { callerIdentity } from "../lib/authz.ts";
import { AppError, renderProblem } from "../lib/problem.ts";

const HEADER = "idempotency-key";
const REPLAYED_HEADERS = ["content-type", "location", "etag"];

type Stored = typeof idempotencyKeys.$inferSelect;

/** Looked up on every keyed POST and PATCH: built once per database (db/prepared.ts). */
const storedQuery = prepared((db) =>
  db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, sql.placeholder("scope")), eq(idempotencyKeys.key, sql.placeholder("key"))))
    .prepare(),
);

/*
 * Every keyed POST or PATCH runs two of these: rendered to SQL once (db/statements.ts), since building them
 * through drizzle's query builder cost more than the rest of a small POST.
 *
 * The claim takes over a stale record as a new one — fresh term, no answer — so the key holds
 * the new attempt's answer for a full term, and a retry meanwhile is told the attempt is in flight.
 */
const ph = sql.placeholder;
const claimKey = statementTemplate(sql`
  INSERT INTO idempotency_keys (scope, key, fingerprint, created_at, expires_at)
  VALUES (${ph("scope")}, ${ph("key")}, ${ph("fingerprint")}, ${ph("at")}, ${ph("expires")})
  ON CONFLICT (scope, key) DO UPDATE SET
    fingerprint = excluded.fingerprint, response_status = NULL, response_body = NULL, response_headers = NULL,
    created_at = excluded.created_at, expires_at = excluded.expires_at
  WHERE ${staleAt(sql`${ph("at")}`)}
  RETURNING key`);
const storeAnswer = statementTemplate(sql`
  UPDATE idempotency_keys SET response_status = ${ph("status")}, response_body = ${ph("body")}, response_headers = ${ph("headers")}
  WHERE scope = ${ph("scope")} AND key = ${ph("key")}`);
const releaseKey = statementTemplate(sql`DELETE FROM idempotency_keys WHERE scope = ${ph("scope")} AND key = ${ph("key")}`);

/** What a retry gets: the stored answer, or why there is none to give. */
function answerStored(c: Context<AppEnv>, stored: Stored | undefined, fingerprint: string): Response {
  if (!stored) throw new AppError("conflict", "The idempotency key changed state; retry the request.");
  if (stored.fingerprint !== fingerprint) throw new AppError("idempotency_key_reused");
  if (stored.responseStatus === null) throw new AppError("idempotency_in_flight", undefined, { headers: { "retry-after": "1" } });
  const headers = new Headers(JSON.parse(stored.responseHeaders ?? "{}"));
  headers.set("idempotent-replayed", "true");
  return c.body(stored.responseBody ?? "", stored.responseStatus as 200, Object.fromEntries(headers));
}

/** 5xx: a retry should run again. `no-store` answers (secrets, tokens, revealed data) are never written down. */
const keepable = (res: Response) => res.status < 500 && !/no-store/i.test(res.headers.get("cache-control") ?? "");

async function response(res: Response): Promise<StoredAnswer> {
  const headers: Record<string, string> = {};
  for (const h of REPLAYED_HEADERS) {
    const v = res.headers.get(h);
    if (v) headers[h] = v;
  }
  return { responseStatus: res.status, responseBody: await res.clone().text(), responseHeaders: JSON.stringify(headers) };
}

/**
 * The methods a key applies to: the ones draft-ietf-httpapi-idempotency-key-header names as not
 * idempotent. PUT and DELETE are idempotent by definition (a repeat leaves what the first left), and
 * a key on them, or on a read, is ignored.
 */
const keyed = (method: string) => method === "POST" || method === "PATCH";

/**
 * `Idempotency-Key` on POST and PATCH, after draft-ietf-httpapi-idempotency-key-header: the first request
 * runs and its answer is stored; a retry with the same key and body gets that answer again
 * (`Idempotent-Replayed: true`); the same key with another body is 422; a retry while the first
 * is still running is 409. Keys are scoped to the caller (end user, else key — by its rotation
 * lineage, so a rotated key keeps its records — else client address) and kept IDEMPOTENCY_TTL_HOURS (≥ 7 days).
 * 5xx answers are not stored, so a retry after a server fault runs again; nor are `Cache-Control:
 * no-store` answers, which carry one-time secrets or revealed personal data.
 *
 * A PATCH is keyed exactly as a POST is, so a retried edit whose answer was lost gets that answer
 * (with its ETag) instead of a 412 against the version it made itself. The method is in the
 * fingerprint: a POST and a PATCH under one key are two requests, and the second is 422. A POST
 * overridden to PATCH (middleware/method-override.ts) reaches this step as the PATCH it is.
 *
 * Most routes are claimed here, before they run. Routes listed in lib/idempotency-claim.ts write
 * the claim inside their own batch instead, where the key is checked in the same transaction (see
 * there); this middleware then reads the record only when that route did not succeed.
 */
export const idempotency = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const key = c.req.header(HEADER);
  if (key === undefined || !keyed(c.req.method)) return next();
  if (key.length < 1 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new AppError("validation_failed", "Idempotency-Key must be 1-255 visible ASCII characters.", {
      extensions: { errors: [{ pointer: "/header/idempotency-key", detail: "1-255 visible ASCII characters" }] },
    });
  }
  const { db, client, now, config, clientAddress } = c.get("deps");
  const principal = c.get("principal");
  // Anonymous callers (fraud checks, doorplate receipts) are told apart by address, as the rate
  // limiter does: one shared scope would let strangers reusing a key get each other's answers.
  // The path (so a doorplate code) and body are in the fingerprint already, so they need not be in the scope.
  // A key caller is scoped by the key's lineage, not its id: a kiosk replaying its offline queue
  // after the key was rotated (even past the grace period) gets the stored answers, not a second run.
  const scope = principal ? callerIdentity(principal) : `ip:${clientAddress(c)}`;
  const fingerprint = await sha256Hex(`${c.req.method} ${c.req.path}\n${await sha256Hex(await fingerprintBody(c.req))}`);
  const t = now();
  const row = { scope, key, fingerprint, createdAt: t, expiresAt: t + config.IDEMPOTENCY_TTL_HOURS * 3_600_000 };

  if (claimsInBatch(c.req.method, c.req.path)) {
    const claim: IdempotencyClaim = { row, used: false };
    c.set("idempotencyClaim", claim);
    await next();
    // The service committed the claim together with its answer: the retry has what it needs.
    if (claim.used && !c.error) return;
    // The key was held (a retry, or a concurrent first attempt that committed first), or the
    // service refused: a live record under the key answers, so a retry gets the first answer
    // even when the service would now answer otherwise.
    const [stored] = await storedQuery(db).all({ scope, key });
    const live = stored && !isStale(stored, t) ? stored : undefined;
    if (live || (c.error && isClaimClash(c.error))) {
      try {
        c.res = answerStored(c, live, fingerprint);
      } catch (err) {
        c.res = renderProblem(c, err as AppError);
      }
      return;
    }
    if (!keepable(c.res)) return;
    // A refusal (a 4xx) is kept too, unless another attempt got in first.
    await client.execute(claimWithAnswer(row, await response(c.res)));
    return;
  }

  const claimed = await firstRow(client, claimKey({ scope, key, fingerprint, at: t, expires: row.expiresAt }));
  if (!claimed) {
    const [stored] = await storedQuery(db).all({ scope, key });
    return answerStored(c, stored, fingerprint);
  }
  await next();
  if (!keepable(c.res)) {
    await client.execute(releaseKey({ scope, key }));
    return;
  }
  const answer = await response(c.res);
  await client.execute(storeAnswer({ scope, key, status: answer.responseStatus, body: answer.responseBody, headers: answer.responseHeaders }));
};
