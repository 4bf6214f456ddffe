// Netground service worker {{.Version}}: caches every page and asset of the
// bundle at install, so the whole playground works offline after one visit.
// The cache is named after the worker's scope too, so that two bundles on
// one origin (under two sub-paths) keep their own caches.
const cachePrefix = "netground-" + new URL(self.registration.scope).pathname + "-";
const cacheName = cachePrefix + "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};
const rootPage = "NETGROUND_ROOT_PAGE";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll(resourcesToCache))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        // Only this bundle's older caches: other apps on a shared origin
        // (GitHub Pages, say) keep theirs. "netground-<version>" is the
        // name earlier versions of this worker used.
        Promise.all(
          keys
            .filter((k) => k !== cacheName && (k.startsWith(cachePrefix) || /^netground-[0-9a-f]{20}$/.test(k)))
            .map((k) => caches.delete(k))
        )
      )
      .then(() => self.clients.claim())
  );
});

// A page URL carries its state in the query (/addr?ip=10.0.0.1): every such
// URL is answered with the cached page of its route, which reads the query
// when it starts. A path with a trailing slash is the same route.
async function cachedPage(request) {
  const cache = await caches.open(cacheName);
  const url = new URL(request.url);
  const candidates = [url.pathname];
  if (url.pathname.length > 1 && url.pathname.endsWith("/")) {
    candidates.push(url.pathname.slice(0, -1));
  }
  for (const path of candidates) {
    const hit = await cache.match(new URL(path, url.origin).href, { ignoreSearch: true });
    if (hit) {
      return hit;
    }
  }
  return undefined;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(
      cachedPage(request).then(
        (hit) =>
          hit ||
          fetch(request).catch(() =>
            caches
              .open(cacheName)
              .then((cache) => cache.match(rootPage))
              .then((root) => root || Response.error())
          )
      )
    );
    return;
  }
  event.respondWith(
    caches.open(cacheName).then((cache) =>
      cache.match(request).then((hit) => hit || fetch(request))
    )
  );
});
