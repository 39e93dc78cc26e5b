import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runScheduledJobs } from "../../worker/jobs/run.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { areaTree, postTask } from "./factories.ts";

/**
 * A missing-person search is broadcast to the area's volunteers at once (seed 003: 千鼓山 patrol
 * teams turned out within the hour). What reaches the county's volunteer-notification system is a
 * signed task.urgent delivery naming the area, and nothing for ordinary tasks it did not ask for.
 */
let t: TestApp;
let county: Tenant;
let tree: Awaited<ReturnType<typeof areaTree>>;
const captured: { url: string; headers: Record<string, string>; body: string }[] = [];

beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
  tree = await areaTree(t, county);
  t.deps.fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    captured.push({ url: String(url), headers: Object.fromEntries(new Headers(init?.headers).entries()), body: String(init?.body) });
    return new Response(null, { status: 204 });
  }) as typeof fetch;
});
afterAll(() => t.close());

describe("urgent tasks reach subscribers", () => {
  it("a missing-person search is delivered as task.urgent, signed, with its area; a patrol is not", async () => {
    const hook = await t.post("/v1/webhooks", { url: "https://notify.example.gov.cn/volunteers", event_types: ["task.urgent"] }, { auth: county.adminKey });
    expect(hook.status, hook.text).toBe(201);
    const officer = await county.user("officer", { areaIds: [tree.community.id] });
    const search = await postTask(t, officer.token, tree.grid, { kind: "missing_person_search", title: "寻找走失老人", capacity: 100 });
    await postTask(t, officer.token, tree.grid, { kind: "patrol" });
    await runScheduledJobs(t.deps);

    expect(captured.map((c) => c.url)).toEqual(["https://notify.example.gov.cn/volunteers"]);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(t.clock.now());
    try {
      const event = new Webhook(hook.json.secret).verify(captured[0]!.body, captured[0]!.headers) as { type: string; data: Record<string, unknown> };
      expect(event.type).toBe("task.urgent");
      expect(event.data).toMatchObject({ task_id: search.id, kind: "missing_person_search", area_id: tree.grid.id, area_path: tree.grid.path, urgent: true });
    } finally {
      vi.useRealTimers();
    }
    const deliveries = await t.get(`/v1/webhooks/${hook.json.id}/deliveries`, { auth: county.adminKey });
    expect(deliveries.json.data.map((d: { event_type: string; status: string }) => [d.event_type, d.status])).toEqual([["task.urgent", "succeeded"]]);
  });
});
