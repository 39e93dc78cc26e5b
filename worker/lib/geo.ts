/** Mean Earth radius (IUGG), metres: the one used by every distance in the API and in SQL. */
export const EARTH_RADIUS_M = 6_371_008.8;

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres. Accurate to well under a metre at geofence scales. */
export function haversineMeters(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLng = rad(lng2 - lng1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * A lat/lng box that contains every point within `radiusM` of the centre, used to prefilter on
 * indexed columns before the exact haversine. Slightly generous; never too small. A circle that
 * takes in a pole takes in every longitude; across the antimeridian the box widens to all
 * longitudes rather than wrap.
 */
export function boundingBox(lat: number, lng: number, radiusM: number) {
  const dLat = (radiusM / EARTH_RADIUS_M) * (180 / Math.PI) * 1.0001;
  const reachesPole = Math.abs(lat) + dLat >= 90;
  const dLng = reachesPole ? 360 : (dLat / Math.cos(rad(Math.abs(lat) + dLat))) * 1.0001;
  const minLng = lng - dLng;
  const maxLng = lng + dLng;
  const wraps = minLng < -180 || maxLng > 180;
  return {
    minLat: Math.max(-90, lat - dLat),
    maxLat: Math.min(90, lat + dLat),
    minLng: wraps ? -180 : minLng,
    maxLng: wraps ? 180 : maxLng,
  };
}
