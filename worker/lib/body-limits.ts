/**
 * Bodies are capped at BODY_LIMIT_BYTES (1 MB by default) everywhere except the few routes listed
 * here, which take bulk uploads. Each gets its own cap, never below the global one.
 */
export const HOUSEHOLD_IMPORT_MAX_BYTES = 4 * 1024 * 1024;

const largeBodyRoutes: Record<string, number> = {
  "POST /v1/households/import": HOUSEHOLD_IMPORT_MAX_BYTES,
};

/** Request photos: 5 MB of image plus the multipart framing (worker/services/requests/add-photo.ts). */
export const PHOTO_UPLOAD_MAX_BYTES = 5 * 1024 * 1024 + 64 * 1024;

/** Routes with a path parameter, matched by pattern. */
const largeBodyPatterns: [method: string, path: RegExp, maxSize: number][] = [["POST", /^\/v1\/requests\/[^/]+\/photos$/, PHOTO_UPLOAD_MAX_BYTES]];

export function bodyLimitFor(method: string, path: string, globalLimit: number): number {
  const own = largeBodyRoutes[`${method} ${path}`] ?? largeBodyPatterns.find(([m, re]) => m === method && re.test(path))?.[2];
  return own === undefined ? globalLimit : Math.max(own, globalLimit);
}
