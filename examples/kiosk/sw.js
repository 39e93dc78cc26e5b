// The kiosk's service worker: keeps the page shell and the kiosk's settings, so a terminal that is
// switched on while the hall's network is down still opens and takes requests (they wait in the
// offline queue). Network first, so a fixed page reaches every kiosk on its next start; the copy
// kept here is only for when the network gives no answer. API calls (another origin) and the
// device key are never answered from here and never stored.
const CACHE = "fengqiao-kiosk-shell-v1";
const SHELL = ["/", "/kiosk.js", "/kiosk.css", "/sdk.js", "/service-form.js", "/settings.json"];
// A network that hangs instead of failing (a dead uplink behind a live switch) must not leave the
// screen blank: after this long the kept copy is shown.
const NETWORK_WAIT_MS = 3000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || !SHELL.includes(url.pathname)) return;
  event.respondWith(networkFirst(event.request, url.pathname));
});

async function networkFirst(request, path) {
  const cache = await caches.open(CACHE);
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), NETWORK_WAIT_MS);
  try {
    const res = await fetch(request, { signal: ctl.signal });
    if (res.ok) await cache.put(path, res.clone());
    return res;
  } catch (err) {
    const kept = await cache.match(path);
    if (kept) return kept;
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
