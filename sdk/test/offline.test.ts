import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testApp, type TestApp } from "../../test/support/app.ts";
import { tenant, type Tenant } from "../../test/support/factories.ts";
import {
  Fengqiao,
  OfflineQueue,
  fetchTransport,
  localStorageStorage,
  memoryStorage,
  type QueuedItem,
  type QueueStorage,
  type TransportRequest,
} from "../src/index.js";
import { BASE } from "./support.ts";

let t: TestApp;
let county: Tenant;
beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
});
afterAll(() => t.close());

/** A network that can be unplugged, and can lose an answer after the server acted on the request. */
function network() {
  const net = { online: true, loseNextAnswer: false, sent: [] as TransportRequest[], drop: (_req: TransportRequest) => false };
  const real = fetchTransport((input, init) => Promise.resolve(t.app.request(input, init)));
  const client = new Fengqiao({
    baseUrl: BASE,
    apiKey: county.adminKey,
    clock: { now: t.clock.now, sleep: async () => {} },
    transport: async (req) => {
      if (!net.online || net.drop(req)) throw new TypeError("fetch failed");
      net.sent.push(req);
      const res = await real(req);
      if (net.loseNextAnswer) {
        net.loseNextAnswer = false;
        net.online = false; // the cable came out while the answer was on its way
        throw new TypeError("network changed");
      }
      return res;
    },
  });
  return { net, client };
}

/**
 * The writes here create agencies: rows whose answers the server keeps for idempotent replay (a new
 * key's secret, by contrast, is never stored, so a replayed `createApiKey` would run again).
 */
const agenciesNamed = async (prefix: string) =>
  (await t.deps.client.execute({ sql: "SELECT name FROM agencies WHERE name LIKE ? ORDER BY created_at, id", args: [`${prefix}%`] })).rows.map(
    (r) => r.name as string,
  );

function fakeLocalStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe("OfflineQueue (kiosk writes)", () => {
  it("keeps writes made offline and replays them in order, each with its original idempotency key", async () => {
    const { net, client } = network();
    const queue = new OfflineQueue(client, { storage: memoryStorage(), isOnline: () => net.online });
    net.online = false;
    const items: QueuedItem[] = [];
    for (const n of [1, 2, 3]) items.push(await queue.send("createAgency", { body: { name: `offline-${n}`, kind: "police_station" } }));
    expect(items.map((i) => i.state)).toEqual(["queued", "queued", "queued"]);
    expect(await agenciesNamed("offline-")).toEqual([]);

    net.online = true;
    await queue.flush();
    expect(net.sent.map((r) => JSON.parse(r.body as string).name)).toEqual(["offline-1", "offline-2", "offline-3"]);
    expect(net.sent.map((r) => r.headers["idempotency-key"])).toEqual(items.map((i) => i.idempotencyKey));
    expect(await agenciesNamed("offline-")).toEqual(["offline-1", "offline-2", "offline-3"]);
    const done = await queue.list();
    expect(done.map((i) => i.state)).toEqual(["sent", "sent", "sent"]);
    expect(done[0]!.result).toMatchObject({ name: "offline-1", kind: "police_station" });
    // Sent items keep their result, not what was typed in (personal data stays off the kiosk).
    expect(done.every((i) => i.input === undefined)).toBe(true);

    await queue.flush();
    expect(net.sent).toHaveLength(3);
  });

  it("replays a write whose answer was lost without creating it twice", async () => {
    const { net, client } = network();
    const queue = new OfflineQueue(client, { isOnline: () => net.online });
    net.loseNextAnswer = true;
    const item = await queue.send("createAgency", { body: { name: "lost-answer", kind: "police_station" } });
    expect(item.state).toBe("queued");
    expect(await agenciesNamed("lost-answer")).toEqual(["lost-answer"]); // the server did act

    net.online = true;
    await queue.flush();
    const [sent] = await queue.list();
    expect(sent!.state).toBe("sent");
    expect(net.sent).toHaveLength(2);
    expect(net.sent[0]!.headers["idempotency-key"]).toBe(net.sent[1]!.headers["idempotency-key"]);
    expect(await agenciesNamed("lost-answer")).toEqual(["lost-answer"]);
  });

  it("survives a reload: a new queue over the same storage replays what the old one held, even mid-send", async () => {
    const storage = localStorageStorage(fakeLocalStorage(), "kiosk-1");
    const { net, client } = network();
    net.online = false;
    await new OfflineQueue(client, { storage, isOnline: () => net.online }).send("createAgency", { body: { name: "reload-1", kind: "police_station" } });
    // A power cut while the second write was being sent leaves it marked "sending".
    const saved = await storage.load();
    saved.push({ ...saved[0]!, id: "item-2", idempotencyKey: "reload-key-2", state: "sending", input: { body: { name: "reload-2", kind: "police_station" } } as never });
    await storage.save(saved);

    net.online = true;
    const after = new OfflineQueue(client, { storage, isOnline: () => net.online });
    expect((await after.list()).map((i) => i.state)).toEqual(["queued", "queued"]);
    await after.flush();
    expect((await storage.load()).map((i) => i.state)).toEqual(["sent", "sent"]);
    expect(await agenciesNamed("reload-")).toEqual(["reload-1", "reload-2"]);
    expect(net.sent[1]!.headers["idempotency-key"]).toBe("reload-key-2");
  });

  it("reports each item's fate, fails only what retrying cannot fix, and keeps later writes moving", async () => {
    const { net, client } = network();
    const queue = new OfflineQueue(client, { isOnline: () => net.online });
    const seen: string[] = [];
    let first: string | undefined;
    queue.subscribe((i) => seen.push(`${i.id === (first ??= i.id) ? "bad" : "ok"}:${i.state}`));

    net.online = false;
    await queue.send("createAgency", { body: { name: "", kind: "police_station" } }); // the server will refuse it
    await queue.send("createAgency", { body: { name: "fate-ok", kind: "police_station" } });
    net.online = true;
    await queue.flush();
    const [failed, sent] = await queue.list();
    expect(failed).toMatchObject({ state: "failed", error: { status: 400, code: "validation_failed", type: "/problems/validation_failed" } });
    expect(failed!.error!.requestId).toMatch(/\S/);
    // Which field was refused, so the kiosk can point at it.
    expect(failed!.error!.errors!.length).toBeGreaterThan(0);
    expect(failed!.error!.errors!.every((e) => e.pointer === "/body/name" && /\S/.test(e.detail))).toBe(true);
    expect(failed!.input).toBeDefined(); // kept, so staff can see what was refused
    expect(sent!.state).toBe("sent");
    expect(seen).toEqual(["bad:queued", "ok:queued", "bad:sending", "bad:failed", "ok:sending", "ok:sent"]);
  });

  it("does not let a later write overtake one still waiting for the network", async () => {
    const { net, client } = network();
    const queue = new OfflineQueue(client, { isOnline: () => true });
    const nameOf = (r: TransportRequest) => JSON.parse(r.body as string).name;
    net.drop = (req) => nameOf(req) === "order-1"; // its route is down, say; the browser still says online
    expect((await queue.send("createAgency", { body: { name: "order-1", kind: "police_station" } })).state).toBe("queued");
    expect((await queue.send("createAgency", { body: { name: "order-2", kind: "police_station" } })).state).toBe("queued");
    expect(net.sent).toHaveLength(0);

    net.drop = () => false;
    await queue.flush();
    expect(net.sent.map(nameOf)).toEqual(["order-1", "order-2"]);
    expect(await agenciesNamed("order-")).toEqual(["order-1", "order-2"]);
  });

  it("expires a write older than the server keeps idempotency keys instead of risking a duplicate", async () => {
    const { net, client } = network();
    const queue = new OfflineQueue(client, { isOnline: () => net.online, maxAgeMs: 60_000 });
    net.online = false;
    await queue.send("createAgency", { body: { name: "too-old", kind: "police_station" } });
    t.clock.advance(61_000);
    net.online = true;
    await queue.flush();
    expect((await queue.list())[0]!.state).toBe("expired");
    expect(net.sent).toHaveLength(0);
  });

  it("by default keeps a write for 7 days, as long as the server keeps its idempotency key", async () => {
    const { net, client } = network();
    const queue = new OfflineQueue(client, { isOnline: () => net.online });
    net.online = false;
    await queue.send("createAgency", { body: { name: "week-old", kind: "police_station" } });
    await queue.send("createAgency", { body: { name: "week-old-plus", kind: "police_station" } });
    t.clock.advance(7 * 24 * 3_600_000);
    net.online = true;
    await queue.flush();
    expect((await queue.list()).map((i) => i.state)).toEqual(["sent", "sent"]);

    net.online = false;
    await queue.send("createAgency", { body: { name: "too-old-by-default", kind: "police_station" } });
    t.clock.advance(7 * 24 * 3_600_000 + 1);
    net.online = true;
    await queue.flush();
    expect((await queue.list()).at(-1)!.state).toBe("expired");
    expect(await agenciesNamed("too-old-by-default")).toEqual([]);
  });

  it("holds on to the last keepFinished finished items only, never to a pending one", async () => {
    const { net, client } = network();
    const storage = memoryStorage();
    const queue = new OfflineQueue(client, { isOnline: () => net.online, keepFinished: 2, storage });
    for (const n of [1, 2, 3]) await queue.send("createAgency", { body: { name: `kept-${n}`, kind: "police_station" } });
    net.online = false;
    await queue.send("createAgency", { body: { name: "kept-pending", kind: "police_station" } });
    const held = (await queue.list()).map((i) => [(i.input as { body?: { name: string } } | undefined)?.body?.name ?? (i.result as { name: string }).name, i.state]);
    expect(held).toEqual([
      ["kept-2", "sent"],
      ["kept-3", "sent"],
      ["kept-pending", "queued"],
    ]);
    // What the storage holds is what the queue holds: a reload finds the same.
    expect((await storage.load()).map((i) => i.state)).toEqual(["sent", "sent", "queued"]);
  });

  it("stops listening for the online event once stopped", async () => {
    const { net, client } = network();
    const window = new EventTarget();
    const queue = new OfflineQueue(client, { isOnline: () => net.online });
    const stop = queue.start(window, 3_600_000);
    stop();
    net.online = false;
    await queue.send("createAgency", { body: { name: "after-stop", kind: "police_station" } });
    net.online = true;
    window.dispatchEvent(new Event("online"));
    await new Promise((r) => setTimeout(r, 20));
    expect((await queue.list())[0]!.state).toBe("queued");
    expect(net.sent).toHaveLength(0);
  });

  it("replays on the browser's online event once started", async () => {
    const { net, client } = network();
    const window = new EventTarget();
    const queue = new OfflineQueue(client, { isOnline: () => net.online });
    const stop = queue.start(window);
    net.online = false;
    await queue.send("createAgency", { body: { name: "on-event", kind: "police_station" } });
    net.online = true;
    const sent = new Promise<QueuedItem>((resolve) => queue.subscribe((i) => i.state === "sent" && resolve(i)));
    window.dispatchEvent(new Event("online"));
    expect((await sent).result).toMatchObject({ name: "on-event" });
    stop();
  });

  it("stores only what keepResult keeps of an answer: a registration's user, never its token", async () => {
    const kiosk = await county.key("kiosk");
    const client = new Fengqiao({ baseUrl: BASE, apiKey: kiosk.secret, fetch: (input, init) => Promise.resolve(t.app.request(input, init)) });
    const storage = memoryStorage();
    const queue = new OfflineQueue(client, {
      storage,
      keepResult: (operation, result) => (operation === "exchangeToken" ? { user: (result as { user: unknown }).user } : result),
    });
    const item = await queue.send("exchangeToken", { body: { subject_type: "phone", subject: "13700137000", display_name: "周大爷" } });
    expect(item.state).toBe("sent");
    expect(item.result).toEqual({ user: expect.objectContaining({ role: "resident", display_name: expect.stringMatching(/^周/) }) });
    const saved = JSON.stringify(await storage.load());
    expect(saved).not.toContain("access_token");
    expect(saved).not.toContain("13700137000");
  });

  it("retries on its own while something waits, for a server that was down while the network was up", async () => {
    const { net, client } = network();
    const queue = new OfflineQueue(client, { isOnline: () => true });
    net.drop = () => true; // the server is unreachable, though the browser says online
    await queue.send("createAgency", { body: { name: "interval-1", kind: "police_station" } });
    const stop = queue.start(new EventTarget(), 10);
    // The send, the start, then the interval: each an attempt, none an event.
    await expect.poll(async () => (await queue.list())[0]!.attempts).toBeGreaterThanOrEqual(3);
    net.drop = () => false;
    await expect.poll(async () => (await queue.list())[0]!.state).toBe("sent");
    stop();
    expect(await agenciesNamed("interval-")).toEqual(["interval-1"]);
  });

  it("keeps going, in order, when a subscriber throws: the error goes to onError, never into the queue", async () => {
    const { net, client } = network();
    const errors: [unknown, QueuedItem][] = [];
    const queue = new OfflineQueue(client, { isOnline: () => net.online, onError: (e, i) => void errors.push([e, i]) });
    net.online = false;
    await queue.send("createAgency", { body: { name: "listener-1", kind: "police_station" } });
    await queue.send("createAgency", { body: { name: "listener-2", kind: "police_station" } });
    let thrown = false;
    const boom = new Error("render failed");
    queue.subscribe((i) => {
      if (i.state === "sending" && !thrown) throw ((thrown = true), boom);
    });
    const seen: string[] = [];
    queue.subscribe((i) => seen.push(`${(i.input as { body: { name: string } } | undefined)?.body.name ?? "-"}:${i.state}`));

    net.online = true;
    await queue.flush(); // resolves: the subscriber's error is not the flush's
    expect(net.sent.map((r) => JSON.parse(r.body as string).name)).toEqual(["listener-1", "listener-2"]);
    expect((await queue.list()).map((i) => i.state)).toEqual(["sent", "sent"]);
    expect(await agenciesNamed("listener-")).toEqual(["listener-1", "listener-2"]);
    expect(errors).toEqual([[boom, expect.objectContaining({ state: "sending" })]]);
    // The other subscriber still heard everything.
    expect(seen).toEqual(["listener-1:sending", "-:sent", "listener-2:sending", "-:sent"]);
  });

  it("does not send an item whose sending could not be saved: it stays queued, first, and goes out next time", async () => {
    const { net, client } = network();
    const inner = memoryStorage();
    let failures = 0;
    const storage: QueueStorage = {
      load: () => inner.load(),
      save: async (items) => {
        if (failures > 0 && failures--) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        await inner.save(items);
      },
    };
    const errors: unknown[] = [];
    const queue = new OfflineQueue(client, { storage, isOnline: () => net.online, onError: (e) => void errors.push(e) });
    net.online = false;
    await queue.send("createAgency", { body: { name: "storage-1", kind: "police_station" } });
    await queue.send("createAgency", { body: { name: "storage-2", kind: "police_station" } });

    net.online = true;
    failures = 1; // the first item's "sending" save fails (storage full, say)
    await queue.flush();
    expect(net.sent).toHaveLength(0); // the later item did not overtake it
    expect((await queue.list()).map((i) => [i.state, i.attempts])).toEqual([
      ["queued", 0],
      ["queued", 0],
    ]);
    expect(errors).toEqual([expect.objectContaining({ name: "QuotaExceededError" })]);

    await queue.flush();
    expect(net.sent.map((r) => JSON.parse(r.body as string).name)).toEqual(["storage-1", "storage-2"]);
    expect((await inner.load()).map((i) => i.state)).toEqual(["sent", "sent"]);

    // A write whose first save failed is still taken: queued here, sent, and stored with the next save.
    failures = 1;
    const item = await queue.send("createAgency", { body: { name: "storage-3", kind: "police_station" } });
    expect(item.state).toBe("sent");
    expect((await inner.load()).map((i) => i.state)).toEqual(["sent", "sent", "sent"]);
    expect(await agenciesNamed("storage-")).toEqual(["storage-1", "storage-2", "storage-3"]);
    expect(errors).toHaveLength(2);
  });

  it("reports to the runtime's reportError when no onError is given, and survives a throwing onError", async () => {
    const { client } = network();
    const reported: unknown[] = [];
    vi.stubGlobal("reportError", (e: unknown) => void reported.push(e));
    try {
      const quiet = new OfflineQueue(client, { isOnline: () => true });
      quiet.subscribe(() => {
        throw new Error("subscriber");
      });
      expect((await quiet.send("createAgency", { body: { name: "report-1", kind: "police_station" } })).state).toBe("sent");
      expect(reported.map((e) => (e as Error).message)).toEqual(["subscriber", "subscriber", "subscriber"]); // queued, sending, sent
    } finally {
      vi.unstubAllGlobals();
    }
    const loud = new OfflineQueue(client, {
      isOnline: () => true,
      onError: () => {
        throw new Error("hook");
      },
    });
    loud.subscribe(() => {
      throw new Error("subscriber");
    });
    expect((await loud.send("createAgency", { body: { name: "report-2", kind: "police_station" } })).state).toBe("sent");
  });
});
