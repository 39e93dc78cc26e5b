import { z } from "@hono/zod-openapi";
import { orNull } from "../../lib/openapi.ts";
import { areaLevels } from "../../db/schema/areas.ts";
import { menuKeys } from "../../services/doorplates/service-menu.ts";

export const DoorplateCodeParam = z.object({
  code: z
    .string()
    .min(1)
    .max(64)
    .transform((s) => s.toLowerCase())
    .openapi({ param: { name: "code", in: "path" }, description: "The code printed on the plate (case does not matter).", example: "d9tc09xrsm4w0eqvyk376m9yb4" }),
});

export const QrQuery = z.object({
  scale: z.coerce.number().int().min(1).max(40).default(8).openapi({ description: "Pixels per module (PNG); the SVG's nominal size scales with it.", example: 8 }),
  margin: z.coerce.number().int().min(0).max(16).default(4).openapi({ description: "Quiet zone, in modules. Scanners want 4.", example: 4 }),
});

const ContactSchema = z
  .object({
    display_name: z.string().nullable().openapi({ description: "Masked.", example: "王**" }),
    phone: z.string().nullable().openapi({ description: "Masked.", example: "138****5678" }),
    agency: z
      .object({
        id: z.string(),
        name: z.string().openapi({ example: "柳塘派出所" }),
        phone: z.string().nullable().openapi({ description: "The office's public number, in full.", example: "0857-7221110" }),
      })
      .nullable(),
  })
  .openapi("DoorplateContact");

export const DoorplateSchema = z
  .object({
    code: z.string(),
    address: z.string().openapi({ description: "Masked.", example: "柳塘镇桃园社***" }),
    grid: z.object({ id: z.string(), name: z.string().openapi({ example: "桃园社区第3网格" }), code: z.string().nullable() }),
    area_path: z
      .array(z.object({ id: z.string(), level: z.enum(areaLevels), name: z.string().openapi({ example: "柳塘镇" }) }))
      .openapi({ description: "County first, the grid last." }),
    grid_leader: orNull(ContactSchema).openapi({ description: "网格长." }),
    grid_worker: orNull(ContactSchema).openapi({ description: "网格员 (the leader when the grid has no other worker)." }),
    officer: orNull(ContactSchema).openapi({ description: "The community officer (社区民警) of the nearest area that has one." }),
    services: z
      .object({
        services_url: z.string().openapi({ description: "The service catalogue for this grid.", example: "/v1/services?area_id=area_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
        emergency_phone: z.string().openapi({ example: "110" }),
        menu: z.array(
          z.object({
            key: z.enum(menuKeys).openapi({ description: "Stable; pages map each to a screen." }),
            label: z.string().openapi({ example: "办事咨询" }),
            description: z.string(),
          }),
        ),
      })
      .openapi({ description: "What the page can offer the person who scanned the plate." }),
  })
  .openapi("Doorplate", { description: "What scanning a doorplate shows. Never anything about the occupants." });
