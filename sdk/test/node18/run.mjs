// Plain ESM with no build step: this file runs as is on a real Node 18 (sdk/test/node18.test.ts).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

const { Fengqiao, NotFoundError, WebhookVerificationError, responseOf, uuid, verifyWebhook } = await import(process.env.FQ_SDK);
const fq = new Fengqiao({ baseUrl: process.env.FQ_BASE_URL, apiKey: process.env.FQ_API_KEY });
const passed = [];

// The same key twice is one write: the second answer is the server's record of the first.
const body = { level: "county", name: "十八县" };
const county = await fq.areas.create(body, { idempotencyKey: "node18-county" });
const again = await fq.areas.create(body, { idempotencyKey: "node18-county" });
assert.equal(responseOf(county).replayed, false);
assert.equal(again.id, county.id);
assert.equal(responseOf(again).replayed, true);
assert.equal((await fq.areas.get(county.id)).name, "十八县");
passed.push("idempotent write");

// Node 18 has no global `crypto`, so keys come from the fallback generator; they must still be v4 UUIDs.
assert.match(uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
const towns = [];
for (let i = 1; i <= 5; i++) towns.push((await fq.areas.create({ parent_id: county.id, level: "town", name: `${i}镇` })).id);
const listed = [];
for await (const area of fq.areas.list({ parent_id: county.id, limit: 2 })) listed.push(area.id);
assert.deepEqual([...listed].sort(), [...towns].sort());
passed.push("pagination");

const missing = await fq.areas.get("area_does_not_exist").catch((e) => e);
assert.ok(missing instanceof NotFoundError, String(missing));
assert.equal(missing.status, 404);
assert.match(missing.requestId, /\S/);
assert.equal(missing.requestId, missing.headers.get("x-request-id"));
passed.push("typed error");

// Exactly what sdk/README.md tells Node 18 users to pass.
const { subtle } = (await import("node:crypto")).webcrypto;
const secret = `whsec_${randomBytes(24).toString("base64")}`;
const payload = JSON.stringify({ type: "request.resolved", data: { id: "req_18", note: "已处理" } });
const at = new Date();
const headers = {
  "webhook-id": "msg_node18",
  "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
  "webhook-signature": new Webhook(secret).sign("msg_node18", at, payload),
};
assert.deepEqual(await verifyWebhook(secret, headers, payload, { subtle }), JSON.parse(payload));
const tampered = await verifyWebhook(secret, headers, payload.replace("已处理", "未处理"), { subtle }).catch((e) => e);
assert.ok(tampered instanceof WebhookVerificationError, String(tampered));
passed.push("webhook");

console.log(JSON.stringify({ node: process.version, passed }));
