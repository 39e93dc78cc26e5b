import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indicatorKey } from "../../worker/services/fraud/indicator-key.ts";
import { lookupForms, NormaliseError, normalise, normalisePhone, normaliseUrl } from "../../worker/services/fraud/normalize.ts";

const config = { TOKEN_SECRET: "t".repeat(40), INDICATOR_SECRET: "i".repeat(40) };
const fullWidth = (ch: string) => (/\d/.test(ch) ? String.fromCharCode(0xff10 + Number(ch)) : ch);
const seps = [" ", "-", "\u3000", ".", "\u2013", "\u2014", "\u00a0", "－"];

/** Splits `digits` into groups and joins them with random separators, full-widthing some digits. */
const formatted = (digits: string) =>
  fc
    .tuple(
      fc.array(fc.integer({ min: 1, max: Math.max(1, digits.length - 1) }), { maxLength: 4 }),
      fc.array(fc.constantFrom(...seps), { minLength: 4, maxLength: 4 }),
      fc.array(fc.boolean(), { minLength: digits.length, maxLength: digits.length }),
    )
    .map(([cuts, sep, wide]) => {
      const chars = [...digits].map((d, i) => (wide[i] ? fullWidth(d) : d));
      const at = new Set(cuts);
      return chars.map((c, i) => (at.has(i) ? `${sep[i % sep.length]}${c}` : c)).join("");
    });

const mobile = fc.tuple(fc.constantFrom(..."3456789"), fc.stringMatching(/^\d{9}$/)).map(([d, rest]) => `1${d}${rest}`);

