// Village's service worker: a parent's pages kept for reading offline, and push notices.
// Served from the root by pwa/views.py; decision 0039-installable-and-offline.
//
// The server decides everything: each response says whose pages this browser may hold
// (Village-Cache-Owner: an opaque key, or "none") and which to keep (Village-Cache: keep).
// One cache, named by the key; any other is deleted as soon as a different owner appears.
// Pages come from the network first; from the cache only when the network fails.
'use strict';
const PREFIX = 'village-';
const SIGN_IN = '__SIGN_IN__';
const ICON = '__ICON__';
const MAX_ENTRIES = 80;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

const wipe = async () => Promise.all((await caches.keys()).map((name) => caches.delete(name)));

self.addEventListener('message', (event) => {
  if (event.data === 'wipe') event.waitUntil(wipe());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') event.respondWith(fromNetwork(event, false));
  else if (request.destination === 'audio') event.respondWith(fromNetwork(event, true));
});

async function fromNetwork(event, audio) {
  try {
    const response = await fetch(event.request);
    event.waitUntil(keep(event.request.url, response.clone(), audio).catch(() => {}));
    return response;
  } catch (offline) {
    const kept = await fromCache(event.request.url);
    if (kept) return audio ? ranged(kept, event.request.headers.get('Range')) : marked(kept);
    // A page this phone does not hold: the person's own home page, if kept, says they are
    // offline and holds what matters most (the next visit, the coach's number).
    const home = new URL('/', self.location.origin).href;
    if (!audio && event.request.url !== home && await fromCache(home)) return Response.redirect(home, 302);
    throw offline;
  }
}

// The cache of the one owner this browser holds pages for, or null after wiping others.
async function cacheOf(response) {
  const owner = response.headers.get('Village-Cache-Owner');
  const signedOut = response.status === 401 || response.status === 403 ||
    (response.redirected && new URL(response.url).pathname === SIGN_IN);
  if (owner === 'none' || signedOut) {
    await wipe();
    return null;
  }
  if (!owner) return null;  // not from the app (a proxy's error page): change nothing
  const name = PREFIX + owner;
  await Promise.all((await caches.keys()).filter((n) => n !== name).map((n) => caches.delete(n)));
  return response.headers.get('Village-Cache') === 'keep' ? caches.open(name) : null;
}

async function keep(url, response, audio) {
  const cache = await cacheOf(response);
  if (!cache) {
    // A recording removed or no longer shared leaves this phone too.
    if (audio && response.status === 404) await Promise.all(
      (await caches.keys()).map(async (n) => (await caches.open(n)).delete(url)));
    return;
  }
  if (audio) {
    // Players ask for parts (Range); the cache holds the whole file, fetched once: from
    // this answer when it is the whole file (a first "bytes=0-"), else asked for whole.
    if (await cache.match(url)) return;
    const part = /^bytes 0-(\d+)\/(\d+)$/.exec(response.headers.get('Content-Range') || '');
    const whole = response.status === 200 || (part && Number(part[1]) + 1 === Number(part[2]))
      ? response : await fetch(url);
    if (whole.status > 206 || whole.headers.get('Village-Cache') !== 'keep') return;
    const headers = new Headers(whole.headers);
    headers.delete('Content-Range');
    await cache.put(url, new Response(await whole.blob(), {status: 200, headers}));
    return;
  }
  // Only pages the person opened are kept: opening a page marks messages read and
  // changes seen, and is audited, so nothing is fetched on their behalf.
  if (response.status !== 200 || response.redirected) return;
  await cache.put(url, response);
  await trim(cache);
}

async function trim(cache) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_ENTRIES)).map((k) => cache.delete(k)));
}

async function fromCache(url) {
  const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX));
  if (names.length !== 1) return null;  // nobody's, or not sure whose: nothing
  return (await caches.open(names[0])).match(url, {ignoreVary: true});
}

// A page from the cache says so: the page's script then shows when it was saved.
async function marked(response) {
  const body = (await response.text()).replace('<html ', '<html data-from-cache ');
  const headers = new Headers(response.headers);
  headers.delete('Content-Length');
  return new Response(body, {headers});
}

async function ranged(response, range) {
  const asked = /^bytes=(\d+)-(\d*)$/.exec(range || '');
  if (!asked) return response;
  const blob = await response.blob();
  const first = Number(asked[1]);
  const last = Math.min(asked[2] ? Number(asked[2]) : blob.size - 1, blob.size - 1);
  if (first > last) return new Response(null, {status: 416, headers: {'Content-Range': `bytes */${blob.size}`}});
  return new Response(blob.slice(first, last + 1), {status: 206, headers: {
    'Content-Type': response.headers.get('Content-Type'),
    'Content-Range': `bytes ${first}-${last}/${blob.size}`,
    'Content-Length': String(last - first + 1),
    'Accept-Ranges': 'bytes',
  }});
}

// Push: only "You have a new update" and a link ever arrive (notices never carry words).
self.addEventListener('push', (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (notJson) { /* shown plain */ }
  event.waitUntil(self.registration.showNotification(data.title || 'Village', {
    body: data.body || '', data: {url: data.url || '/'}, icon: ICON,
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  let url = '/';
  try {
    const asked = new URL((event.notification.data || {}).url || '/', self.location.origin);
    if (asked.origin === self.location.origin) url = asked.pathname + asked.search + asked.hash;
  } catch (badUrl) { /* home */ }
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({type: 'window', includeUncontrolled: true});
    const open = windows.find((w) => new URL(w.url).pathname + new URL(w.url).search === url);
    return open ? open.focus() : self.clients.openWindow(url);
  })());
});
