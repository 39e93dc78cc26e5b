import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../support/app.ts";
import { filledPath, fuzzWorld, knownGoodBody, type FuzzWorld } from "./fuzz-world.ts";

/**
 * `Idempotency-Key` on every POST of the served contract (the SDK sends one with each write and
 * retries with it): whatever the operation answered the first time, a retry with the same key
 * and body gets that answer again, marked `Idempotent-Replayed`, without running twice; the same
 * key with another body is 422. Answers that carry a one-time secret (`no-store`) are the
 * exception by design: a retry runs again and is never a replay. Operations are called with real
 * ids and known-good bodies (fuzz-world.ts), so most of them succeed the first time.
 */

type Op = { id: string; path: string; body?: string };

const t = await testApp();
const doc = (await t.get("/openapi.json")).json;
const posts: Op[] = Object.entries<Record<string, any>>(doc.paths).flatMap(([path, item]) =>
  item.post && (item.post.security ?? []).length > 0 ? [{ id: item.post.operationId as string, path, body: Object.keys(item.post.requestBody?.content ?? {})[0] }] : [],
);

let w: FuzzWorld;
beforeAll(async () => {
  w = await fuzzWorld(t);
}, 60_000);
afterAll(() => t.close());

/** Who may call an operation: the first caller it does not refuse as forbidden. */
const callerOrder = ["admin", "dispatcher", "officer", "resident", "volunteer"] as const;

describe("Idempotency-Key on every POST of the contract", () => {
  it("a retry gets the first answer, replayed and not run again; another body under the key is 422", async () => {
    const wrong: string[] = [];
    let replayed = 0;
    let keyNo = 0;
    for (const op of posts) {
      const path = filledPath(w, op);
      if (!path) continue;
      for (const who of callerOrder) {
        const key = `contract-${++keyNo}`;
        const send = (variant = 0) => {
          const { body, headers } = knownGoodBody(w, op, variant);
          return t.request("POST", path, { auth: w.callers[who], body, headers: { ...headers, "idempotency-key": key } });
        };
        const first = await send();
        if (first.status === 401 || first.status === 403) continue;
        const again = await send();
        const secret = /no-store/.test(first.headers.get("cache-control") ?? "");
        if (first.status >= 500) wrong.push(`${op.id} as ${who}: first answer ${first.status}`);
        else if (secret) {
          if (again.headers.get("idempotent-replayed") !== null) wrong.push(`${op.id} as ${who}: a no-store answer was replayed`);
        } else if (again.headers.get("idempotent-replayed") !== "true" || again.status !== first.status || again.text !== first.text) {
          wrong.push(`${op.id} as ${who}: retry ${again.status} ${again.headers.get("idempotent-replayed")} ${again.text.slice(0, 160)} after ${first.status} ${first.text.slice(0, 160)}`);
        } else {
          replayed++;
          if (op.body) {
            const other = await send(1);
            if (other.status !== 422) wrong.push(`${op.id} as ${who}: another body under the key answered ${other.status}`);
          }
        }
        break;
      }
    }
    expect(wrong).toEqual([]);
    // Most POSTs are reached: the walk is not passing on refusals alone.
    expect(replayed).toBeGreaterThan(posts.length * 0.6);
  });
});
