import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { checkReadiness } from "../../services/health/check-readiness.ts";
import type { GetHealthRoute, GetReadinessRoute } from "./health.routes.ts";

export const getHealth: RouteHandler<GetHealthRoute, AppEnv> = (c) => c.json({ status: "ok" as const }, 200);

export const getReadiness: RouteHandler<GetReadinessRoute, AppEnv> = async (c) => {
  const r = await checkReadiness({ deps: c.get("deps") });
  return c.json(r, r.status === "ready" ? 200 : 503);
};
