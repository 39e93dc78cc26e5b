import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { createServiceRequest, type CreateRequestInput } from "../requests/create-request.ts";

/** An Open311 POST body: form fields, with `attribute[code]` (and `attribute[code][]` for lists). */
export type Open311Form = Record<string, string | string[]>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
const hasCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

/**
 * Maps a GeoReport v2 POST onto the native intake: `address_id` is a doorplate code,
 * `address_string` the address, `attribute[…]` the answers; the reporter's names and phone become
 * the (masked) contact. Location is required as the spec says: lat/long, address_string or address_id.
 */
export async function createOpen311Request({ deps, caller, form }: { deps: Deps; caller: Principal; form: Open311Form }) {
  const attributes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(form)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(k);
    if (m) attributes[m[1]!] = m[2] || (Array.isArray(v) && v.length > 1) ? ([] as string[]).concat(v) : one(v);
  }
  const lat = one(form.lat);
  const long = one(form.long);
  const address = one(form.address_string);
  const addressId = one(form.address_id);
  if (!(lat && long) && !address && !addressId) {
    throw new AppError("validation_failed", "A location is required.", { extensions: { errors: [{ pointer: "lat", detail: "send lat and long, address_string or address_id" }] } });
  }
  const location = lat && long ? { lat: Number(lat), long: Number(long) } : undefined;
  if (location && (!Number.isFinite(location.lat) || !Number.isFinite(location.long) || Math.abs(location.lat) > 90 || Math.abs(location.long) > 180)) {
    throw new AppError("validation_failed", "lat/long are not valid coordinates.", { extensions: { errors: [{ pointer: "lat", detail: "WGS84 latitude and longitude" }] } });
  }
  const first = one(form.first_name);
  const last = one(form.last_name);
  const name = first || last ? (hasCjk(`${last ?? ""}${first ?? ""}`) ? `${last ?? ""}${first ?? ""}` : [first, last].filter(Boolean).join(" ")) : undefined;
  const serviceCode = one(form.service_code);
  if (!serviceCode) throw new AppError("validation_failed", "service_code is required.", { extensions: { errors: [{ pointer: "service_code", detail: "required" }] } });
  const description = one(form.description);
  if (description && description.length > 2000) {
    throw new AppError("validation_failed", "description is too long.", { extensions: { errors: [{ pointer: "description", detail: "at most 2000 characters" }] } });
  }
  const mediaUrl = one(form.media_url);
  const input: CreateRequestInput = {
    service_code: serviceCode,
    description,
    attributes,
    location,
    address,
    doorplate_code: addressId,
    reporter: name || one(form.phone) ? { name, phone: one(form.phone) } : undefined,
    media_url: mediaUrl && /^https?:\/\//.test(mediaUrl) ? mediaUrl.slice(0, 1000) : undefined,
    channel: caller.keyKind === "app" || caller.keyKind === "integration" || caller.keyKind === "admin" ? "open311" : undefined,
  };
  return createServiceRequest({
    deps,
    caller,
    input,
    pointers: { field: (f) => (f === "doorplate_code" ? "address_id" : f), attribute: (code) => `attribute[${code}]` },
  });
}
