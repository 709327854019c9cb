// The app shell, kept on the phone: a second visit starts without waiting for the network.
// - the page (index.html) comes from the cache at once and is fetched again behind it, so a new
//   release shows on the visit after it is published (and at once when nothing is cached);
//   a page of the release before that finds its files here, or reloads (main.tsx) if one is gone;
// - the hashed scripts and styles (/assets/) are kept as they were first fetched: they never change;
// - nothing under /api/ is touched: no data, no personal details, no tokens are ever cached here.
const SHELL = 'ef-shell-v1';
const ASSETS = 'ef-assets-v1';

// the page and the scripts and styles it names, stored at install: Chromium compiles a script
// stored then ahead of its first use, so the next visit does not parse the main script again
self.addEventListener('install', (event) => {
  event.waitUntil(keep(fetch('/', { cache: 'no-cache' })).then(() => self.skipWaiting()));
});

async function keep(pending) {
  const response = await pending;
  if (!response.ok) return response;
  const text = await response.clone().text();
  const assets = [...new Set(text.match(/\/assets\/[\w.-]+\.(?:js|css)/g) ?? [])];
  await (await caches.open(ASSETS)).addAll(assets);
  await (await caches.open(SHELL)).put('/', response.clone());
  return response;
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== ASSETS).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  // an address of the app (no file name): the app's page, as the server answers it
  if (request.mode === 'navigate' && !/\.\w+$/.test(url.pathname)) event.respondWith(page(event));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request));
});

/** The cached page at once, refreshed behind it; the network when nothing is cached (or it failed). */
async function page(event) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match('/');
  const previous = cached ? await cached.clone().text() : null;
  const fresh = fetch('/', { cache: 'no-cache' }).then(async (response) => {
    if (!response.ok) return response;
    const text = await response.clone().text();
    if (previous === text) return response;
    // a new release: keep the new page and what it names. The old files stay (a page still open may
    // load its screens from them); they go when the worker's own version changes (SHELL, ASSETS).
    return keep(Promise.resolve(response));
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => undefined));
    return cached;
  }
  return fresh;
}

async function asset(request) {
  const cache = await caches.open(ASSETS);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}
