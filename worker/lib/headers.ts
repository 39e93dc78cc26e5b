import type { Context } from "hono";

type NodeOutgoing = { setHeader(name: string, value: string): void; headersSent: boolean };

const pending = new WeakMap<Context, [string, string][]>();

function outgoingOf(c: Context): NodeOutgoing | undefined {
  const out = (c.env as { outgoing?: NodeOutgoing } | undefined)?.outgoing;
  return out && typeof out.setHeader === "function" && !out.headersSent ? out : undefined;
}

/**
 * Sets a response header that must be on every answer, success or problem, as cheaply as the
 * runtime allows. Under @hono/node-server the Node response is `c.env.outgoing` and its own
 * setHeader costs a fraction of building a fetch `Headers` (whose validation was the largest cost
 * of a request in the bench); Node merges these with the Response's own headers, which win on a
 * clash. Elsewhere (Workers, `app.request` in tests) headers are collected and put on the final
 * response by `applyPendingHeaders`, so they survive a thrown error replacing the response.
 */
export function setHeader(c: Context, name: string, value: string): void {
  const out = outgoingOf(c);
  if (out) return out.setHeader(name, value);
  let list = pending.get(c);
  if (!list) pending.set(c, (list = []));
  list.push([name, value]);
}

/** Called once by the outermost middleware after the response exists. */
export function applyPendingHeaders(c: Context): void {
  const list = pending.get(c);
  if (!list) return;
  for (const [name, value] of list) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
}

/**
 * A `Vary` value for an answer that differs by these request headers. A handler's own `Vary`
 * replaces the one the app sets for requests without an Origin when some origin is allowed, so
 * `Origin` is named again then; on requests with an Origin the CORS step appends it itself.
 */
export function varyOn(c: Context, ...fields: string[]): string {
  const cors = (c.get("deps") as { config: { CORS_ORIGINS: string[] } } | undefined)?.config.CORS_ORIGINS.length;
  return (cors && c.req.header("origin") === undefined ? ["Origin", ...fields] : fields).join(", ");
}
