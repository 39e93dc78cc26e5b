import { uuid, type Fengqiao } from "./client.js";
import { ApiError, type FieldError } from "./errors.js";
import { isRetryable } from "./retry.js";
import type { Input, OperationId, RequestOptions, Result } from "./types.js";

/**
 * queued → sending → sent | failed | expired. `queued` waits for the network; `failed` got an answer
 * that retrying cannot change (validation, permission, a stale or missing `ifMatch` …); `expired`
 * waited longer than the server keeps idempotency keys, so replaying it could no longer be
 * recognised as a repeat.
 */
export type QueueState = "queued" | "sending" | "sent" | "failed" | "expired";

export interface QueuedItem<K extends OperationId = OperationId> {
  id: string;
  operation: K;
  /** Dropped once sent, so personal data does not linger in the kiosk's storage. */
  input?: Input<K>;
  idempotencyKey: string;
  /**
   * The ETag the operator acted on, sent as `If-Match` on every attempt. When the object has changed
   * since (412), the item fails for good: the operator must read it again and decide anew.
   */
  ifMatch?: string;
  createdAt: number;
  attempts: number;
  state: QueueState;
  result?: Result<K>;
  /** Why it failed: the problem's status, type and code, and `errors[]` naming each invalid field. */
  error?: { status?: number; type?: string; code?: string; title: string; detail?: string; errors?: FieldError[]; requestId?: string };
}

/** Where the queue survives reloads and power cuts. The queue is small: it is saved whole. */
export interface QueueStorage {
  load(): Promise<QueuedItem[]>;
  save(items: QueuedItem[]): Promise<void>;
}

export function memoryStorage(): QueueStorage {
  let saved = "[]";
  return { load: async () => JSON.parse(saved), save: async (items) => void (saved = JSON.stringify(items)) };
}

type StorageLike = Pick<Storage, "getItem" | "setItem">;
export function localStorageStorage(storage: StorageLike = globalThis.localStorage, key = "fengqiao.queue"): QueueStorage {
  return {
    load: async () => JSON.parse(storage.getItem(key) ?? "[]"),
    save: async (items) => storage.setItem(key, JSON.stringify(items)),
  };
}

