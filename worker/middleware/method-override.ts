import type { MiddlewareHandler } from "hono";
import type { AppEnv, Deps } from "../deps.ts";
import { AppError, renderProblem } from "../lib/problem.ts";
import { envelope } from "./envelope.ts";

export const METHOD_OVERRIDE_HEADER = "x-http-method-override";

type Fetches = { fetch(request: Request, env?: unknown, executionCtx?: never): Response | Promise<Response> };

/**
 * `X-HTTP-Method-Override: PATCH` on a POST is served as the PATCH it names. WeChat's wx.request
 * has no PATCH (OPTIONS, GET, HEAD, POST, PUT, DELETE, TRACE, CONNECT only), so a mini-program
 * could not otherwise edit anything; the SDK's wx transport sends PATCH this way.
 *
 * The first middleware: the request is handed back to the app as a PATCH (header removed) before
 * anything else ran on it, so it is logged, authenticated, rate limited and validated once, as the
 * PATCH it is, with PATCH's If-Match rules, and its Idempotency-Key is a PATCH's: the idempotency
 * step fingerprints the method, so it never counts as the POST it arrived as.
 * Router matching happens per dispatch, which is why it is a re-dispatch rather than a rewrite.
 *
 * Only POST → PATCH. A POST naming any other method is refused (400) rather than run as the POST it
 * was sent as, since its sender meant something else. On every other method the header is ignored:
 * a GET stays a GET, whatever it asks for.
 */
export const methodOverride =
  (app: Fetches, deps: Deps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const wanted = c.req.method === "POST" ? c.req.header(METHOD_OVERRIDE_HEADER) : undefined;
    if (wanted === undefined) return next();
    if (wanted.trim().toUpperCase() !== "PATCH") {
      const refusal = new AppError("validation_failed", "X-HTTP-Method-Override may only turn a POST into a PATCH.", {
        extensions: { errors: [{ pointer: "/header/x-http-method-override", detail: "PATCH, on a POST" }] },
      });
      // Through the envelope, so the refusal has a request id, the usual headers and a log line.
      await envelope(deps)(c, async () => void (c.res = renderProblem(c, refusal)));
      return c.res;
    }
    const headers = new Headers(c.req.raw.headers);
    headers.delete(METHOD_OVERRIDE_HEADER);
    let executionCtx: never | undefined;
    try {
      executionCtx = c.executionCtx as never; // absent under app.request and Node
    } catch {}
    return app.fetch(new Request(c.req.raw, { method: "PATCH", headers }), c.env, executionCtx);
  };
