const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[ch]!);

/**
 * Open311's XML shapes: an object is a sequence of child elements, an array repeats the element
 * named for its items (`<services><service>…</service></services>`), null is an empty element.
 */
export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [k: string]: XmlValue };

function render(name: string, value: XmlValue, itemNames: Record<string, string>): string {
  if (value === undefined) return "";
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name] ?? name.replace(/s$/, "");
    return `<${name}>${value.map((v) => render(item, v, itemNames)).join("")}</${name}>`;
  }
  if (typeof value === "object") {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => render(k, v, itemNames))
      .join("")}</${name}>`;
  }
  return `<${name}>${esc(String(value))}</${name}>`;
}

export function toXml(root: string, value: XmlValue, itemNames: Record<string, string> = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${render(root, value, itemNames)}`;
}
