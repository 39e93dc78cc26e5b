import { createRoute } from "@hono/zod-openapi";
import { anyCredential, authErrors, commonErrors, jsonContent } from "../../lib/openapi.ts";
import { pageOf, pageQuery } from "../../lib/pagination.ts";
import { AuditEntrySchema, ListAuditQuery } from "./audit.schemas.ts";

export const listAuditLog = createRoute({
  tags: ["Identity"],
  security: anyCredential,
  method: "get",
  path: "/v1/audit-log",
  operationId: "listAuditLog",
  summary: "Read the append-only audit log, newest first",
  description: "Admin only. Keys created, rotated and revoked; users created, role and agency changes; roster changes; every reveal of personal data.",
  request: { query: pageQuery.extend(ListAuditQuery.shape) },
  responses: { 200: jsonContent(pageOf(AuditEntrySchema, "AuditEntryPage"), "A page of entries."), ...commonErrors, ...authErrors },
});
export type ListAuditLogRoute = typeof listAuditLog;
