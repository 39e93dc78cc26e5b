import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { listAudit } from "../../services/audit/list-audit.ts";
import type { ListAuditLogRoute } from "./audit.routes.ts";

export const listAuditLog: RouteHandler<ListAuditLogRoute, AppEnv> = async (c) =>
  c.json(await listAudit({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query") }), 200);
