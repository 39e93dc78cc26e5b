/**
 * What a credential may do. A key holds scopes; an end-user token acts with its key's scopes
 * AND its user's role, so a kiosk token can never do more than the kiosk key could.
 */
export const scopes = [
  "tokens:exchange",
  "places:read",
  "requests:read",
  "requests:write",
  "alerts:read",
  "alerts:write",
  "fraud:check",
  "fraud:report",
  "fraud:manage",
  "interventions:read",
  "interventions:write",
  "tasks:read",
  "tasks:write",
  "stats:read",
  "webhooks:manage",
  "admin",
] as const;
export type Scope = (typeof scopes)[number];

const residentFacing: Scope[] = [
  "tokens:exchange",
  "places:read",
  "requests:read",
  "requests:write",
  "alerts:read",
  "fraud:check",
  "fraud:report",
  "tasks:read",
  "tasks:write",
];

/** Scopes a new key gets when its creator names none. */
export const defaultScopes: Record<"app" | "kiosk" | "public_account" | "integration" | "admin", Scope[]> = {
  app: residentFacing,
  kiosk: residentFacing.filter((s) => s !== "tasks:write"),
  public_account: residentFacing,
  integration: ["places:read", "requests:read", "requests:write", "alerts:read", "stats:read", "webhooks:manage", "interventions:write"],
  admin: [...scopes],
};
