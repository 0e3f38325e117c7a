// Alliance Planner service worker.
//
// This is a template: the post-build hook (.ci/post-build.mjs) replaces the two
// placeholders below with the build's content version and the exact list of files
// Trunk staged (hashed names included). Every path is relative to this script, so the
// app works under any sub-path (https://host/some/path/sw.js).
'use strict';

const VERSION = '__BUILD_VERSION__';
const PRECACHE = [/* __PRECACHE_LIST__ */];

const CACHE_PREFIX = 'alliance-planner-';
const CACHE_NAME = CACHE_PREFIX + VERSION;

// The precached files sit next to this script; with the default registration its
// directory is also self.registration.scope.
const BASE = new URL('./', self.location.href);
const INDEX_URL = new URL('./', BASE).href; // routes are hash-based: './' is the page

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE_NAME);
      const urls = [INDEX_URL, ...PRECACHE.map((path) => new URL(path, BASE).href)];
      // cache: 'reload' skips the HTTP cache so a stale copy never lands in the precache.
      await cache.addAll([...new Set(urls)].map((url) => new Request(url, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME)
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

async function networkFirstPage(request) {
  try {
    return await fetch(request);
  } catch (networkError) {
    const cache = await caches.open(CACHE_NAME);
    const cached = (await cache.match(request, { ignoreSearch: true })) || (await cache.match(INDEX_URL));
    if (cached) return cached;
    throw networkError;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE_NAME);
  const cached = await cache.match(request);
  return cached || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  if (new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirstPage(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});