/** For queues that may outgrow localStorage's few megabytes; one record holds the list. */
export function indexedDbStorage(name = "fengqiao", factory: IDBFactory = globalThis.indexedDB): QueueStorage {
  const open = new Promise<IDBDatabase>((resolve, reject) => {
    const req = factory.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore("queue");
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const run = async <T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>) => {
    const db = await open;
    return new Promise<T>((resolve, reject) => {
      const tx = db.transaction("queue", mode);
      const req = op(tx.objectStore("queue"));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
    });
  };
  return {
    load: async () => ((await run("readonly", (s) => s.get("items"))) as QueuedItem[] | undefined) ?? [],
    save: async (items) => void (await run("readwrite", (s) => s.put(items, "items"))),
  };
}

export interface OfflineQueueOptions {
  storage?: QueueStorage;
  /** Default 7 days: the server keeps idempotency keys at least that long. */
  maxAgeMs?: number;
  /** Finished items kept for the page to show (default 50). */
  keepFinished?: number;
  /** Retries of each attempt before it waits for the network again (default 1: the queue is the retry). */
  maxRetries?: number;
  /**
   * What of a result to store and report, by operation: a kiosk keeps a registration's user but
   * not its token. Set it on every construction, so items from before a reload are treated alike.
   */
  keepResult?: (operation: OperationId, result: unknown) => unknown;
  /** Whether to try now; defaults to `navigator.onLine` where there is one. */
  isOnline?: () => boolean;
  /**
   * Told of what goes wrong beside the calls: a subscriber that threw, a storage that could not save
   * (full, unavailable). Neither breaks the queue or its order: an item whose `sending` could not be
   * saved is not sent, stays queued in its place, and waits for the next flush. Defaults to
   * `reportError` where the runtime has one (browsers: the page's error event), else nothing.
   */
  onError?: (error: unknown, item: QueuedItem) => void;
}

/**
 * Writes that must not be lost when a kiosk's network drops. Each write is saved before it is
 * first sent, then sent in order; when there is no answer it stays queued and is replayed later
 * with its original idempotency key, so a write that did reach the server before the network
 * dropped is answered from the server's record and never applied twice.
 *
 *   const queue = new OfflineQueue(client, { storage: localStorageStorage() });
 *   queue.subscribe((item) => render(item));
 *   queue.start(); // replays on the browser's `online` event
 *   const item = await queue.send("exchangeToken", { body });
 */
export class OfflineQueue {
  private items: QueuedItem[] = [];
  private readonly loaded: Promise<void>;
  private readonly listeners = new Set<(item: QueuedItem) => void>();
  private running?: Promise<void>;
  private rerun = false;
  private readonly storage: QueueStorage;

  constructor(
    private readonly client: Fengqiao,
    private readonly opts: OfflineQueueOptions = {},
  ) {
    this.storage = opts.storage ?? memoryStorage();
    this.loaded = this.storage.load().then((items) => {
      // Interrupted mid-send (reload, power cut): send again; the idempotency key makes that safe.
      for (const item of items) if (item.state === "sending") item.state = "queued";
      this.items = items;
    });
  }

  /**
   * Persist the write, then try to send everything queued, in order. Resolves with this item's state after that.
   * A state change that needs `If-Match` (request transitions, dispute grade/escalate/agreement) takes
   * `{ ifMatch }`: the ETag the operator read (`responseOf(result).etag`), kept with the item.
   */
  async send<K extends OperationId>(operation: K, input: Input<K>, o: Pick<RequestOptions, "idempotencyKey" | "ifMatch"> = {}): Promise<QueuedItem<K>> {
    await this.loaded;
    const now = this.client.options.clock?.now() ?? Date.now();
    const newId = this.client.options.idGenerator;
    const item: QueuedItem<K> = {
      id: (newId ?? uuid)(),
      operation,
      input,
      idempotencyKey: o.idempotencyKey ?? (newId ?? uuid)(),
      createdAt: now,
      attempts: 0,
      state: "queued",
    };
    if (o.ifMatch !== undefined) item.ifMatch = o.ifMatch;
    this.items.push(item as unknown as QueuedItem);
    // Unsaved, it is still queued here and goes out this session (and into storage with the next save).
    await this.save(item as unknown as QueuedItem);
    await this.flush();
    return { ...item };
  }

  /** Replay queued items in order. Stops at the first that gets no answer; safe to call at any time. */
  flush(): Promise<void> {
    this.rerun = true;
    return (this.running ??= (async () => {
      try {
        await this.loaded;
        while (this.rerun) {
          this.rerun = false;
          await this.drain();
        }
      } finally {
        this.running = undefined;
      }
    })());
  }

  /**
   * Replays now, whenever the browser says the network is back, and every `intervalMs` while
   * anything waits (the network can be up while the server is not). Returns a function that stops.
   */
  start(target: Pick<EventTarget, "addEventListener" | "removeEventListener"> | undefined = globalThis, intervalMs = 30_000): () => void {
    const onOnline = () => void this.flush();
    target?.addEventListener("online", onOnline);
    const timer = setInterval(() => {
      if (this.items.some((i) => i.state === "queued")) void this.flush();
    }, intervalMs);
    void this.flush();
    return () => {
      clearInterval(timer);
      target?.removeEventListener("online", onOnline);
    };
  }

  /** Every item still held, in the order they were sent: pending ones and recently finished ones. */
  async list(): Promise<QueuedItem[]> {
    await this.loaded;
    return this.items.map((i) => ({ ...i }));
  }

  /** Called with a copy of an item each time its state changes. Returns an unsubscribe function. */
  subscribe(listener: (item: QueuedItem) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async drain(): Promise<void> {
    const maxAge = this.opts.maxAgeMs ?? 7 * 24 * 3_600_000;
    for (;;) {
      const item = this.items.find((i) => i.state === "queued");
      if (!item) return;
      const now = this.client.options.clock?.now() ?? Date.now();
      if (now - item.createdAt > maxAge) {
        await this.finish(item, "expired");
        continue;
      }
      const online = this.opts.isOnline ?? (() => (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine !== false);
      if (!online()) return;
      item.state = "sending";
      item.attempts++;
      if (!(await this.persist(item))) {
        // Not sent: back in its place, ahead of everything after it, for the next flush.
        item.state = "queued";
        item.attempts--;
        return;
      }
      this.notify(item);
      try {
        const result = await this.client.call(item.operation, item.input as never, {
          idempotencyKey: item.idempotencyKey,
          ifMatch: item.ifMatch, // absent from items saved before there was ifMatch: sent without, as then
          maxRetries: this.opts.maxRetries ?? 1,
        });
        item.result = (this.opts.keepResult ? this.opts.keepResult(item.operation, result) : result) as never;
        delete item.input;
        await this.finish(item, "sent");
      } catch (err) {
        // 412/428 are not retryable: the object changed since it was read (or the write needs If-Match).
        if (isRetryable(err)) {
          // No answer (or "try later"): keep the order, wait for the network.
          item.state = "queued";
          await this.save(item);
          return;
        }
        item.error =
          err instanceof ApiError
            ? { status: err.status, type: err.type, code: err.code, title: err.title, detail: err.detail, errors: err.errors, requestId: err.requestId }
            : { title: err instanceof Error ? err.message : String(err) };
        await this.finish(item, "failed");
      }
    }
  }

  private async finish(item: QueuedItem, state: QueueState) {
    item.state = state;
    const done = this.items.filter((i) => i.state !== "queued" && i.state !== "sending");
    const excess = done.length - (this.opts.keepFinished ?? 50);
    if (excess > 0) this.items = this.items.filter((i) => !done.slice(0, excess).includes(i));
    await this.save(item);
  }

  /** Stores the queue, then tells the subscribers. Neither a storage nor a subscriber failure throws into the drain. */
  private async save(changed: QueuedItem) {
    await this.persist(changed);
    this.notify(changed);
  }

  /** True when stored; a failure goes to `onError`. */
  private async persist(changed: QueuedItem): Promise<boolean> {
    try {
      await this.storage.save(this.items);
      return true;
    } catch (err) {
      this.report(err, changed);
      return false;
    }
  }

  private notify(changed: QueuedItem) {
    for (const listener of this.listeners) {
      try {
        listener({ ...changed });
      } catch (err) {
        this.report(err, changed);
      }
    }
  }

  private report(err: unknown, item: QueuedItem) {
    try {
      (this.opts.onError ?? (globalThis as { reportError?: (e: unknown) => void }).reportError)?.(err, { ...item });
    } catch {
      // A failing error hook must not stop the queue either.
    }
  }
}
