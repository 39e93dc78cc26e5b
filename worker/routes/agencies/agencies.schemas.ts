import { z } from "@hono/zod-openapi";
import { visibleText } from "../../lib/openapi.ts";
import { agencyKinds } from "../../db/schema/agencies.ts";

const kind = z.enum(agencyKinds).openapi({ description: "What sort of body it is; requests move between agencies.", example: "police_station" });
const phone = z.string().trim().min(3).max(32).openapi({ description: "The office's public number.", example: "0857-7221110" });

export const AgencySchema = z
  .object({
    id: z.string().openapi({ example: "agy_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    name: z.string().openapi({ example: "柳塘派出所" }),
    kind,
    area_id: z.string().nullable().openapi({ description: "The area it serves; null for a county-wide agency." }),
    phone: z.string().nullable().openapi({ description: "The office's public number." }),
    created_at: z.string().openapi({ example: "2026-03-02T01:00:00.000Z" }),
  })
  .openapi("Agency");

export const CreateAgencySchema = z
  .object({
    name: visibleText(100).openapi({ example: "柳塘派出所" }),
    kind,
    area_id: z.string().max(64).nullable().optional().openapi({ description: "The area it serves (any level).", example: "area_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    phone: phone.nullable().optional(),
  })
  .strict()
  .openapi("CreateAgency");

export const UpdateAgencySchema = z
  .object({
    name: visibleText(100).optional().openapi({ example: "柳塘派出所" }),
    kind: kind.optional(),
    area_id: z.string().max(64).nullable().optional().openapi({ description: "null makes it county-wide." }),
    phone: phone.nullable().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one field to change" })
  .openapi("UpdateAgency");

export const AgencyIdParam = z.object({
  id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, example: "agy_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
});

export const ListAgenciesQuery = z.object({
  kind: kind.optional(),
  area_id: z.string().max(64).optional().openapi({ description: "Only agencies serving exactly this area." }),
});
