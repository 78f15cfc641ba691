// Material fetches the whole search index (2 MB, 0.7 MB gzipped) on the page's main thread as every
// page opens, parses it there and copies it into its search worker: on Lighthouse's phone that was
// a quarter of a second of blocked main thread on every page, and on slow 4G the download competed
// with the page's own files. This runs before Material's bundle and changes that one request:
// Material gets search/search_config.json instead, the index's config without its documents (the
// page uses only the config, to highlight a search's words), and the search worker fetches and
// parses the documents itself (workers/search-guide.js). The request is held until the page has
// loaded and gone idle, or the reader presses a key, taps or clicks (the search box and its
// shortcuts included), whichever comes first.
(function () {
  const INDEX = /\/search\/search_index\.json$/;
  let release;
  const released = new Promise(resolve => { release = resolve; });

  const { open, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    const address = new URL(url, location.href);
    this.isSearchIndex = INDEX.test(address.pathname);
    if (this.isSearchIndex) address.pathname = address.pathname.replace(INDEX, "/search/search_config.json");
    return open.call(this, method, this.isSearchIndex ? address.href : url, ...rest);
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
