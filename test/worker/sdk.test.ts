import { exports } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { describe, expect, inject, it } from "vitest";
import { Fengqiao, NotFoundError, verifyWebhook } from "../../sdk/src/index.ts";

/**
 * The SDK inside workerd (a Worker calling fengqiao, e.g. an agency's own integration): its
 * transport, pagination, typed errors and WebCrypto webhook verification on the Workers runtime.
 */
const sdk = (apiKey: string) =>
  new Fengqiao({ baseUrl: "https://fq.test", apiKey, fetch: (input, init) => exports.default.fetch(new Request(input, init)) });

describe("the SDK on the Workers runtime", () => {
  it("creates, lists and reads through the Worker, with typed errors", async () => {
    const admin = sdk(inject("adminKey"));
    const agency = await admin.agencies.create({ name: "甘井镇派出所", kind: "police_station" });
    const seen: string[] = [];
    for await (const a of admin.agencies.list({ limit: 1 })) seen.push(a.id);
    expect(seen).toContain(agency.id);
    await expect(admin.agencies.get("agy_00000000000000000000000000")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("verifies a Standard Webhooks signature with WebCrypto", async () => {
    const secret = "whsec_" + btoa("a-32-byte-secret-for-workerd-tst");
    const body = JSON.stringify({ type: "request.dispatched", data: { id: "req_x" } });
    const now = new Date();
    const headers = {
      "webhook-id": "msg_1",
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign("msg_1", now, body),
    };
    const event = await verifyWebhook(secret, headers, body);
    expect(event).toMatchObject({ type: "request.dispatched" });
    await expect(verifyWebhook(secret, headers, body.replace("req_x", "req_y"))).rejects.toThrow();
  });
});
