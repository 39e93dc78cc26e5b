import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundingBox, EARTH_RADIUS_M, haversineMeters } from "../../worker/lib/geo.ts";

/**
 * Check-in geofences use the haversine distance; 找活动 prefilters on a lat/lng box before the exact
 * distance. A distance that ignored longitude would let a volunteer check in from the next village
 * east; a box too small would hide tasks near the edge of the radius. Points here come from the
 * direct great-circle formula (a point at a bearing and a distance), not from the code under test.
 */
const rad = (d: number) => (d * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

function destination(lat: number, lng: number, bearingDeg: number, metres: number) {
  const δ = metres / EARTH_RADIUS_M;
  const θ = rad(bearingDeg);
  const φ1 = rad(lat);
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
  const λ2 = rad(lng) + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
  return { lat: deg(φ2), lng: ((deg(λ2) + 540) % 360) - 180 };
}

const centre = fc.record({ lat: fc.double({ min: -80, max: 80, noNaN: true }), lng: fc.double({ min: -180, max: 180, noNaN: true }) });
const bearing = fc.double({ min: 0, max: 360, noNaN: true });
const radius = fc.integer({ min: 1, max: 50_000 });

describe("haversine distance", () => {
  it("is a degree of arc along the equator and along a meridian", () => {
    const degree = (2 * Math.PI * EARTH_RADIUS_M) / 360;
    expect(haversineMeters(0, 110, 0, 111)).toBeCloseTo(degree, 3);
    expect(haversineMeters(35, 110, 36, 110)).toBeCloseTo(degree, 3);
    expect(haversineMeters(35.2372, 110.1491, 35.2372, 110.1491)).toBe(0);
  });

  it("measures any bearing alike: east and west count as much as north and south", () => {
    fc.assert(
      fc.property(centre, bearing, radius, (c, b, r) => {
        const p = destination(c.lat, c.lng, b, r);
        expect(haversineMeters(c.lat, c.lng, p.lat, p.lng)).toBeCloseTo(r, 4);
        expect(haversineMeters(p.lat, p.lng, c.lat, c.lng)).toBeCloseTo(r, 4);
      }),
      { numRuns: 500 },
    );
  });
});

describe("the 找活动 prefilter box", () => {
  const inside = (box: ReturnType<typeof boundingBox>, p: { lat: number; lng: number }) =>
    p.lat >= box.minLat && p.lat <= box.maxLat && p.lng >= box.minLng && p.lng <= box.maxLng;

  it("holds every point within the radius, the edge included, anywhere on Earth", () => {
    const anywhere = fc.record({ lat: fc.double({ min: -89.999, max: 89.999, noNaN: true }), lng: fc.double({ min: -180, max: 180, noNaN: true }) });
    fc.assert(
      fc.property(anywhere, bearing, radius, fc.double({ min: 0, max: 1, noNaN: true }), (c, b, r, f) => {
        const box = boundingBox(c.lat, c.lng, r);
        expect(inside(box, destination(c.lat, c.lng, b, r * f))).toBe(true);
        expect(inside(box, destination(c.lat, c.lng, b, r))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("is hardly larger than the circle away from the poles, so the index does the work", () => {
    fc.assert(
      fc.property(
        fc.record({ lat: fc.double({ min: -60, max: 60, noNaN: true }), lng: fc.double({ min: -170, max: 170, noNaN: true }) }),
        fc.integer({ min: 1, max: 20_000 }),
        (c, r) => {
          const box = boundingBox(c.lat, c.lng, r);
          // North and south edges: the radius, give or take the box's 0.01 % margin.
          expect(haversineMeters(c.lat, c.lng, box.maxLat, c.lng) / r).toBeGreaterThanOrEqual(1);
          expect(haversineMeters(c.lat, c.lng, box.maxLat, c.lng) / r).toBeLessThan(1.001);
          expect(haversineMeters(c.lat, c.lng, box.minLat, c.lng) / r).toBeLessThan(1.001);
          // East and west: at most a few per cent wider than the circle's widest point.
          const widest = deg(Math.asin(Math.sin(r / EARTH_RADIUS_M) / Math.cos(rad(c.lat))));
          expect((box.maxLng - c.lng) / widest).toBeGreaterThanOrEqual(1);
          expect((box.maxLng - c.lng) / widest).toBeLessThan(1.01);
          expect((c.lng - box.minLng) / widest).toBeLessThan(1.01);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("opens to every longitude across the antimeridian or by a pole, instead of wrapping", () => {
    expect(boundingBox(0, 179.99, 5_000)).toMatchObject({ minLng: -180, maxLng: 180 });
    expect(boundingBox(0, -179.99, 5_000)).toMatchObject({ minLng: -180, maxLng: 180 });
    // 1.1 km from the North Pole, a 5 km circle takes in the pole and the points beyond it.
    expect(boundingBox(89.99, 10, 5_000)).toMatchObject({ minLng: -180, maxLng: 180, maxLat: 90 });
    expect(boundingBox(-89.99, 10, 5_000)).toMatchObject({ minLng: -180, maxLng: 180, minLat: -90 });
    // Not near either: an ordinary box.
    const ordinary = boundingBox(35.2372, 110.1491, 5_000);
    expect(ordinary.minLng).toBeGreaterThan(110);
    expect(ordinary.maxLng).toBeLessThan(110.3);
  });
});
