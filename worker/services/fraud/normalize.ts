import type { indicatorKinds } from "../../db/schema/fraud-indicators.ts";

export type IndicatorKind = (typeof indicatorKinds)[number];
export const socialPlatforms = ["wechat", "qq", "douyin", "weibo", "alipay", "other"] as const;
export type SocialPlatform = (typeof socialPlatforms)[number];

/**
 * The canonical form an indicator is keyed by, and a masked form people can recognise it by.
 * `kind` may differ from what was reported: a QR code that holds a web link is keyed as that link,
 * so a check of the link finds the QR report and vice versa.
 */
export interface Normalised {
  kind: IndicatorKind;
  canonical: string;
  display: string;
}

/** Why a value could not be read, without repeating it (it may be someone's phone number). */
export class NormaliseError extends Error {}

// Separators people type inside numbers: spaces of every width, hyphens and dashes, dots, brackets, slashes.
const SEPARATORS = /[\s\u00a0\u3000\-\u2010-\u2015\u2212\ufe58\ufe63._·•()\[\]（）【】/\\]/g;

/**
 * Chinese numbers to E.164, whatever the spacing, dashes, +86 / 0086 / 86 prefix or full-width
 * digits: mobiles (1[3-9]…), landlines written with their area code (010-…, 0755 …, +86 (0)755 …),
 * 400/800 and 106 SMS numbers. Short service numbers (95588, 96110) stay as +86 plus the digits.
 * Foreign numbers written with + or 00 are kept as E.164 as written.
 */
export function normalisePhone(raw: string): Normalised {
  const s = raw.normalize("NFKC").replace(SEPARATORS, "");
  if (!/^\+?\d+$/.test(s)) throw new NormaliseError("a phone number has only digits, spaces, dashes, brackets and a leading +");
  let national: string;
  let trunk = false;
  const intl = s.startsWith("+") ? s.slice(1) : s.startsWith("00") ? s.slice(2) : null;
  if (intl !== null) {
    if (!intl.startsWith("86")) {
      if (intl.length < 7 || intl.length > 15 || intl.startsWith("0")) throw new NormaliseError("not a valid international number");
      return { kind: "phone", canonical: `+${intl}`, display: `+${intl.slice(0, 3)}****${intl.slice(-4)}` };
    }
    national = intl.slice(2);
    trunk = true;
  } else if (s.length === 13 && /^861[3-9]/.test(s)) {
    national = s.slice(2); // 86 written without + before a mobile
  } else {
    national = s;
  }
  if (national.startsWith("0")) {
    national = national.slice(1); // the trunk prefix of landlines, or "+86 (0)755 …"
    trunk = true;
  }
  const cn = (n: string, masked: string) => ({ kind: "phone" as const, canonical: `+86${n}`, display: `+86 ${masked}` });
  const mask = (n: string, keep: number) => `${n.slice(0, keep)}****${n.slice(-4)}`;
  if (/^1[3-9]\d{9}$/.test(national)) return cn(national, mask(national, 3));
  if (/^[48]00\d{7}$/.test(national)) return cn(national, national); // company hotlines: not personal data
  if (/^106\d{5,17}$/.test(national)) return cn(national, national);
  if (!trunk && /^(?:1\d{4}|9\d{4,5})$/.test(national)) return cn(national, national); // 10086, 12345, 95588, 96110
  if (trunk && (/^(?:10|2\d)\d{8}$/.test(national) || /^[3-9]\d{2}\d{7,8}$/.test(national))) {
    const code = /^(?:10|2\d)/.test(national) ? national.slice(0, 2) : national.slice(0, 3);
    return cn(national, `${code} ${mask(national.slice(code.length), 0)}`);
  }
  if (!trunk && /^\d{7,8}$/.test(national)) throw new NormaliseError("write a landline with its area code, e.g. 0857-1234567");
  throw new NormaliseError("not a Chinese mobile, landline or service number");
}

