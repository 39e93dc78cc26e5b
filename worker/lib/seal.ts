const enc = new TextEncoder();
const dec = new TextDecoder();

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function keyFor(secret: string, purpose: string) {
  const raw = await crypto.subtle.digest("SHA-256", enc.encode(`${purpose}\0${secret}`));
  return crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
}

/**
 * Secrets we must be able to use again (webhook signing keys) are stored sealed: AES-GCM under a
 * key derived from the deployment secret and a purpose, so a database dump alone reveals nothing.
 */
export async function seal(secret: string, purpose: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await keyFor(secret, purpose), enc.encode(plaintext)));
  return `v1:${b64(iv)}:${b64(ct)}`;
}

export async function unseal(secret: string, purpose: string, sealed: string): Promise<string> {
  const [v, iv, ct] = sealed.split(":");
  if (v !== "v1" || !iv || !ct) throw new Error("unknown sealed format");
  const pt = await crypto.subtle.decrypt({ name: "AES-GCM", iv: unb64(iv) }, await keyFor(secret, purpose), unb64(ct));
  return dec.decode(pt);
}
