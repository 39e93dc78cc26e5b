import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../support/app.ts";
import { filledPath, fuzzWorld, knownGoodBody, type FuzzWorld } from "./fuzz-world.ts";

/**
 * `Idempotency-Key` on every POST of the served contract (the SDK sends one with each write and
 * retries with it): whatever the operation answered the first time, a retry with the same key
 * and body gets that answer again, marked `Idempotent-Replayed`, without running twice; the same
 * key with another body is 422. Answers that carry a one-time secret (`no-store`) are the
 * exception by design: a retry runs again and is never a replay. Operations are called with real
 * ids and known-good bodies (fuzz-world.ts), so most of them succeed the first time. Operations
 * open to anonymous callers are called without a credential, where keys are scoped to the client
 * address: another address with the same key gets a request of its own.
 */

type Op = { id: string; path: string; body?: string; anonymous: boolean };

const t = await testApp();
const doc = (await t.get("/openapi.json")).json;
const posts: Op[] = Object.entries<Record<string, any>>(doc.paths).flatMap(([path, item]) =>
  item.post ? [{ id: item.post.operationId as string, path, body: Object.keys(item.post.requestBody?.content ?? {})[0], anonymous: (item.post.security ?? []).length === 0 }] : [],
);

let w: FuzzWorld;
beforeAll(async () => {
  w = await fuzzWorld(t);
  // Operations open to anonymous callers, called here without a credential: what they need then.
  w.seeds.recordDoorplateAlertReceipt ??= [{ status: "delivered" }];
  w.seeds.checkFraudIndicator = (w.seeds.checkFraudIndicator ?? [{ kind: "phone", value: "13800138000" }]).map((s) => ({ ...s, jurisdiction: w.hints.jurisdiction![0] }));
}, 60_000);
afterAll(() => t.close());

/** Who may call an operation: the first caller it does not refuse as forbidden (an anonymous one, from an address, where the contract allows). */
const callerOrder = ["admin", "dispatcher", "officer", "resident", "volunteer"] as const;
const anonymous = "anonymous" as const;
const address = (who: string) => (who === anonymous ? "203.0.113.7" : "127.0.0.1");

describe("Idempotency-Key on every POST of the contract", () => {
  it("a retry gets the first answer, replayed and not run again; another body under the key is 422", async () => {
    const wrong: string[] = [];
    let replayed = 0;
    const anonymousAnswered: string[] = [];
    let keyNo = 0;
    for (const op of posts) {
      const path = filledPath(w, op);
      if (!path) continue;
      const whos: readonly (typeof anonymous | (typeof callerOrder)[number])[] = op.anonymous ? [anonymous] : callerOrder;
      for (const who of whos) {
        const key = `contract-${++keyNo}`;
        const send = (variant = 0, client = address(who)) => {
          const { body, headers } = knownGoodBody(w, op, variant);
          const auth = who === anonymous ? undefined : w.callers[who];
          return t.request("POST", path, { auth, body, headers: { ...headers, "idempotency-key": key, "x-test-client": client } });
        };
        const first = await send();
        if (who === anonymous) anonymousAnswered.push(`${op.id} ${first.status}`);
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
          if (who === anonymous) {
            // Anonymous keys are scoped to the client address: a stranger's same key is a request of
            // its own, with the same body (not a replay of ours) or another one (not a 422).
            for (const [variant, client] of [[0, "198.51.100.98"], [1, "198.51.100.99"]] as const) {
              const stranger = await send(variant, client);
              if (stranger.status === 422 || stranger.status >= 500 || stranger.headers.get("idempotent-replayed") !== null) {
                wrong.push(`${op.id}: another address (body ${variant}) under the key answered ${stranger.status} ${stranger.headers.get("idempotent-replayed")}`);
              }
            }
          }
        }
        break;
      }
    }
    expect(wrong).toEqual([]);
    // The anonymous operations (fraud checks, doorplate receipts) are walked too, and get through.
    expect(anonymousAnswered.sort()).toEqual(posts.filter((op) => op.anonymous).map((op) => `${op.id} 200`).sort());
    expect(anonymousAnswered.length).toBeGreaterThan(0);
    // Most POSTs are reached: the walk is not passing on refusals alone.
    expect(replayed).toBeGreaterThan(posts.length * 0.6);
  });
});
