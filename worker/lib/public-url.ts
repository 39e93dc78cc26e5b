import type { Context } from "hono";
import type { AppEnv } from "../deps.ts";

/**
 * The base of links printed on paper (doorplate QR codes): PUBLIC_BASE_URL when configured, so a
 * plate stays valid behind any proxy, else the origin this request came to.
 */
export function publicBaseUrl(c: Context<AppEnv>): string {
  const configured = c.get("deps").config.PUBLIC_BASE_URL;
  return configured ? configured.replace(/\/+$/, "") : new URL(c.req.url).origin;
}

/** What a doorplate's QR code encodes: the page a resident lands on when they scan it. */
export const doorplateUrl = (base: string, code: string) => `${base}/d/${code}`;
