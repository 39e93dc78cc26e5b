/** `fetch`, or the in-process app's `request` in tests. */
export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export interface JsonCall {
  method?: string;
  /** A key or an end-user token, sent as `Authorization: Bearer`. */
  token: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * The bench's one JSON call with a bearer credential. A POST carries an Idempotency-Key (one of
 * its own unless the caller sends one), so that when a pooled keep-alive socket turns out to have
 * been closed by the server during a long pause (a bulk load, a raw ceiling), the one retry lands
 * exactly once. GETs are retried the same way; other methods are not.
 */
export async function jsonCall(f: Fetch, url: string, o: JsonCall): Promise<{ status: number; body: any }> {
  const method = o.method ?? (o.body === undefined ? "GET" : "POST");
  const init = {
    method,
    headers: {
      authorization: `Bearer ${o.token}`,
      ...(o.body === undefined ? {} : { "content-type": "application/json" }),
      ...(method === "POST" ? { "idempotency-key": crypto.randomUUID() } : {}),
      ...o.headers,
    },
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  };
  const res = await f(url, init).catch((err: unknown) => {
    if (method !== "GET" && method !== "POST") throw err;
    return f(url, init);
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** The same, for set-up steps that must succeed: anything but 2xx throws with the answer. */
export async function jsonOk(f: Fetch, url: string, o: JsonCall): Promise<any> {
  const r = await jsonCall(f, url, o);
  if (r.status >= 300) throw new Error(`${o.method ?? (o.body === undefined ? "GET" : "POST")} ${url}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
