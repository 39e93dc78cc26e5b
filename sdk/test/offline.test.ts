import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testApp, type TestApp } from "../../test/support/app.ts";
import { tenant, type Tenant } from "../../test/support/factories.ts";
import { world, type World } from "../../test/requests/factories.ts";
import {
  Fengqiao,
  OfflineQueue,
  indexedDbStorage,
  localStorageStorage,
  memoryStorage,
  responseOf,
  type ClientOptions,
  type QueuedItem,
  type QueueStorage,
  type TransportRequest,
} from "../src/index.js";
import { appTransport, BASE, sdkFor } from "./support.ts";

let t: TestApp;
let county: Tenant;
beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
});
afterAll(() => t.close());

/** A network that can be unplugged, and can lose an answer after the server acted on the request. */
function network(options: Partial<ClientOptions> = {}) {
  const net = { online: true, loseNextAnswer: false, sent: [] as TransportRequest[], drop: (_req: TransportRequest) => false };
  const real = appTransport(t);
  const client = new Fengqiao({
    baseUrl: BASE,
    apiKey: county.adminKey,
    clock: { now: t.clock.now, sleep: async () => {} },
    ...options,
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

/** Enough of IndexedDB for `indexedDbStorage`: one database per name, values stored as structured clones. */
function fakeIndexedDb() {
  const dbs = new Map<string, Map<string, unknown>>();
  const open = (name: string) => {
    const req = {} as { result?: unknown; onupgradeneeded?: () => void; onsuccess?: () => void };
    setTimeout(() => {
      const fresh = !dbs.has(name);
      const data = dbs.get(name) ?? new Map<string, unknown>();
      dbs.set(name, data);
      req.result = {
        createObjectStore: () => {},
        transaction: () => {
          const tx = {} as { oncomplete?: () => void; objectStore(): unknown };
          const op = (f: () => unknown) => {
            const r = {} as { result?: unknown };
            setTimeout(() => ((r.result = f()), tx.oncomplete?.()));
            return r;
          };
          tx.objectStore = () => ({
            get: (k: string) => op(() => structuredClone(data.get(k))),
            put: (v: unknown, k: string) => op(() => void data.set(k, structuredClone(v))),
          });
          return tx;
        },
      };
      if (fresh) req.onupgradeneeded?.();
      req.onsuccess?.();
    });
    return req;
  };
  return { open } as unknown as IDBFactory;
}

describe("OfflineQueue (state changes that need If-Match)", () => {
  let w: World;
  let appKey: string;
  beforeAll(async () => {
    w = await world(t);
    appKey = (await w.county.key("app")).secret;
  });

  /** A request the desk has dispatched to the urban agency, and the ETag its staff read it at. */
  async function dispatched(description = "楼上装修到深夜") {
    await w.refresh(); // earlier tests move the clock by days; tokens live 15 minutes of it
    const as = (token: string) => sdkFor(t, { apiKey: appKey, token, clock: { now: t.clock.now } });
    const created = await as(w.resident.token).requests.create({
      service_code: "noise",
      channel: "app",
      area_id: w.grid.id,
      description,
      attributes: { source: "renovation" },
    });
    const desk = as(w.dispatcher.token);
    await desk.requests.dispatch(created.id, {}, { ifMatch: responseOf(await desk.requests.get(created.id))!.etag });
    const read = await as(w.urbanStaff.token).requests.get(created.id);
    return { id: created.id, etag: responseOf(read)!.etag!, status: async () => (await desk.requests.get(created.id)).status };
  }
  const staffNetwork = () => network({ apiKey: appKey, token: w.urbanStaff.token });
  const acceptsOf = async (id: string) =>
    (await t.deps.client.execute({ sql: "SELECT count(*) AS n FROM request_events WHERE request_id = ? AND type = 'accepted'", args: [id] })).rows[0]!.n;

  it("keeps the ETag the operator acted on with a queued transition and sends it as If-Match", async () => {
    const req = await dispatched();
    const { net, client } = staffNetwork();
    const queue = new OfflineQueue(client, { isOnline: () => net.online });
    net.online = false;
    const item = await queue.send("acceptServiceRequest", { path: { id: req.id }, body: {} }, { ifMatch: req.etag });
    expect(item).toMatchObject({ state: "queued", ifMatch: req.etag });

    net.online = true;
    await queue.flush();
    expect(net.sent).toHaveLength(1);
    expect(net.sent[0]!.headers["if-match"]).toBe(req.etag);
    expect(net.sent[0]!.headers["idempotency-key"]).toBe(item.idempotencyKey);
    const [sent] = await queue.list();
    expect(sent).toMatchObject({ state: "sent", ifMatch: req.etag, result: { id: req.id, status: "accepted" } });
    expect(await req.status()).toBe("accepted");
  });

  it("replays a transition whose answer was lost with the same key and If-Match: answered from the record, not 412", async () => {
    const req = await dispatched("夜间施工噪音");
    const { net, client } = staffNetwork();
    const queue = new OfflineQueue(client, { isOnline: () => net.online });
    net.loseNextAnswer = true;
    const item = await queue.send("acceptServiceRequest", { path: { id: req.id }, body: {} }, { ifMatch: req.etag });
    expect(item.state).toBe("queued");
    expect(await req.status()).toBe("accepted"); // the server did act: the ETag is stale now

    net.online = true;
    await queue.flush();
    expect((await queue.list())[0]).toMatchObject({ state: "sent", attempts: 2, result: { status: "accepted" } });
    expect(net.sent.map((r) => [r.headers["idempotency-key"], r.headers["if-match"]])).toEqual([
      [item.idempotencyKey, req.etag],
      [item.idempotencyKey, req.etag],
    ]);
    expect(Number(await acceptsOf(req.id))).toBe(1);
  });

  it("fails a transition whose ETag is stale (412) or missing (428) for good, with the problem, and keeps later writes moving", async () => {
    const stale = await dispatched("楼道堆放杂物");
    const unconditional = await dispatched("广场舞音响太响");
    const fresh = await dispatched("夜市油烟");
    const { net, client } = staffNetwork();
    const queue = new OfflineQueue(client, { isOnline: () => net.online });
    net.online = false;
    await queue.send("acceptServiceRequest", { path: { id: stale.id }, body: {} }, { ifMatch: stale.etag });
    await queue.send("acceptServiceRequest", { path: { id: unconditional.id }, body: {} });
    await queue.send("acceptServiceRequest", { path: { id: fresh.id }, body: {} }, { ifMatch: fresh.etag });
    // Meanwhile a colleague at another terminal takes the first one: what the operator read is stale.
    const colleague = sdkFor(t, { apiKey: appKey, token: w.urbanStaff.token, clock: { now: t.clock.now } });
    await colleague.requests.accept(stale.id, {}, { ifMatch: stale.etag });

    net.online = true;
    await queue.flush();
    const [changed, missing, ok] = await queue.list();
    expect(changed).toMatchObject({
      state: "failed",
      attempts: 1,
      ifMatch: stale.etag,
      input: { path: { id: stale.id } }, // kept, so the kiosk can show what to read again
      error: { status: 412, code: "precondition_failed", type: "/problems/precondition_failed" },
    });
    expect(changed!.error!.requestId).toMatch(/\S/);
    expect(missing).toMatchObject({ state: "failed", attempts: 1, error: { status: 428, code: "precondition_required", type: "/problems/precondition_required" } });
    expect(missing!.error!.requestId).toMatch(/\S/);
    expect(ok).toMatchObject({ state: "sent", result: { status: "accepted" } });
    expect(net.sent.map((r) => r.url.split("/").at(-2))).toEqual([stale.id, unconditional.id, fresh.id]); // each once: neither refusal retried

    // Not retried later either: nothing is left to send.
    await queue.flush();
    const stop = queue.start(new EventTarget(), 5);
    await new Promise((r) => setTimeout(r, 30));
    stop();
    expect(net.sent).toHaveLength(3);
    expect(Number(await acceptsOf(stale.id))).toBe(1);
    expect(await unconditional.status()).toBe("dispatched");
  });

  it.each([
    ["localStorage", () => localStorageStorage(fakeLocalStorage(), "kiosk-if-match")],
    ["IndexedDB", () => indexedDbStorage("kiosk-if-match", fakeIndexedDb())],
  ])("round-trips ifMatch through %s storage across a reload", async (_, make) => {
    const req = await dispatched("井盖缺失");
    const storage = make();
    const { net, client } = staffNetwork();
    net.online = false;
    const item = await new OfflineQueue(client, { storage, isOnline: () => net.online }).send(
      "acceptServiceRequest",
      { path: { id: req.id }, body: {} },
      { ifMatch: req.etag },
    );
    expect((await storage.load())[0]).toMatchObject({ id: item.id, ifMatch: req.etag, idempotencyKey: item.idempotencyKey });

    net.online = true;
    const after = new OfflineQueue(client, { storage, isOnline: () => net.online });
    expect((await after.list())[0]).toMatchObject({ state: "queued", ifMatch: req.etag });
    await after.flush();
    expect(net.sent.map((r) => [r.headers["if-match"], r.headers["idempotency-key"]])).toEqual([[req.etag, item.idempotencyKey]]);
    expect((await storage.load())[0]).toMatchObject({ state: "sent", ifMatch: req.etag });
    expect(await req.status()).toBe("accepted");
  });

  it("loads and sends a queue saved before ifMatch existed", async () => {
    const ls = fakeLocalStorage();
    // What the previous version stored: no ifMatch field at all (one interrupted mid-send).
    const old = (n: number, state: string) => ({
      id: `legacy-item-${n}`,
      operation: "createAgency",
      input: { body: { name: `legacy-${n}`, kind: "police_station" } },
      idempotencyKey: `legacy-key-${n}`,
      createdAt: t.clock.now(),
      attempts: 0,
      state,
    });
    ls.setItem("fengqiao.queue", JSON.stringify([old(1, "queued"), old(2, "sending")]));
    const { net, client } = network();
    const queue = new OfflineQueue(client, { storage: localStorageStorage(ls), isOnline: () => net.online });
    const loaded = await queue.list();
    expect(loaded.map((i) => [i.state, "ifMatch" in i])).toEqual([
      ["queued", false],
      ["queued", false],
    ]);
    await queue.flush();
    expect((await queue.list()).map((i) => i.state)).toEqual(["sent", "sent"]);
    expect(net.sent.map((r) => [r.headers["idempotency-key"], r.headers["if-match"]])).toEqual([
      ["legacy-key-1", undefined],
      ["legacy-key-2", undefined],
    ]);
    expect(await agenciesNamed("legacy-")).toEqual(["legacy-1", "legacy-2"]);
  });
});
