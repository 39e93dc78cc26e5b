/**
 * How the client puts one HTTP exchange on the wire. The client owns everything else (auth,
 * retries, errors, timeouts), so a transport is a few lines: fetch, `wx.request`, a test double.
 * A transport throws only when there was no answer at all; any status is an answer.
 */
export type Transport = (req: TransportRequest) => Promise<TransportResponse>;

export interface TransportRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Blob | FormData | ArrayBuffer | Uint8Array;
  /** `blob` for images and other bytes; everything else is read as text and parsed by the client. */
  responseType: "text" | "blob";
  /** Absent where the runtime has no AbortController (older mini-program base libraries). */
  signal?: AbortSignal;
}

export interface TransportResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: string | Blob | ArrayBuffer;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** The default: WHATWG fetch (browsers, Node ≥ 18, Workers, Deno, Bun). */
export function fetchTransport(fetchFn?: FetchLike): Transport {
  return async (req) => {
    // Looked up per call, not captured: calling a detached `fetch` throws "Illegal invocation" in browsers.
    const f = fetchFn ?? ((input, init) => globalThis.fetch(input, init));
    const res = await f(req.url, { method: req.method, headers: req.headers, body: req.body as BodyInit, signal: req.signal });
    return { status: res.status, headers: res.headers, body: req.responseType === "blob" ? await res.blob() : await res.text() };
  };
}
