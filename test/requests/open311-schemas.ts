/**
 * Two sets of JSON Schemas for Open311 GeoReport v2 answers.
 *
 * `published`: the schemas the Open311 project publishes for GeoReport v2 (its schema-validation
 * repository, schema/georeport-v2, unchanged in ./open311-published/): service, services, service
 * definition, request and requests. Every answer they cover is validated against them.
 *
 * The rest are written from the specification at http://wiki.open311.org/GeoReport_v2 for what the
 * published set does not cover (discovery, the POST reply, tokens, errors), and as a stricter second
 * check of the rest: `additionalProperties: false` keeps us from inventing fields a strict client
 * would reject, and list datatypes must carry their values.
 */
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

/** Why `data` does not match `schema`, or undefined when it does: one validator for every Open311 suite. */
export function open311Mismatch(schema: object, data: unknown): string | undefined {
  return ajv.validate(schema, data) ? undefined : ajv.errorsText();
}

// The published files carry no $id; each is named by its file name, which is what their `$ref`s use.
const publishedFile = (name: string) => ({ $id: name, ...JSON.parse(readFileSync(new URL(`./open311-published/${name}`, import.meta.url), "utf8")) });
for (const name of ["service.json", "request.json"]) ajv.addSchema(publishedFile(name));
export const published = {
  services: publishedFile("services.json"),
  serviceDefinition: publishedFile("service-definition.json"),
  requests: publishedFile("requests.json"),
};

const nullableString = { type: ["string", "null"] };
const w3cDateTime = { type: "string", format: "date-time" };

export const discoverySchema = {
  $id: "open311/discovery",
  type: "object",
  required: ["changeset", "contact", "key_service", "endpoints"],
  additionalProperties: false,
  properties: {
    changeset: w3cDateTime,
    contact: { type: "string" },
    key_service: { type: "string" },
    endpoints: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["specification", "url", "changeset", "type", "formats"],
        additionalProperties: false,
        properties: {
          specification: { type: "string", const: "http://wiki.open311.org/GeoReport_v2" },
          url: { type: "string", format: "uri" },
          changeset: w3cDateTime,
          type: { enum: ["production", "test"] },
          formats: { type: "array", items: { enum: ["text/xml", "application/json"] }, minItems: 1 },
        },
      },
    },
  },
};

export const servicesSchema = {
  $id: "open311/services",
  type: "array",
  items: {
    type: "object",
    required: ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"],
    additionalProperties: false,
    properties: {
      service_code: { type: "string", minLength: 1 },
      service_name: { type: "string", minLength: 1 },
      description: { type: "string" },
      metadata: { type: "boolean" },
      type: { enum: ["realtime", "batch", "blackbox"] },
      keywords: { type: "string" },
      group: { type: "string" },
    },
  },
};

export const serviceDefinitionSchema = {
  $id: "open311/service_definition",
  type: "object",
  required: ["service_code", "attributes"],
  additionalProperties: false,
  properties: {
    service_code: { type: "string", minLength: 1 },
    attributes: {
      type: "array",
      items: {
        type: "object",
        required: ["variable", "code", "datatype", "required", "datatype_description", "order", "description"],
        additionalProperties: false,
        properties: {
          variable: { type: "boolean" },
          code: { type: "string", minLength: 1 },
          datatype: { enum: ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"] },
          required: { type: "boolean" },
          datatype_description: { type: "string" },
          order: { type: "integer", minimum: 0 },
          description: { type: "string" },
          values: {
            type: "array",
            items: { type: "object", required: ["key", "name"], additionalProperties: false, properties: { key: { type: "string" }, name: { type: "string" } } },
          },
        },
        // The spec: list datatypes carry their values.
        if: { properties: { datatype: { enum: ["singlevaluelist", "multivaluelist"] } } },
        then: { required: ["values"] },
      },
    },
  },
};

export const serviceRequestsSchema = {
  $id: "open311/service_requests",
  type: "array",
  items: {
    type: "object",
    required: ["service_request_id", "status", "service_code", "requested_datetime", "updated_datetime"],
    additionalProperties: false,
    properties: {
      service_request_id: { type: "string", minLength: 1 },
      status: { enum: ["open", "closed"] },
      status_notes: nullableString,
      service_name: nullableString,
      service_code: { type: "string" },
      description: nullableString,
      agency_responsible: nullableString,
      service_notice: nullableString,
      requested_datetime: w3cDateTime,
      updated_datetime: w3cDateTime,
      expected_datetime: { anyOf: [w3cDateTime, { type: "null" }] },
      address: nullableString,
      address_id: nullableString,
      zipcode: nullableString,
      lat: { type: ["number", "null"], minimum: -90, maximum: 90 },
      long: { type: ["number", "null"], minimum: -180, maximum: 180 },
      media_url: { anyOf: [{ type: "string", format: "uri" }, { type: "null" }] },
    },
  },
};

export const postServiceRequestSchema = {
  $id: "open311/post_service_request",
  type: "array",
  minItems: 1,
  items: {
    type: "object",
    additionalProperties: false,
    properties: {
      service_request_id: { type: "string", minLength: 1 },
      token: { type: "string", minLength: 1 },
      service_notice: nullableString,
      account_id: nullableString,
    },
    // The spec: either the id (realtime services) or a token to resolve later.
    anyOf: [{ required: ["service_request_id"] }, { required: ["token"] }],
  },
};

export const tokensSchema = {
  $id: "open311/tokens",
  type: "array",
  items: {
    type: "object",
    required: ["token"],
    additionalProperties: false,
    properties: { service_request_id: nullableString, token: { type: "string", minLength: 1 } },
  },
};

export const errorsSchema = {
  $id: "open311/errors",
  type: "array",
  minItems: 1,
  items: {
    type: "object",
    required: ["code", "description"],
    additionalProperties: false,
    properties: { code: { type: "integer", minimum: 400, maximum: 599 }, description: { type: "string", minLength: 1 } },
  },
};
