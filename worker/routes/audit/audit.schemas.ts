import { z } from "@hono/zod-openapi";

export const AuditEntrySchema = z
  .object({
    id: z.string().openapi({ example: "aud_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    at: z.string().openapi({ example: "2026-03-02T01:00:00.000Z" }),
    actor: z.string().openapi({ description: "`key:<id>`, `user:<id>` or `operator`.", example: "user:usr_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    action: z.string().openapi({ description: "What happened.", example: "personal_data.revealed" }),
    subject_type: z.string().openapi({ example: "user" }),
    subject_id: z.string(),
    detail: z.record(z.string(), z.unknown()).nullable().openapi({ description: "Ids, roles, counts, the stated reason; never the revealed data." }),
    request_id: z.string().nullable().openapi({ description: "The request that did it, to match access logs." }),
  })
  .openapi("AuditEntry");

export const ListAuditQuery = z.object({
  action: z.string().max(64).optional().openapi({ description: "E.g. `key.created`, `key.revoked`, `key.rotated`, `user.role_changed`, `personal_data.revealed`." }),
  subject_type: z.string().max(32).optional().openapi({ example: "user" }),
  subject_id: z.string().max(64).optional(),
  actor: z.string().max(80).optional().openapi({ example: "key:key_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
});
