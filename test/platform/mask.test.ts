import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskAddress, maskName, maskPhone } from "../../worker/lib/mask.ts";

/**
 * Lists, queues, leaderboards and dispute parties show people through these masks: enough to
 * tell two entries apart, never enough to call or find someone.
 */
describe("masks", () => {
  it("a phone keeps its first three and last four digits, whatever the formatting", () => {
    expect(maskPhone("13800138000")).toBe("138****8000");
    expect(maskPhone("+86 138-0013-8000")).toBe("861****8000");
    expect(maskPhone("0857-1234567")).toBe("085****4567");
    // Too short to keep anything of: every digit hidden.
    expect(maskPhone("110")).toBe("***");
    expect(maskPhone("123456")).toBe("******");
    expect(maskPhone("1234567")).toBe("123****4567");
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone("")).toBeNull();
  });

  it("a name keeps its first character only: 张** for a Chinese name, at most three stars", () => {
    expect(maskName("张三")).toBe("张*");
    expect(maskName("欧阳娜娜")).toBe("欧***");
    expect(maskName("Alexandra Smith")).toBe("A***");
    expect(maskName("李")).toBe("*");
    expect(maskName("𠮷野家")).toBe("𠮷**");
    expect(maskName(undefined)).toBeNull();
  });

  it("an address keeps at most its first six characters and never more than half", () => {
    expect(maskAddress("柳塘镇幸福村3组12号楼")).toBe("柳塘镇幸福村***");
    expect(maskAddress("柳塘镇幸福村3组12号")).toBe("柳塘镇幸福***");
    expect(maskAddress("幸福村3号")).toBe("幸福***");
    expect(maskAddress("3号")).toBe("3***");
    expect(maskAddress("号")).toBe("***");
    expect(maskAddress("")).toBeNull();
    expect(maskAddress(null)).toBeNull();
  });

  it("no mask ever shows the hidden part", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (phone) => {
        expect(maskPhone(phone)).not.toContain(phone.slice(3, 7));
      }),
    );
    fc.assert(
      fc.property(fc.string({ minLength: 2, maxLength: 60, unit: "grapheme" }), (address) => {
        const masked = maskAddress(address)!;
        const kept = [...masked.slice(0, -3)];
        expect(kept.length).toBeLessThanOrEqual(Math.min(6, [...address].length / 2));
        expect(address.startsWith(kept.join(""))).toBe(true);
      }),
    );
  });
});
