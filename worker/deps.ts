import type { Client } from "@libsql/client";
import type { Context } from "hono";
import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import type { IdempotencyClaim } from "./lib/idempotency-claim.ts";
import type { RateLimiter } from "./lib/rate-limit.ts";

/** Stores request photos and other uploads: R2 on Workers, a folder on Node, memory in tests. */
export interface BlobStore {
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<{ body: Uint8Array; contentType: string } | null>;
  delete(key: string): Promise<void>;
}

/**
 * What the app needs from its runtime. The entry points (worker/node.ts, worker/index.ts) build
 * these; tests build them with a fresh database and a fixed clock. Nothing here does I/O at import.
 */
export interface Deps {
  config: Config;
  client: Client;
  db: Db;
  blobs: BlobStore;
  rateLimiter: RateLimiter;
  now: () => number;
  /** The caller's network address, for per-address rate limits: the socket on Node, CF's header at the edge. */
  clientAddress: (c: Context) => string;
  log: (line: Record<string, unknown>) => void;
  /** Outgoing HTTP (webhook deliveries); defaults to the global fetch. Tests inject a recorder. */
  fetch?: typeof fetch;
}

export interface Principal {
  /** The tenant every query of this request is filtered by. */
  jurisdictionId: string;
  keyId: string;
  /**
   * The key's rotation lineage (schema/api-keys.ts): the same before and after a rotation, so what
   * must outlive one (app_user subjects, Idempotency-Key scopes, the per-key rate limit) is tied to
   * it. Set by the authenticate middleware; a principal built elsewhere without it stands for its key id.
   */
  keyLineage?: string;
  keyKind: "app" | "kiosk" | "public_account" | "integration" | "admin";
  scopes: readonly string[];
  /** Present when the caller is an end user holding a token from the token exchange. */
  user?: {
    id: string;
    role: Role;
    agencyId: string | null;
    areaIds: readonly string[];
  };
}

export const roles = [
  "resident",
  "volunteer",
  "grid_worker",
  "officer",
  "dispatcher",
  "department_staff",
  "admin",
] as const;
export type Role = (typeof roles)[number];

export type AppEnv = {
  Variables: {
    deps: Deps;
    requestId: string;
    principal: Principal;
    /** Set when a route writes its Idempotency-Key claim in its own batch (lib/idempotency-claim.ts). */
    idempotencyClaim?: IdempotencyClaim;
  };
};