describe("phone numbers → E.164", () => {
  it.each([
    ["13800138000", "+8613800138000"],
    ["138 0013 8000", "+8613800138000"],
    ["138-0013-8000", "+8613800138000"],
    ["+86 138 0013 8000", "+8613800138000"],
    ["+86-138-0013-8000", "+8613800138000"],
    ["0086 13800138000", "+8613800138000"],
    ["86 13800138000", "+8613800138000"],
    ["(+86) 138 0013 8000", "+8613800138000"],
    ["１３８００１３８０００", "+8613800138000"],
    ["＋８６ １３８－００１３－８０００", "+8613800138000"],
    ["013800138000", "+8613800138000"],
    ["010-12345678", "+861012345678"],
    ["(010) 1234 5678", "+861012345678"],
    ["+86 10 1234 5678", "+861012345678"],
    ["+86 (0)755 8888 1234", "+8675588881234"],
    ["0755-88881234", "+8675588881234"],
    ["0857-1234567", "+868571234567"],
    ["０８５７－１２３４５６７", "+868571234567"],
    ["400-123-4567", "+864001234567"],
    ["95588", "+8695588"],
    ["96110", "+8696110"],
    ["+1 (415) 555-0100", "+14155550100"],
    ["00852 9123 4567", "+85291234567"],
  ])("%s → %s", (raw, e164) => {
    expect(normalisePhone(raw).canonical).toBe(e164);
  });

  it.each(["12345678", "1234567", "abc", "+86", "138001380001234", "", "0", "+0123456789"])("refuses %j", (raw) => {
    expect(() => normalisePhone(raw)).toThrow(NormaliseError);
  });

  it("masks mobiles, landlines and foreign numbers; shows company hotlines and service numbers whole", () => {
    expect(normalisePhone("13800138000").display).toBe("+86 138****8000");
    expect(normalisePhone("0755-88881234").display).toBe("+86 755 ****1234");
    expect(normalisePhone("010-12345678").display).toBe("+86 10 ****5678");
    expect(normalisePhone("+1 (415) 555-0100").display).toBe("+141****0100");
    expect(normalisePhone("95588").display).toBe("+86 95588");
    expect(normalisePhone("400-123-4567").display).toBe("+86 4001234567");
  });

  it.each([
    ["800 820 8820", "+868008208820"],
    ["1069 0000 1234 5", "+861069000012345"],
    ["+86 106 5588 0000", "+8610655880000"],
    ["10086", "+8610086"],
    ["12345", "+8612345"],
    ["961 100", "+86961100"],
  ])("service number %s → %s, shown whole", (raw, e164) => {
    const n = normalisePhone(raw);
    expect(n.canonical).toBe(e164);
    expect(n.display).toBe(`+86 ${e164.slice(3)}`);
  });

  it("keeps foreign numbers within E.164's 7 to 15 digits", () => {
    expect(normalisePhone("+44 1234 5").canonical).toBe("+4412345");
    expect(normalisePhone("+1 234 567 8901 2345").canonical).toBe("+123456789012345");
    expect(() => normalisePhone("+44 1234")).toThrow(NormaliseError);
    expect(() => normalisePhone("+1 234 567 8901 23456")).toThrow(NormaliseError);
  });

  it("says why a number was refused, without repeating it", () => {
    const reason = (raw: string) => {
      try {
        normalisePhone(raw);
      } catch (e) {
        expect(e).toBeInstanceOf(NormaliseError);
        expect((e as Error).message).not.toContain(raw.replace(/\D/g, "").slice(-4) || "\u0000");
        return (e as Error).message;
      }
      throw new Error(`${raw} was accepted`);
    };
    expect(reason("138-0013-800O")).toMatch(/only digits/);
    expect(reason("1380013800+0")).toMatch(/only digits/);
    expect(reason("+44 1234")).toMatch(/international/);
    expect(reason("8888 5678")).toMatch(/area code/);
    expect(reason("7654321")).toMatch(/area code/);
    expect(reason("0755-8888")).toMatch(/not a Chinese/);
  });

  it("any formatting of the same mobile gives the same key", async () => {
    await fc.assert(
      fc.asyncProperty(
        mobile.chain((m) => fc.tuple(fc.constant(m), fc.constantFrom("", "+86", "+86 ", "0086", "0086 ", "86", "86-", "(+86)", "＋86 ", "0"), formatted(m))),
        async ([m, prefix, body]) => {
          const n = normalisePhone(`${prefix}${body}`);
          expect(n.canonical).toBe(`+86${m}`);
          expect(await indicatorKey(config, n.kind, n.canonical)).toBe(await indicatorKey(config, "phone", `+86${m}`));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("any formatting of the same landline gives the same key", () => {
    const landline = fc.oneof(
      fc.tuple(fc.constantFrom("10", "20", "21", "25"), fc.stringMatching(/^[2-8]\d{7}$/)),
      fc.tuple(fc.constantFrom("755", "857", "951", "571"), fc.stringMatching(/^[2-8]\d{6,7}$/)),
    );
    fc.assert(
      fc.property(
        landline.chain(([code, local]) =>
          fc.tuple(fc.constant(code), fc.constant(local), fc.constantFrom(`0${code}-`, `(0${code}) `, `0${code} `, `+86 ${code} `, `+86 (0)${code} `, `0086${code}`, `＋８６ ${code}－`), formatted(local)),
        ),
        ([code, local, prefix, body]) => {
          expect(normalisePhone(`${prefix}${body}`).canonical).toBe(`+86${code}${local}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("different numbers never share a key", () => {
    fc.assert(
      fc.property(mobile, mobile, (a, b) => {
        fc.pre(a !== b);
        expect(normalisePhone(a).canonical).not.toBe(normalisePhone(b).canonical);
      }),
    );
  });
});

describe("links → host and path", () => {
  it.each([
    ["evil.cn", "evil.cn/"],
    ["HTTP://EVIL.CN", "evil.cn/"],
    ["https://evil.cn:443/pay/?order=1#top", "evil.cn/pay"],
    ["http://evil.cn:80/pay", "evil.cn/pay"],
    ["https://evil.cn:8443/pay", "evil.cn:8443/pay"],
    ["https://icbc.com.cn@evil.cn/login", "evil.cn/login"],
    ["ｈｔｔｐｓ：／／ｅｖｉｌ．ｃｎ／ｐａｙ", "evil.cn/pay"],
    ["evil。cn/pay", "evil.cn/pay"],
    ["https://例子.中国/路径", "xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84"],
    ["https://evil.cn./Pay", "evil.cn/Pay"],
  ])("%s → %s", (raw, canonical) => {
    expect(normaliseUrl(raw).canonical).toBe(canonical);
  });

  it.each(["javascript:alert(1)", "ftp://evil.cn/x", "localhost", "http://", "not a url at all"])("refuses %j", (raw) => {
    expect(() => normaliseUrl(raw)).toThrow(NormaliseError);
  });

  it("drops every trailing slash, keeps the root's, and reads an IP literal as a host", () => {
    expect(normaliseUrl("evil.cn/pay///").canonical).toBe("evil.cn/pay");
    expect(normaliseUrl("evil.cn//").canonical).toBe("evil.cn/");
    expect(normaliseUrl("  https://evil.cn/a/b/  ").canonical).toBe("evil.cn/a/b");
    expect(normaliseUrl("http://[2001:db8::1]/pay").canonical).toBe("[2001:db8::1]/pay");
  });

  it("shortens a long link for display to 57 characters and an ellipsis, never the key", () => {
    const long = `evil.cn/${"a".repeat(80)}`;
    const n = normaliseUrl(long);
    expect(n.canonical).toBe(long);
    expect(n.display).toBe(`${long.slice(0, 57)}…`);
    const sixty = `evil.cn/${"b".repeat(52)}`;
    expect(sixty).toHaveLength(60);
    expect(normaliseUrl(sixty).display).toBe(sixty);
  });

  it("scheme, case, default port, query, fragment and trailing slash never change the key", () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9]{1,10}$/);
    const segment = fc.stringMatching(/^[a-zA-Z0-9_-]{1,8}$/);
    fc.assert(
      fc.property(
        label,
        fc.constantFrom("cn", "com", "top", "xyz"),
        fc.array(segment, { maxLength: 3 }),
        fc.constantFrom("", "http://", "https://", "HTTPS://"),
        fc.boolean(),
        fc.constantFrom("", "?a=1", "?token=abc&x=y"),
        fc.constantFrom("", "#frag"),
        fc.boolean(),
        fc.boolean(),
        (name, tld, segs, scheme, upper, query, frag, slash, port) => {
          const host = `${name}.${tld}`;
          const path = segs.length ? `/${segs.join("/")}` : "";
          const defaultPort = scheme.toLowerCase() === "https://" ? ":443" : ":80";
          const raw = `${scheme}${upper ? host.toUpperCase() : host}${port ? defaultPort : ""}${path}${slash ? "/" : ""}${query}${frag}`;
          expect(normaliseUrl(raw).canonical).toBe(`${host}${path || "/"}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("other kinds", () => {
  it("bank accounts keep digits only", () => {
    expect(normalise("bank_account", "6222 0212 3456 7890 123").canonical).toBe("6222021234567890123");
    expect(normalise("bank_account", "６２２２－０２１２－３４５６－７８９０").canonical).toBe("6222021234567890");
    expect(normalise("bank_account", "6222021234567890").display).toBe("6222 **** 7890");
  });

  it("a QR code holding a link is keyed as that link", () => {
    const qr = normalise("qr_payload", "HTTPS://Evil.cn/pay?id=9");
    expect(qr).toMatchObject({ kind: "url", canonical: "evil.cn/pay" });
    expect(normalise("qr_payload", "wxp://f2f0abcdefghijklmnop")).toMatchObject({ kind: "qr_payload", canonical: "wxp://f2f0abcdefghijklmnop" });
  });

  it("app names and social accounts ignore case, width and spacing", () => {
    expect(normalise("app_name", "  安全 ＶＰＮ  ").canonical).toBe(normalise("app_name", "安全vpn").canonical);
    expect(normalise("social_account", "@WXID_Abc123", "wechat").canonical).toBe("wechat:wxid_abc123");
    expect(normalise("social_account", "wxid_abc123", "qq").canonical).not.toBe(normalise("social_account", "wxid_abc123", "wechat").canonical);
  });

  it("bank accounts have 10 to 30 digits and nothing else", () => {
    expect(normalise("bank_account", "6222 0212 34").canonical).toBe("6222021234");
    expect(normalise("bank_account", "1".repeat(30)).canonical).toBe("1".repeat(30));
    for (const bad of ["6222 0212 3", "1".repeat(31), "6222 0212 3456 789X", "x6222021234567890", "6222021234567890x"]) {
      expect(() => normalise("bank_account", bad), bad).toThrow(NormaliseError);
    }
  });

  it("a QR payload is keyed with its spacing folded and shown masked", () => {
    const long = normalise("qr_payload", "  wxp://f2f0   abcdefghijklmnop ");
    expect(long).toEqual({ kind: "qr_payload", canonical: "wxp://f2f0 abcdefghijklmnop", display: "wxp://f2f0****mnop" });
    expect(normalise("qr_payload", "payee-12345678ab")).toMatchObject({ display: "pay****" });
    expect(normalise("qr_payload", "payee-12345678abc")).toMatchObject({ display: "payee-1234****8abc" });
    expect(normalise("qr_payload", "http://evil.cn/pay")).toMatchObject({ kind: "url", canonical: "evil.cn/pay" });
    expect(normalise("qr_payload", "wxp://evil.cn")).toMatchObject({ kind: "qr_payload" });
    expect(() => normalise("qr_payload", " \u3000 ")).toThrow(NormaliseError);
  });

  it("an app name keeps its spelling for display and is keyed in lowercase without spaces", () => {
    expect(normalise("app_name", "  安全  ＶＰＮ  Pro ")).toEqual({ kind: "app_name", canonical: "安全vpnpro", display: "安全 VPN Pro" });
    expect(() => normalise("app_name", " \u3000 ")).toThrow(NormaliseError);
  });

  it("a social account is shown with all but its ends masked, and keyed per platform", () => {
    expect(normalise("social_account", "@Fraud_King88", "douyin")).toEqual({ kind: "social_account", canonical: "douyin:fraud_king88", display: "douyin:fr***88" });
    expect(normalise("social_account", "abcd", "qq")).toMatchObject({ display: "qq:a***" });
    expect(normalise("social_account", "abcde", "qq")).toMatchObject({ display: "qq:ab***de" });
    expect(normalise("social_account", "someone")).toMatchObject({ canonical: "other:someone" });
    expect(() => normalise("social_account", " @ ")).toThrow(NormaliseError);
  });
});

describe("lookup forms", () => {
  it("a link is also looked up by its site root; anything else only as itself", () => {
    const page = normaliseUrl("evil.cn/pay/now");
    expect(lookupForms(page).map((n) => n.canonical)).toEqual(["evil.cn/pay/now", "evil.cn/"]);
    expect(lookupForms(normaliseUrl("evil.cn")).map((n) => n.canonical)).toEqual(["evil.cn/"]);
    const phone = normalisePhone("13800138000");
    expect(lookupForms(phone)).toEqual([phone]);
    const qr = normalise("qr_payload", "wxp://f2f0/abc");
    expect(lookupForms(qr)).toEqual([qr]);
  });
});

describe("the keyed hash", () => {
  it("depends on the secret and the kind, and without INDICATOR_SECRET derives one from TOKEN_SECRET", async () => {
    const a = await indicatorKey(config, "phone", "+8613800138000");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await indicatorKey({ ...config, INDICATOR_SECRET: "j".repeat(40) }, "phone", "+8613800138000")).not.toBe(a);
    expect(await indicatorKey(config, "bank_account", "+8613800138000")).not.toBe(a);
    const derived = await indicatorKey({ TOKEN_SECRET: config.TOKEN_SECRET }, "phone", "+8613800138000");
    expect(derived).toMatch(/^[0-9a-f]{64}$/);
    expect(derived).not.toBe(a);
    expect(await indicatorKey({ TOKEN_SECRET: config.TOKEN_SECRET }, "phone", "+8613800138000")).toBe(derived);
  });
});
