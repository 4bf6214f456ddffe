// Netground service worker {{.Version}}: caches every page and asset of the
// bundle at install, so the whole playground works offline after one visit.
// The cache is named after the worker's scope too, so that two bundles on
// one origin (under two sub-paths) keep their own caches.
const cachePrefix = "netground-" + new URL(self.registration.scope).pathname + "-";
const cacheName = cachePrefix + "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};
const rootPage = "NETGROUND_ROOT_PAGE";
// A page's own first-answer binary (the Practice page's) is kept only if
// this browser fetched it already (it is in the HTTP cache): the worker
// downloads nothing more for it, since the app answers offline.
const keptIfCached = NETGROUND_KEPT_IF_CACHED;

// A file whose name carries a hash of its content (app.0123456789abcdef.wasm)
// is stored only if its body hashes to that name: a body cut short by a
// proxy never goes into the cache. Other files must arrive whole as far as
// their Content-Length tells (it counts the encoded bytes, so it is checked
// only when the body came unencoded).
const hashedName = /\.([0-9a-f]{16})\.[a-z]+$/;

async function fetchChecked(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) {
    throw new Error(url + ": " + response.status);
  }
  const body = await response.clone().arrayBuffer();
  const hash = new URL(url, self.location.href).pathname.match(hashedName);
  if (hash) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
    const hex = [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
    if (hex !== hash[1]) {
      throw new Error(url + ": the body does not match its name (" + body.byteLength + " bytes)");
    }
  } else if (!response.headers.get("Content-Encoding")) {
    const length = response.headers.get("Content-Length");
    if (length !== null && Number(length) !== body.byteLength) {
      throw new Error(url + ": " + body.byteLength + " of " + length + " bytes");
    }
  }
  return response;
}

// cacheChecked stores url after checking it; a failed check tries once more
// past the HTTP cache, then fails the install, which the next visit retries.
async function cacheChecked(cache, url) {
  let response;
  try {
    response = await fetchChecked(url, { cache: "default" });
  } catch (err) {
    response = await fetchChecked(url, { cache: "reload" });
  }
  await cache.put(url, response);
}

// keepIfCached stores url if the HTTP cache holds it whole; otherwise it
// does nothing, and never fails the install.
async function keepIfCached(cache, url) {
  try {
    await cache.put(url, await fetchChecked(url, { cache: "only-if-cached", mode: "same-origin" }));
  } catch (err) {
    // Not in the HTTP cache: the page's app answers instead.
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) =>
        Promise.all(resourcesToCache.map((url) => cacheChecked(cache, url))).then(() =>
          Promise.all(keptIfCached.map((url) => keepIfCached(cache, url)))
        )
      )
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
