import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../support/app.ts";
import { filledPath, fuzzWorld, knownGoodBody, type FuzzWorld } from "./fuzz-world.ts";

/**
 * `Idempotency-Key` on every POST and every PATCH of the served contract (the SDK sends one with
 * each such write and retries with it; a PATCH is no more idempotent than a POST): whatever the operation answered the first time, a retry with the same key
 * and body gets that answer again, marked `Idempotent-Replayed`, without running twice; the same
 * key with another body is 422. Answers that carry a one-time secret (`no-store`) are the
 * exception by design: a retry runs again and is never a replay. Operations are called with real
 * ids and known-good bodies (fuzz-world.ts), so most of them succeed the first time. Operations
 * open to anonymous callers are called without a credential, where keys are scoped to the client
 * address: another address with the same key gets a request of its own.
 */

type Op = { id: string; method: "POST" | "PATCH"; path: string; body?: string; anonymous: boolean };

const t = await testApp();
const doc = (await t.get("/openapi.json")).json;
const keyed = (method: "POST" | "PATCH"): Op[] =>
  Object.entries<Record<string, any>>(doc.paths).flatMap(([path, item]) => {
    const op = item[method.toLowerCase()];
    return op ? [{ id: op.operationId as string, method, path, body: Object.keys(op.requestBody?.content ?? {})[0], anonymous: (op.security ?? []).length === 0 }] : [];
  });
const posts = keyed("POST");
const patches = keyed("PATCH");

let w: FuzzWorld;
beforeAll(async () => {
  w = await fuzzWorld(t);
  // Operations open to anonymous callers, called here without a credential: what they need then.
  w.seeds.recordDoorplateAlertReceipt ??= [{ status: "delivered" }];
  w.seeds.checkFraudIndicator = (w.seeds.checkFraudIndicator ?? [{ kind: "phone", value: "13800138000" }]).map((s) => ({ ...s, jurisdiction: w.hints.jurisdiction![0] }));
  // PATCHes the world has no seed for, so that their first call edits (an empty body is 400), and a
  // draft for editAlert (the world's first alert has been sent, and only a draft is edited).
  w.seeds.updateAgency ??= [{ phone: "0857-7221119" }];
  w.seeds.updateArea ??= [{ name: "改过名的区域" }];
  w.seeds.updateUser ??= [{ display_name: "改过名" }];
  w.pathIds["editAlert/{id}"] ??= [w.pathIds["alerts/{id}"]![1]!];
}, 60_000);
afterAll(() => t.close());

/** Who may call an operation: the first caller it does not refuse as forbidden (an anonymous one, from an address, where the contract allows). */
const callerOrder = ["admin", "dispatcher", "officer", "resident", "volunteer"] as const;
const anonymous = "anonymous" as const;
const address = (who: string) => (who === anonymous ? "203.0.113.7" : "127.0.0.1");

describe("Idempotency-Key on every POST and PATCH of the contract", () => {
  it("documents the key's 409 and 422 on every POST and PATCH, and on no PUT", () => {
    const titles = { 409: "A request with this idempotency key is still being processed", 422: "This idempotency key was used with a different request" };
    const missing: string[] = [];
    for (const op of [...posts, ...patches]) {
      const responses = doc.paths[op.path][op.method.toLowerCase()].responses;
      for (const [status, title] of Object.entries(titles)) if (!responses[status]?.description.includes(title)) missing.push(`${op.id} ${status}`);
    }
    expect(missing).toEqual([]);
    const puts = Object.values<Record<string, any>>(doc.paths).flatMap((item) => (item.put ? [item.put] : []));
    expect(puts.length).toBeGreaterThan(0);
    for (const put of puts) expect(JSON.stringify(put.responses), put.operationId).not.toContain("idempotency key");
  });

  it("a retry gets the first answer, replayed and not run again; another body under the key is 422", async () => {
    const wrong: string[] = [];
    const replayed = { POST: 0, PATCH: 0 };
    const anonymousAnswered: string[] = [];
    let keyNo = 0;
    let editsRun = 0;
    for (const op of [...posts, ...patches]) {
      const path = filledPath(w, op);
      if (!path) continue;
      const whos: readonly (typeof anonymous | (typeof callerOrder)[number])[] = op.anonymous ? [anonymous] : callerOrder;
      for (const who of whos) {
        const key = `contract-${++keyNo}`;
        const send = (variant = 0, client = address(who)) => {
          const { body, headers } = knownGoodBody(w, op, variant);
          const auth = who === anonymous ? undefined : w.callers[who];
          return t.request(op.method, path, { auth, body, headers: { ...headers, "idempotency-key": key, "x-test-client": client } });
        };
        const first = await send();
        if (who === anonymous) anonymousAnswered.push(`${op.id} ${first.status}`);
        if (op.method === "PATCH" && first.status === 200) editsRun++;
        if (first.status === 401 || first.status === 403) continue;
        const again = await send();
        const secret = /no-store/.test(first.headers.get("cache-control") ?? "");
        if (first.status >= 500) wrong.push(`${op.id} as ${who}: first answer ${first.status}`);
        else if (secret) {
          if (again.headers.get("idempotent-replayed") !== null) wrong.push(`${op.id} as ${who}: a no-store answer was replayed`);
        } else if (again.headers.get("idempotent-replayed") !== "true" || again.status !== first.status || again.text !== first.text) {
          wrong.push(`${op.id} as ${who}: retry ${again.status} ${again.headers.get("idempotent-replayed")} ${again.text.slice(0, 160)} after ${first.status} ${first.text.slice(0, 160)}`);
        } else {
          replayed[op.method]++;
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
    expect(anonymousAnswered.sort()).toEqual([...posts, ...patches].filter((op) => op.anonymous).map((op) => `${op.id} 200`).sort());
    expect(anonymousAnswered.length).toBeGreaterThan(0);
    // Most POSTs and PATCHes are reached: the walk is not passing on refusals alone.
    expect(replayed.POST).toBeGreaterThan(posts.length * 0.6);
    expect(patches.length).toBeGreaterThan(0);
    expect(replayed.PATCH).toBeGreaterThan(patches.length * 0.6);
    // And most PATCHes edited the first time, so what is replayed is mostly a change that was made.
    expect(editsRun).toBeGreaterThan(patches.length * 0.6);
  });
});
