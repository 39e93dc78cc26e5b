import { z } from "@hono/zod-openapi";
import { visibleText } from "../../lib/openapi.ts";
import { subjectTypes } from "../../db/schema/users.ts";
import { roles } from "../../deps.ts";
import { DutySchema } from "../areas/areas.schemas.ts";

const role = z.enum(roles).openapi({ description: "What the user may do.", example: "grid_worker" });
const phone = z
  .string()
  .trim()
  .regex(/^\+?[\d\s-]{5,20}$/, "a phone number: digits, spaces, dashes, an optional leading +")
  .openapi({ description: "Contact phone; shown masked except to `revealUser`.", example: "13812345678" });

export const UserSchema = z
  .object({
    id: z.string().openapi({ example: "usr_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    role,
    subject_type: z.enum(subjectTypes),
    subject: z.string().openapi({ description: "The identity tokens are exchanged for, masked.", example: "LT-0****" }),
    display_name: z.string().nullable().openapi({ description: "Masked.", example: "王**" }),
    phone: z.string().nullable().openapi({ description: "Masked.", example: "138****5678" }),
    agency_id: z.string().nullable(),
    areas: z.array(z.object({ area_id: z.string(), duty: DutySchema })).openapi({ description: "The areas the user answers for." }),
    disabled_at: z.string().nullable().openapi({ description: "Set when the user may no longer exchange tokens." }),
    created_at: z.string(),
  })
  .openapi("User");

export const CreateUserSchema = z
  .object({
    role,
    subject_type: z
      .enum(["wechat_openid", "phone", "staff_id"])
      .openapi({ description: "How apps will identify the user at token exchange.", example: "staff_id" }),
    subject: visibleText(128).openapi({ description: "The identity itself (staff number, openid, phone).", example: "LT-0007" }),
    display_name: visibleText(64).openapi({ example: "王小红" }),
    phone: phone.nullable().optional(),
    agency_id: z.string().max(64).nullable().optional().openapi({ description: "Required for officers, dispatchers and department staff." }),
    areas: z
      .array(z.object({ area_id: z.string().max(64), duty: DutySchema }).strict())
      .max(50)
      .optional()
      .openapi({ description: "Areas and duties, e.g. a grid worker's grid." }),
  })
  .strict()
  .openapi("CreateUser");

export const UpdateUserSchema = z
  .object({
    role: role.optional(),
    display_name: visibleText(64).optional(),
    phone: phone.nullable().optional(),
    agency_id: z.string().max(64).nullable().optional(),
    disabled: z.boolean().optional().openapi({ description: "A disabled user cannot exchange new tokens." }),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one field to change" })
  .openapi("UpdateUser");

export const RevealSchema = z
  .object({
    reason: z.string().trim().min(2).max(200).openapi({ description: "Why the data is needed; kept in the audit log.", example: "回访：核实报修地址" }),
  })
  .strict()
  .openapi("RevealRequest");

export const RevealedUserSchema = z
  .object({
    id: z.string(),
    display_name: z.string().nullable().openapi({ example: "王小红" }),
    phone: z.string().nullable().openapi({ example: "13812345678" }),
    subject_type: z.enum(subjectTypes),
    subject: z.string(),
  })
  .openapi("RevealedUser");

export const UserIdParam = z.object({
  id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, description: "A user id, or `me` for the token's user.", example: "usr_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
});

export const ListUsersQuery = z.object({
  role: role.optional(),
  agency_id: z.string().max(64).optional(),
  area_id: z.string().max(64).optional().openapi({ description: "Users with a duty in exactly this area." }),
  disabled: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true"))
    .openapi({ description: "Only disabled (`true`) or only active (`false`) users." }),
});
