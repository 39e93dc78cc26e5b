/**
 * Bodies are capped at BODY_LIMIT_BYTES (1 MB by default) everywhere except the few routes listed
 * here, which take bulk uploads. Each gets its own cap, never below the global one.
 */
export const HOUSEHOLD_IMPORT_MAX_BYTES = 4 * 1024 * 1024;

const largeBodyRoutes: Record<string, number> = {
  "POST /v1/households/import": HOUSEHOLD_IMPORT_MAX_BYTES,
};

export function bodyLimitFor(method: string, path: string, globalLimit: number): number {
  const own = largeBodyRoutes[`${method} ${path}`];
  return own === undefined ? globalLimit : Math.max(own, globalLimit);
}
