export * from "./idempotency-keys.ts";
export * from "./write-guard.ts";
