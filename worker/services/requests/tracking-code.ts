// Crockford's base32 without I, L, O, U: nothing a resident can misread on a receipt or the phone.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** `K7M3-9QX2`: 40 random bits, unique per jurisdiction (enforced by an index; a clash is retried). */
export function newTrackingCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  let s = "";
  for (const b of bytes) s += ALPHABET[b & 31];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}
