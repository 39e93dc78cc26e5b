/**
 * Personal data is masked wherever it is not needed; the unmasked value is only returned by the
 * explicit reveal operations, each of which writes an audit row.
 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 7) return "*".repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const chars = [...name];
  if (chars.length === 1) return "*";
  // Chinese names: keep the family name (张**); Latin names: keep the first letter.
  return chars[0] + "*".repeat(Math.min(chars.length - 1, 3));
}

export function maskAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const chars = [...address];
  const keep = Math.min(6, Math.floor(chars.length / 2));
  return chars.slice(0, keep).join("") + "***";
}
