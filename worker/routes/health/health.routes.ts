import { createRoute, z } from "@hono/zod-openapi";
import { errorsFor, jsonContent } from "../../lib/openapi.ts";

export const HealthSchema = z
  .object({ status: z.literal("ok").openapi({ description: "Always `ok` when the process answers." }) })
  .openapi("Health");

export const ReadinessSchema = z
  .object({
    status: z.enum(["ready", "not_ready"]).openapi({ description: "`ready` when the database answers and its schema is current." }),
    database: z.enum(["ok", "unreachable"]),
    migrations: z.enum(["current", "behind"]),
  })
  .openapi("Readiness");

export const getHealth = createRoute({
  method: "get",
  path: "/healthz",
  operationId: "getHealth",
  tags: ["Health"],
  summary: "Liveness: the process is up",
  responses: { 200: jsonContent(HealthSchema, "The process is up.") },
});
export type GetHealthRoute = typeof getHealth;

export const getReadiness = createRoute({
  method: "get",
  path: "/readyz",
  operationId: "getReadiness",
  tags: ["Health"],
  summary: "Readiness: the database is reachable and migrated",
  responses: {
    200: jsonContent(ReadinessSchema, "Ready to serve."),
    503: jsonContent(ReadinessSchema, "Not ready: the database is unreachable or behind the build's migrations."),
    ...errorsFor("internal"),
  },
});
export type GetReadinessRoute = typeof getReadiness;
