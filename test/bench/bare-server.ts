import { serve } from "@hono/node-server";
import { Hono } from "hono";

// The ceiling: the same runtime and server adapter with no middleware and no I/O.
const app = new Hono().get("/bare", (c) => c.json({ status: "ok" }));
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "127.0.0.1" }, () => console.log("ready"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
