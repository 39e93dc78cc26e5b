import { createHmac, randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { verifyWebhook, WebhookVerificationError } from "../src/index.js";

const secret = `whsec_${randomBytes(24).toString("base64")}`;
const sentAt = new Date("2026-03-02T01:00:00Z");
const now = sentAt.getTime();
const body = JSON.stringify({ type: "request.resolved", data: { id: "req_01", status: "resolved", note: "已处理 ✓" } });

/** Headers as a sender following the spec (here, the reference `standardwebhooks` library) makes them. */
function signed(payload = body, opts: { secret?: string; id?: string; at?: Date } = {}) {
  const id = opts.id ?? "msg_2m4bVZ6b";
  const at = opts.at ?? sentAt;
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(opts.secret ?? secret).sign(id, at, payload),
  };
}

const rejects = (p: Promise<unknown>) => expect(p).rejects.toBeInstanceOf(WebhookVerificationError);

describe("verifyWebhook (Standard Webhooks)", () => {
  it("accepts what the reference library signs and returns the parsed payload", async () => {
    expect(await verifyWebhook(secret, signed(), body, { now })).toEqual(JSON.parse(body));
    // A fetch Headers object, Node's header record and raw bytes all work.
    expect(await verifyWebhook(secret, new Headers(signed()), new TextEncoder().encode(body), { now })).toEqual(JSON.parse(body));
    const nodeStyle = Object.fromEntries(Object.entries(signed()).map(([k, v]) => [k.toUpperCase(), [v]]));
    expect(await verifyWebhook(secret, nodeStyle, body, { now })).toEqual(JSON.parse(body));
  });

  it("rejects a changed body, id or timestamp, and a wrong secret", async () => {
    await rejects(verifyWebhook(secret, signed(), body.replace("resolved", "closed"), { now }));
    await rejects(verifyWebhook(secret, { ...signed(), "webhook-id": "msg_other" }, body, { now }));
    await rejects(verifyWebhook(secret, { ...signed(), "webhook-timestamp": String(now / 1000 + 1) }, body, { now }));
    await rejects(verifyWebhook(`whsec_${randomBytes(24).toString("base64")}`, signed(), body, { now }));
    await rejects(verifyWebhook(secret, { "webhook-id": "x", "webhook-timestamp": "1" }, body, { now }));
  });

  it("accepts any one matching v1 signature among several (secret rotation) and skips other versions", async () => {
    const old = `whsec_${randomBytes(24).toString("base64")}`;
    const both = `${signed(body, { secret: old })["webhook-signature"]} v1a,bm90LWEtc2ln ${signed()["webhook-signature"]}`;
    expect(await verifyWebhook(secret, { ...signed(), "webhook-signature": both }, body, { now })).toBeTruthy();
    const noneValid = `${signed(body, { secret: old })["webhook-signature"]} v1,!!notbase64!! v2,${signed()["webhook-signature"].slice(3)}`;
    await rejects(verifyWebhook(secret, { ...signed(), "webhook-signature": noneValid }, body, { now }));
  });

  it("enforces the timestamp tolerance both ways", async () => {
    const at = (offsetS: number) => signed(body, { at: new Date(now + offsetS * 1000) });
    expect(await verifyWebhook(secret, at(-299), body, { now })).toBeTruthy();
    expect(await verifyWebhook(secret, at(299), body, { now })).toBeTruthy();
    await rejects(verifyWebhook(secret, at(-301), body, { now }));
    await rejects(verifyWebhook(secret, at(301), body, { now }));
    expect(await verifyWebhook(secret, at(-3000), body, { now, toleranceSeconds: 3600 })).toBeTruthy();
    await rejects(verifyWebhook(secret, { ...at(0), "webhook-timestamp": "1e9" }, body, { now }));
    // The edges themselves are inside.
    expect(await verifyWebhook(secret, at(300), body, { now })).toBeTruthy();
    expect(await verifyWebhook(secret, at(-300), body, { now })).toBeTruthy();
  });

  it("refuses a delivery missing any one of the three headers", async () => {
    for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
      const headers: Record<string, string> = { ...signed() };
      delete headers[name];
      await rejects(verifyWebhook(secret, headers, body, { now }));
      await rejects(verifyWebhook(secret, { ...signed(), [name]: "" }, body, { now }));
    }
  });

  it("reads the timestamp only as plain decimal seconds, even when it is what was signed", async () => {
    const key = Buffer.from(secret.slice("whsec_".length), "base64");
    const signedAs = (ts: string) => ({
      "webhook-id": "msg_1",
      "webhook-timestamp": ts,
      "webhook-signature": `v1,${createHmac("sha256", key).update(`msg_1.${ts}.${body}`).digest("base64")}`,
    });
    const seconds = Math.floor(now / 1000);
    expect(await verifyWebhook(secret, signedAs(String(seconds)), body, { now })).toBeTruthy();
    for (const ts of [`0x${seconds.toString(16)}`, ` ${seconds}`, `${seconds}.0`, `+${seconds}`]) {
      await rejects(verifyWebhook(secret, signedAs(ts), body, { now }));
    }
  });

  it("takes the secret with or without its whsec_ prefix, and an empty body as no payload", async () => {
    expect(await verifyWebhook(secret.slice("whsec_".length), signed(), body, { now })).toEqual(JSON.parse(body));
    expect(await verifyWebhook(secret, signed(""), "", { now })).toBeUndefined();
  });

  it("compares the whole signature: a prefix or an extension of the right one fails", async () => {
    const sig = signed()["webhook-signature"].slice(3);
    const bytes = Buffer.from(sig, "base64");
    for (const wrong of [bytes.subarray(0, 16), Buffer.concat([bytes, Buffer.from([0])])]) {
      await rejects(verifyWebhook(secret, { ...signed(), "webhook-signature": `v1,${wrong.toString("base64")}` }, body, { now }));
    }
  });
});
