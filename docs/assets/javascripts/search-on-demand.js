// Material requests the whole search index (0.7 MB gzipped) as every page opens, where it competes
// with the page's own files for a phone's bandwidth: on Lighthouse's slow-4G profile it pushed the
// largest paint of a chapter from 1.8 s to 5.7 s in about one run in three. This runs before
// Material's bundle and holds that one request until the page has loaded and gone idle, or the
// reader presses a key, taps or clicks (the search box and its shortcuts included), whichever
// comes first. The index is then fetched and searched exactly as before.
(function () {
  const INDEX = /\/search\/search_index\.json$/;
  let release;
  const released = new Promise(resolve => { release = resolve; });

  const { open, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.isSearchIndex = INDEX.test(new URL(url, location.href).pathname);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...body) {
    if (!this.isSearchIndex) return send.apply(this, body);
    released.then(() => send.apply(this, body));
  };

  const whenIdle = window.requestIdleCallback?.bind(window) || (callback => setTimeout(callback, 200));
  window.addEventListener("load", () => whenIdle(release), { once: true });
  for (const event of ["keydown", "pointerdown", "focusin"]) {
    window.addEventListener(event, release, { once: true, capture: true });
  }
})();
