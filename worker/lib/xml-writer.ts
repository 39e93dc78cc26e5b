/**
 * Minimal, safe XML writing: every text and attribute value goes through `escapeXml`, and
 * characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/FFFF) are
 * dropped rather than emitted, so user text can never break or inject into a document.
 */
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(value: string): string {
  return value
    .replace(INVALID_XML, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

export type XmlNode = string | XmlRaw | null | undefined | false | XmlNode[];

/** `<name attrs>children</name>`; text children are escaped, nested `el()` results are not. */
export function el(name: string, attrs: Record<string, string | undefined> | null, ...children: XmlNode[]): XmlRaw {
  const a = attrs
    ? Object.entries(attrs)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => ` ${k}="${escapeXml(v!)}"`)
        .join("")
    : "";
  const body = children.flat(Infinity as 1).map(render).join("");
  return new XmlRaw(body ? `<${name}${a}>${body}</${name}>` : `<${name}${a}/>`);
}

/** Already-serialised markup (from `el`), so it is not escaped twice. */
export class XmlRaw {
  constructor(readonly xml: string) {}
  toString() {
    return this.xml;
  }
}

function render(node: unknown): string {
  if (node === null || node === undefined || node === false) return "";
  if (node instanceof XmlRaw) return node.xml;
  return escapeXml(String(node));
}

/** A text-only element, or nothing when the value is absent (CAP's optional elements). */
export const opt = (name: string, value: string | null | undefined) => (value === null || value === undefined || value === "" ? null : el(name, null, value));

export const xmlDocument = (root: XmlRaw) => `<?xml version="1.0" encoding="UTF-8"?>\n${root.xml}\n`;
