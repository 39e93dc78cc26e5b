import type { Config } from "../../config.ts";
import { AppError } from "../../lib/problem.ts";

const refuse = (detail: string) =>
  new AppError("validation_failed", "This URL cannot receive webhooks.", { extensions: { errors: [{ pointer: "/body/url", detail }] } });

function privateIPv4(host: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}

function privateIPv6(host: string): boolean {
  if (!host.startsWith("[")) return false;
  const h = host.slice(1, -1).toLowerCase();
  if (h === "::" || h === "::1") return true;
  if (/^f[cd]/.test(h) || /^fe[89ab]/.test(h)) return true; // unique-local, link-local
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped) return privateIPv4(mapped[1]!);
  return /^::ffff:/.test(h); // mapped in hex form: refuse rather than decode
}

/**
 * Webhooks must not become a way to reach the deployment's own network: https only, no
 * credentials in the URL, no loopback, private or link-local addresses and no local-only names —
 * except in development and test, where receivers run on localhost. (Names that resolve to
 * private addresses are not caught here; on Workers, fetch cannot reach them anyway.)
 */
export function checkEndpointUrl(raw: string, config: Pick<Config, "ENVIRONMENT">): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse("not a URL");
  }
  const relaxed = config.ENVIRONMENT === "development" || config.ENVIRONMENT === "test";
  if (url.protocol !== "https:" && !(relaxed && url.protocol === "http:")) throw refuse("must be https");
  if (url.username || url.password) throw refuse("must not contain credentials");
  if (url.hash) throw refuse("must not have a fragment");
  const host = url.hostname.toLowerCase();
  const local = host === "localhost" || /\.(localhost|local|internal|lan|home\.arpa)$/.test(host) || !host.includes(".") && !host.startsWith("[");
  if (!relaxed && (local || privateIPv4(host) || privateIPv6(host))) throw refuse("must be a public address");
  return url.toString();
}
