import { serve } from "@hono/node-server";
import { Hono } from "hono";

/**
 * The ceilings: the same runtime and server adapter with no middleware and no I/O. `/bare` answers
 * with no extra headers; `/bare-headers` with the header set an API answer carries (request id,
 * security headers, rate-limit fields, Server-Timing), so its ratio isolates what the middleware
 * costs from what the larger answer costs the server and the load generator to write and parse.
 */
const apiLikeHeaders = {
  "x-request-id": "0b7f3c2e-6a51-4f0e-9d7a-2f1c8e4b5a69",
  "cross-origin-resource-policy": "same-site",
  "referrer-policy": "no-referrer",
  "strict-transport-security": "max-age=15552000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  ratelimit: '"default";r=99999999;t=42',
  "ratelimit-policy": '"default";q=100000000;w=60',
  "server-timing": "total;dur=0.4",
};
const app = new Hono()
  .get("/bare", (c) => c.json({ status: "ok" }))
  .get("/bare-headers", (c) => c.json({ status: "ok" }, 200, apiLikeHeaders));
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "127.0.0.1" }, () => console.log("ready"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
