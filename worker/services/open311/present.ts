import type { ServiceRow } from "../catalogue/present-service.ts";
import { open311Closed } from "../requests/lifecycle.ts";
import { addressFor } from "../requests/present-request.ts";
import type { RequestRow, Viewer } from "../requests/viewer.ts";
import { iso, isoOrNull } from "../../lib/time.ts";

export type Locale = "zh-CN" | "en";
const name = (s: ServiceRow, l: Locale) => (l === "en" ? s.nameEn : s.nameZh);

/** GeoReport v2 `service`. Every service is `realtime`: a request id is returned at once. */
export const open311Service = (s: ServiceRow, l: Locale) => ({
  service_code: s.code,
  service_name: name(s, l),
  description: (l === "en" ? s.descriptionEn : s.descriptionZh) ?? "",
  metadata: s.attributes.length > 0,
  type: "realtime" as const,
  keywords: s.keywords.join(","),
  group: s.group,
});

/** GeoReport v2 `service_definition`. */
export const open311Definition = (s: ServiceRow, l: Locale) => ({
  service_code: s.code,
  attributes: [...s.attributes]
    .sort((a, b) => a.order - b.order)
    .map((a) => ({
      variable: a.variable,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatypeDescription ?? "",
      order: a.order,
      description: (l === "en" ? a.descriptionEn : null) ?? a.description,
      ...(a.values ? { values: a.values.map((v) => ({ key: v.key, name: (l === "en" ? v.nameEn : null) ?? v.name })) } : {}),
    })),
});

/**
 * GeoReport v2 `request`. Open and closed come from the lifecycle: resolved and later, withdrawn,
 * duplicate and invalid are closed. No reporter data and no doorplate codes are ever included, and
 * an address a doorplate code filled in is masked for all but staff, as in the native API.
 */
export const open311Request = (r: RequestRow, viewer: Viewer, extra: { serviceName: string | null; agencyName: string | null }) => ({
  service_request_id: r.id,
  status: open311Closed.includes(r.status) ? ("closed" as const) : ("open" as const),
  status_notes: r.resolutionNote ?? (r.status === "duplicate" ? `duplicate of ${r.duplicateOf}` : null),
  service_name: extra.serviceName,
  service_code: r.serviceCode,
  description: r.description,
  agency_responsible: extra.agencyName,
  service_notice: `tracking code ${r.trackingCode}`,
  requested_datetime: iso(r.createdAt),
  updated_datetime: iso(r.updatedAt),
  expected_datetime: isoOrNull(r.resolutionDueAt),
  address: addressFor(r, viewer),
  address_id: null,
  zipcode: null,
  lat: r.lat,
  long: r.lng,
  media_url: r.mediaUrl,
});
