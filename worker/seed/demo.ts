import type { Deps } from "../deps.ts";

/** Seeds the demo jurisdiction on first start; returns what to print, or null if already seeded. */
export async function seedDemoIfEmpty(_deps: Deps): Promise<string | null> {
  return null;
}