/**
 * Web links keyed by lowercase punycode host (WHATWG URL does IDNA) and path: no scheme, no
 * default port, no query, no fragment, no userinfo (`bank.com@evil.cn` is evil.cn), no trailing
 * slash or dot. Full-width letters and dots are folded first, so a link copied from a chat matches.
 */
export function normaliseUrl(raw: string): Normalised {
  let s = raw.normalize("NFKC").trim().replace(/[\u3002\uff61]/g, ".");
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = `http://${s}`;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new NormaliseError("not a web address");
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new NormaliseError("only http and https links can be checked");
  const host = u.hostname.replace(/\.$/, "");
  if (!host || (!host.includes(".") && !host.startsWith("["))) throw new NormaliseError("not a web address");
  const port = u.port ? `:${u.port}` : "";
  const path = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, "") || "/" : "/";
  const canonical = `${host}${port}${path}`;
  return { kind: "url", canonical, display: canonical.length > 60 ? `${canonical.slice(0, 57)}…` : canonical };
}

/** Bank and payment card numbers: digits only. */
export function normaliseBankAccount(raw: string): Normalised {
  const s = raw.normalize("NFKC").replace(SEPARATORS, "");
  if (!/^\d{10,30}$/.test(s)) throw new NormaliseError("an account number has 10-30 digits");
  return { kind: "bank_account", canonical: s, display: `${s.slice(0, 4)} **** ${s.slice(-4)}` };
}

/** A QR code's text: a web link is keyed as a URL; anything else (wxp://…, a payee code) as itself. */
export function normaliseQrPayload(raw: string): Normalised {
  const s = raw.normalize("NFKC").trim().replace(/\s+/g, " ");
  if (!s) throw new NormaliseError("empty QR payload");
  if (/^https?:\/\//i.test(s)) return normaliseUrl(s);
  return { kind: "qr_payload", canonical: s, display: s.length > 16 ? `${s.slice(0, 10)}****${s.slice(-4)}` : `${s.slice(0, 3)}****` };
}

/** App names match whatever the case, width and spacing. */
export function normaliseAppName(raw: string): Normalised {
  const display = raw.normalize("NFKC").trim().replace(/\s+/g, " ");
  if (!display) throw new NormaliseError("empty app name");
  return { kind: "app_name", canonical: display.toLowerCase().replace(/\s+/g, ""), display };
}

/** Social accounts: per platform, case-insensitive, without a leading @. */
export function normaliseSocialAccount(raw: string, platform: SocialPlatform = "other"): Normalised {
  const id = raw.normalize("NFKC").trim().replace(/^@/, "").replace(/\s+/g, "").toLowerCase();
  if (!id) throw new NormaliseError("empty account");
  const masked = id.length <= 4 ? `${id.slice(0, 1)}***` : `${id.slice(0, 2)}***${id.slice(-2)}`;
  return { kind: "social_account", canonical: `${platform}:${id}`, display: `${platform}:${masked}` };
}

export function normalise(kind: IndicatorKind, raw: string, platform?: SocialPlatform): Normalised {
  switch (kind) {
    case "phone":
      return normalisePhone(raw);
    case "url":
      return normaliseUrl(raw);
    case "bank_account":
      return normaliseBankAccount(raw);
    case "qr_payload":
      return normaliseQrPayload(raw);
    case "app_name":
      return normaliseAppName(raw);
    case "social_account":
      return normaliseSocialAccount(raw, platform);
  }
}

/** For a link, also its site root: a report of `evil.cn/` flags every page of evil.cn. */
export function lookupForms(n: Normalised): Normalised[] {
  if (n.kind !== "url") return [n];
  const slash = n.canonical.indexOf("/");
  const root = `${n.canonical.slice(0, slash)}/`;
  return root === n.canonical ? [n] : [n, { kind: "url", canonical: root, display: root }];
}
