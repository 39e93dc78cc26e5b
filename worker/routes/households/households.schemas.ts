import { z } from "@hono/zod-openapi";
import { visibleText } from "../../lib/openapi.ts";

const lat = z.number().min(-90).max(90).openapi({ description: "WGS 84 latitude.", example: 27.4612 });
const lng = z.number().min(-180).max(180).openapi({ description: "WGS 84 longitude.", example: 106.2231 });
const externalRef = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .openapi({ description: "Your own reference (the house-number register's code), unique in the jurisdiction.", example: "LT-TY-0317" });

const householdFields = {
  id: z.string().openapi({ example: "hh_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
  grid_id: z.string().openapi({ description: "The grid the dwelling belongs to." }),
  address: z.string().openapi({ description: "Masked; `revealHousehold` returns it in full.", example: "柳塘镇桃园社***" }),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  external_ref: z.string().nullable(),
};
const code = z.string().openapi({
  description: "128 random bits in base32; printed as a QR code. The household's credential at the door: shown to administrators only.",
  example: "d9tc09xrsm4w0eqvyk376m9yb4",
});
const codeUrl = z.string().openapi({ description: "What the plate's QR code encodes.", example: "https://fq.example.gov.cn/d/d9tc09xrsm4w0eqvyk376m9yb4" });

/** What the admin-only writes (create, update, reissue) answer: always with the code. */
export const HouseholdSchema = z.object({ ...householdFields, doorplate_code: code, doorplate_url: codeUrl, created_at: z.string() }).openapi("Household");

/** What lists and reads answer: the code only for administrators (they print plates). */
export const HouseholdViewSchema = z
  .object({
    ...householdFields,
    doorplate_code: code.nullable().openapi({ description: "The doorplate code, for administrators only (they print plates); null for staff." }),
    doorplate_url: codeUrl.nullable().openapi({ description: "What the plate's QR code encodes; null whenever `doorplate_code` is." }),
    created_at: z.string(),
  })
  .openapi("HouseholdView");

export const CreateHouseholdSchema = z
  .object({
    address: visibleText(200).openapi({ example: "柳塘镇桃园社区桃园路17号" }),
    grid_id: z.string().max(64).openapi({ description: "An area of level `grid`.", example: "area_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    lat: lat.nullable().optional(),
    lng: lng.nullable().optional(),
    external_ref: externalRef.nullable().optional(),
  })
  .strict()
  .refine((v) => (v.lat == null) === (v.lng == null), { message: "give both lat and lng, or neither", path: ["lat"] })
  .openapi("CreateHousehold");

export const UpdateHouseholdSchema = z
  .object({
    address: visibleText(200).optional(),
    grid_id: z.string().max(64).optional(),
    lat: lat.nullable().optional(),
    lng: lng.nullable().optional(),
    external_ref: externalRef.nullable().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one field to change" })
  .refine((v) => (v.lat === undefined) === (v.lng === undefined) && (v.lat === null) === (v.lng === null), {
    message: "change lat and lng together",
    path: ["lat"],
  })
  .openapi("UpdateHousehold");

export const HouseholdIdParam = z.object({
  id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, example: "hh_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
});

export const ListHouseholdsQuery = z.object({
  area_id: z.string().max(64).optional().openapi({ description: "Households in this area or anywhere under it." }),
  external_ref: z.string().max(64).optional(),
});

export const HouseholdCsvSchema = z.string().openapi({
  description: "RFC 4180 CSV. First line: the column names `address,grid,lat,lng,external_ref` (any order; address and grid required).",
  example: "address,grid,lat,lng,external_ref\n柳塘镇桃园路17号,LT-TY-03,27.4612,106.2231,LT-TY-0317\n",
});

export const HouseholdImportSchema = z
  .object({
    imported: z.number().int().openapi({ example: 2 }),
    households: z
      .array(
        z.object({
          line: z.number().int().openapi({ description: "The row's line in the file." }),
          id: z.string(),
          external_ref: z.string().nullable(),
          doorplate_code: z.string(),
          doorplate_url: z.string(),
        }),
      )
      .openapi({ description: "One per row, in file order, to send the plates to print." }),
  })
  .openapi("HouseholdImport");

export const RevealedHouseholdSchema = z
  .object({ id: z.string(), address: z.string().openapi({ example: "柳塘镇桃园社区桃园路17号" }) })
  .openapi("RevealedHousehold");
