import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { call } from "./call.ts";
import worker from "../../worker/index.ts";
import { verifyWebhook } from "../../sdk/src/index.js";
import type { Received } from "./webhook-receiver.ts";

/** The Worker's cron trigger: the outbox is delivered to agencies' endpoints, signed, from workerd. */

describe("the scheduled handler in workerd", () => {
  it("delivers a request's event to a registered endpoint, signed per Standard Webhooks, and records it", async () => {
    const auth = { authorization: `Bearer ${inject("adminKey")}`, "content-type": "application/json" };
    const endpoint = (await (
      await call("/v1/webhooks", { method: "POST", headers: auth, body: JSON.stringify({ url: `${inject("receiverUrl")}/hook`, event_types: ["request.*"] }) })
    ).json()) as { id: string; secret: string };
    const filed = (await (
      await call("/v1/requests", { method: "POST", headers: auth, body: JSON.stringify({ service_code: "noise", description: "夜间施工噪音（cron）", attributes: { source: "construction" } }) })
    ).json()) as { id: string };

    // As the cron trigger calls it; the jobs run in waitUntil, so wait for that too.
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "* * * * *" }) as never, env as never, ctx as never);
    await waitOnExecutionContext(ctx);

    const received = (await (await fetch(`${inject("receiverUrl")}/received`)).json()) as Received[];
    const delivery = received.find((r) => r.body.includes(filed.id));
    expect(delivery, JSON.stringify(received)).toBeDefined();
    const event = (await verifyWebhook(endpoint.secret, delivery!.headers, delivery!.body)) as { type: string; data: { request_id: string } };
    expect(event).toMatchObject({ type: "request.submitted", data: { request_id: filed.id } });
    const deliveries = (await (await call(`/v1/webhooks/${endpoint.id}/deliveries`, { headers: auth })).json()) as { data: { status: string }[] };
    // Other suites' requests may have gone out in the same run: every delivery made is a success.
    expect(deliveries.data.length).toBeGreaterThan(0);
    expect(deliveries.data.every((d) => d.status === "succeeded")).toBe(true);
  });
});
