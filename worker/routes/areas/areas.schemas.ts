import { z } from "@hono/zod-openapi";
import { visibleText } from "../../lib/openapi.ts";
import { areaLevels } from "../../db/schema/areas.ts";
import { roles } from "../../deps.ts";

const level = z.enum(areaLevels).openapi({ description: "county → town (or street) → community (or village) → grid (网格).", example: "grid" });
const lat = z.number().min(-90).max(90).openapi({ description: "WGS 84 latitude of the area's centre.", example: 27.4597 });
const lng = z.number().min(-180).max(180).openapi({ description: "WGS 84 longitude of the area's centre.", example: 106.2206 });
const code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w.-]+$/, "letters, digits, `_`, `-` and `.` only")
  .openapi({ description: "Administrative or local code, unique in the jurisdiction; CSV imports may name a grid by it.", example: "LT-TY-03" });

export const duties = ["grid_leader", "grid_worker", "officer", "staff", "member"] as const;
export const DutySchema = z
  .enum(duties)
  .openapi("Duty", {
    description:
      "In what capacity a user answers for an area: `grid_leader` (网格长, one per grid) and `grid_worker` (网格员) on grids, `officer` (社区民警) on any area, `staff` for other staff, `member` for volunteers and residents on a grid's team.",
  });

export const AreaSchema = z
  .object({
    id: z.string().openapi({ example: "area_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    parent_id: z.string().nullable().openapi({ description: "null for the county, the root." }),
    level,
    name: z.string().openapi({ example: "桃园社区第3网格" }),
    code: z.string().nullable().openapi({ example: "LT-TY-03" }),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    created_at: z.string().openapi({ example: "2026-03-02T01:00:00.000Z" }),
  })
  .openapi("Area");

export const AreaPathEntrySchema = z
  .object({ id: z.string(), level, name: z.string().openapi({ example: "柳塘镇" }) })
  .openapi("AreaPathEntry");

export const AreaDetailSchema = AreaSchema.extend({
  area_path: z.array(AreaPathEntrySchema).openapi({ description: "The area's ancestors, root first, ending with the area itself." }),
}).openapi("AreaDetail");

export const CreateAreaSchema = z
  .object({
    parent_id: z.string().max(64).nullable().optional().openapi({ description: "Required except for the county; must be exactly one level up." }),
    level,
    name: visibleText(100).openapi({ example: "桃园社区第3网格" }),
    code: code.nullable().optional(),
    lat: lat.nullable().optional(),
    lng: lng.nullable().optional(),
  })
  .strict()
  .openapi("CreateArea");

export const UpdateAreaSchema = z
  .object({
    name: visibleText(100).optional(),
    code: code.nullable().optional(),
    lat: lat.nullable().optional(),
    lng: lng.nullable().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one field to change" })
  .openapi("UpdateArea", { description: "An area cannot change parent or level." });

export const AreaIdParam = z.object({
  id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, example: "area_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
});

export const MemberParams = AreaIdParam.extend({
  user_id: z.string().max(64).openapi({ param: { name: "user_id", in: "path" }, example: "usr_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
});

export const ListAreasQuery = z.object({
  parent_id: z.string().max(64).optional().openapi({ description: "Children of this area; `root` for the county." }),
  level: level.optional(),
  within: z.string().max(64).optional().openapi({ description: "This area and everything under it." }),
});

export const AreaMemberSchema = z
  .object({
    user_id: z.string(),
    duty: DutySchema,
    role: z.enum(roles),
    display_name: z.string().nullable().openapi({ description: "Masked.", example: "王**" }),
    phone: z.string().nullable().openapi({ description: "Masked.", example: "138****5678" }),
    agency_id: z.string().nullable(),
  })
  .openapi("AreaMember");

export const AssignMemberSchema = z.object({ duty: DutySchema }).strict().openapi("AssignAreaMember");

export const ListMembersQuery = z.object({ duty: DutySchema.optional() });
