import { z } from "@hono/zod-openapi";

const DEFAULT_GRACE_SECONDS = 24 * 3600;

/**
 * How long a rotated credential (an API key, a webhook signing secret) keeps working beside its
 * replacement: 0 to 7 days, a day unless asked.
 */
export const graceSecondsField = (description: string) =>
  z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600)
    .default(DEFAULT_GRACE_SECONDS)
    .openapi({ description });

/** The grace a rotation asked for: its body is optional, and an absent body gets no schema default. */
export const graceSecondsOf = (validBody: unknown) => (validBody as { grace_seconds?: number } | undefined)?.grace_seconds ?? DEFAULT_GRACE_SECONDS;
