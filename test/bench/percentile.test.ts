import { describe, expect, it } from "vitest";
import { percentile } from "./load.ts";

/** The scale run's target is a p95 ratio: the figure must be the 95th percentile, not the nearest one autocannon has. */
describe("bench percentile", () => {
  it("is the nearest-rank percentile, whatever the order the answers came in", () => {
    const ms = Array.from({ length: 200 }, (_, i) => 200 - i); // 200 … 1
    expect(percentile(ms, 95)).toBe(190);
    expect(percentile(ms, 50)).toBe(100);
    expect(percentile(ms, 100)).toBe(200);
    expect(percentile([7], 95)).toBe(7);
  });

  it("compares numbers, not their text (a default sort puts 10 before 9)", () => {
    expect(percentile([9, 10, 100, 2, 30], 95)).toBe(100);
    expect(percentile([9, 10, 100, 2, 30], 40)).toBe(9);
  });

  it("has no value for a run that answered nothing", () => {
    expect(percentile([], 95)).toBeNaN();
  });
});
