import { z } from "zod";

const list = z
  .string()
  .default("")
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

/**
 * Every setting either runtime reads, validated once at the boundary (process.env on Node,
 * the Worker's bindings at the edge). README "Configuration" documents each one.
 */
export const configSchema = z.object({
  ENVIRONMENT: z.enum(["development", "test", "production"]).default("production"),
  LIBSQL_URL: z.string().min(1),
  LIBSQL_AUTH_TOKEN: z.string().optional(),
  /** HMAC key for end-user tokens; ≥ 32 characters. Generated into .data/ on first Node start. */
  TOKEN_SECRET: z.string().min(32, "TOKEN_SECRET must be at least 32 characters"),
  /** Keyed-hash secret for fraud indicators; defaults to TOKEN_SECRET-derived on Node first start. */
  INDICATOR_SECRET: z.string().min(32).optional(),
  CORS_ORIGINS: list,
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** Base of the URLs printed in doorplate QR codes, e.g. https://fq.example.gov.cn */
  PUBLIC_BASE_URL: z.url().optional(),
  /** Where /docs loads the API reference script from; override for intranets without the CDN. */
  DOCS_CDN: z.url().optional(),
  IDEMPOTENCY_TTL_HOURS: z.coerce.number().int().min(24 * 7).default(24 * 7),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  LOG_REQUESTS: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
});

export type Config = z.infer<typeof configSchema>;

export function parseConfig(source: Record<string, unknown>): Config {
  const result = configSchema.safeParse(source);
  if (!result.success) {
    // Names only, never values: a misconfigured secret must not reach a log.
    const names = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${names}`);
  }
  return result.data;
}
