// Getting a page ready for paper. The browser's Print runs `prepare` on `beforeprint` and `restore`
// on `afterprint`; scripts/make_pdf.py calls `prepare` before it prints a chapter. Diagrams need
// nothing here: they are drawn into the page at build time, and the print styles in extra.css fit
// each one to the column and to one page.
(function () {
  const undo = [];

  function prepare() {
    if (undo.length) return;
    // Paper is light: print in the light palette even when the reader browses in dark mode.
    const body = document.body;
    const scheme = body.getAttribute("data-md-color-scheme");
    if (scheme && scheme !== "default") {
      body.setAttribute("data-md-color-scheme", "default");
      undo.push(() => body.setAttribute("data-md-color-scheme", scheme));
    }
    // Paper shows where an outside link goes (extra.css); a link within the site is marked as such,
    // since instant navigation makes every link's address absolute.
    document.querySelectorAll(".md-typeset a[href]:not([data-internal])").forEach(a => {
      if (a.origin !== location.origin) return;
      a.dataset.internal = "";
      undo.push(() => { delete a.dataset.internal; });
    });
    // Collapsed answers are half of a drill page: open them all.
    document.querySelectorAll("details:not([open])").forEach(details => {
      details.open = true;
      undo.push(() => { details.open = false; });
    });
  }

  function restore() {
    while (undo.length) undo.pop()();
  }

  window.fieldGuidePrint = { prepare, restore };
  window.addEventListener("beforeprint", prepare);
  window.addEventListener("afterprint", restore);
})();
