import { createRoute } from "@hono/zod-openapi";
import { IMPORT_MAX_ROWS } from "../../services/households/import-households.ts";
import { HOUSEHOLD_IMPORT_MAX_BYTES } from "../../lib/body-limits.ts";
import { anyCredential, authErrors, commonErrors, errorsFor, jsonBody, jsonContent } from "../../lib/openapi.ts";
import { pageOf, pageQuery } from "../../lib/pagination.ts";
import { RevealSchema } from "../users/users.schemas.ts";
import {
  CreateHouseholdSchema,
  HouseholdCsvSchema,
  HouseholdIdParam,
  HouseholdImportSchema,
  HouseholdSchema,
  HouseholdViewSchema,
  ListHouseholdsQuery,
  RevealedHouseholdSchema,
  UpdateHouseholdSchema,
} from "./households.schemas.ts";

const base = { tags: ["Places"], security: anyCredential };

export const createHousehold = createRoute({
  ...base,
  method: "post",
  path: "/v1/households",
  operationId: "createHousehold",
  summary: "Add a household and issue its doorplate code",
  description: "Admin only.",
  request: { body: jsonBody(CreateHouseholdSchema) },
  responses: { 201: jsonContent(HouseholdSchema, "The household, with its doorplate code."), ...commonErrors, ...authErrors, ...errorsFor("conflict") },
});
export type CreateHouseholdRoute = typeof createHousehold;

export const importHouseholds = createRoute({
  ...base,
  method: "post",
  path: "/v1/households/import",
  operationId: "importHouseholds",
  summary: "Import households from CSV (all or nothing)",
  description: `Admin only. The body is \`text/csv\` (UTF-8; send \`charset=gb18030\` for a file Excel saved as GBK), at most ${IMPORT_MAX_ROWS} rows and ${HOUSEHOLD_IMPORT_MAX_BYTES / 1024 / 1024} MiB. Columns: \`address\` and \`grid\` (a grid's id or code) required, \`lat\`, \`lng\` (both or neither) and \`external_ref\` (unique) optional.

**All or nothing:** every row is validated first; if any row is wrong, nothing is written and the 400 answer lists the problems by line (\`errors[].line\`, \`errors[].pointer\` = \`/body/<line>/<column>\`, up to 200 of them, \`error_count\` for all), never repeating the cell's content. Fix the file and send it again. Otherwise every row is written in one transaction and each gets a doorplate code.`,
  request: { body: { required: true, content: { "text/csv": { schema: HouseholdCsvSchema } } } },
  responses: {
    201: jsonContent(HouseholdImportSchema, "Everything was imported."),
    ...commonErrors,
    ...authErrors,
    ...errorsFor("conflict", "payload_too_large", "unsupported_media_type"),
  },
});
export type ImportHouseholdsRoute = typeof importHouseholds;

export const listHouseholds = createRoute({
  ...base,
  method: "get",
  path: "/v1/households",
  operationId: "listHouseholds",
  summary: "List households in an area (descendants included)",
  description:
    "Admins (an admin key, or an admin user through a key holding `admin`) and the duty desk see the whole jurisdiction; grid workers, officers, department staff (and admin users through other keys) the areas they answer for. Addresses are masked; doorplate codes are shown to admins only. Residents, volunteers and keys acting without a user (app, kiosk, public-account, integration): 403.",
  request: { query: pageQuery.extend(ListHouseholdsQuery.shape) },
  responses: { 200: jsonContent(pageOf(HouseholdViewSchema, "HouseholdPage"), "A page of households."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type ListHouseholdsRoute = typeof listHouseholds;

export const getHousehold = createRoute({
  ...base,
  method: "get",
  path: "/v1/households/{id}",
  operationId: "getHousehold",
  summary: "Get a household",
  description: "Who may read it as for `listHouseholds`; outside a staff member's areas: 404. The address is masked; the doorplate code is shown to admins only.",
  request: { params: HouseholdIdParam },
  responses: { 200: jsonContent(HouseholdViewSchema, "The household."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetHouseholdRoute = typeof getHousehold;

export const updateHousehold = createRoute({
  ...base,
  method: "patch",
  path: "/v1/households/{id}",
  operationId: "updateHousehold",
  summary: "Change a household's address, grid, position or reference",
  description: "Admin only. The doorplate code stays; use `reissueDoorplate` to replace it.",
  request: { params: HouseholdIdParam, body: jsonBody(UpdateHouseholdSchema) },
  responses: { 200: jsonContent(HouseholdSchema, "The household as changed."), ...commonErrors, ...authErrors, ...errorsFor("not_found", "conflict") },
});
export type UpdateHouseholdRoute = typeof updateHousehold;

export const reissueDoorplate = createRoute({
  ...base,
  method: "post",
  path: "/v1/households/{id}/doorplate",
  operationId: "reissueDoorplate",
  summary: "Replace a household's doorplate code (the old one stops working)",
  description: "Admin only; audited. For a plate that was lost, defaced, or whose code was published.",
  request: { params: HouseholdIdParam },
  responses: { 200: jsonContent(HouseholdSchema, "The household with its new code."), ...commonErrors, ...authErrors, ...errorsFor("not_found", "conflict") },
});
export type ReissueDoorplateRoute = typeof reissueDoorplate;

export const revealHousehold = createRoute({
  ...base,
  method: "post",
  path: "/v1/households/{id}/reveal",
  operationId: "revealHousehold",
  summary: "Reveal a household's full address (audited)",
  description:
    "Admins (an admin key, or an admin user through a key holding `admin`), and officers through a staff key holding `interventions:read` for households in their areas (elsewhere: 404). Anyone else: 403. Each call writes an audit row with the reason before the address is returned.",
  request: { params: HouseholdIdParam, body: jsonBody(RevealSchema) },
  responses: { 200: jsonContent(RevealedHouseholdSchema, "The unmasked address."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type RevealHouseholdRoute = typeof revealHousehold;
