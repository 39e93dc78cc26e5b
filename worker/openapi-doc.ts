import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./deps.ts";

export const API_VERSION = "0.1.0";

const description = `Community-service requests in the Fengqiao model: residents file requests from a QR doorplate,
a public-account menu, an app or a kiosk; the duty desk dispatches; departments accept and resolve;
residents rate. Anti-fraud alerts with read receipts, fraud-number checks, and volunteer tasks.

Every error is \`application/problem+json\` (RFC 9457) with a stable \`type\` ending in its code.
Lists are cursor-paginated (\`limit\`, \`cursor\` → \`{ data, has_more, next_cursor }\`).
POSTs and PATCHes accept \`Idempotency-Key\` (kept at least 7 days).`;

export function registerDocument(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key (`fq_…`) issued to an app, kiosk, public account or integration.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "userToken", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "A short-lived end-user token from `exchangeToken`.",
  });
}

export const documentConfig = {
  openapi: "3.1.0",
  info: {
    title: "fengqiao API",
    version: API_VERSION,
    description,
    license: { name: "Apache-2.0", identifier: "Apache-2.0" },
  },
  servers: [{ url: "/", description: "This deployment" }],
};

export function buildDocument(app: OpenAPIHono<AppEnv>) {
  return app.getOpenAPI31Document(documentConfig);
}
