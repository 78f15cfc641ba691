// Getting a page ready for paper. The browser's Print runs `prepare` on `beforeprint` and `restore`
// on `afterprint`; scripts/make_pdf.py calls `prepare` before it prints a chapter.
(function () {
  // A4 with the guide's print margins (16 mm each side, 18 and 16 mm top and bottom), in CSS pixels,
  // leaving room under a diagram for its caption.
  const PRINT_WIDTH_PX = 672;
  const PRINT_HEIGHT_PX = 900;
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
    // Collapsed answers are half of a drill page: open them all.
    document.querySelectorAll("details:not([open])").forEach(details => {
      details.open = true;
      undo.push(() => { details.open = false; });
    });
    // A diagram taller than a page would be cut in two: narrow it until it fits on one page.
    // diagrams.js records each drawing's natural width and aspect ratio (height / width).
    document.querySelectorAll(".md-typeset div.mermaid[data-aspect]").forEach(diagram => {
      const aspect = Number(diagram.dataset.aspect);
      const naturalWidth = Number(diagram.dataset.naturalWidth);
      if (aspect * Math.min(naturalWidth, PRINT_WIDTH_PX) > PRINT_HEIGHT_PX) {
        const before = diagram.style.maxWidth;
        diagram.style.maxWidth = Math.floor(PRINT_HEIGHT_PX / aspect) + "px";
        diagram.style.marginInline = "auto";
        undo.push(() => { diagram.style.maxWidth = before; diagram.style.marginInline = ""; });
      }
    });
  }

  function restore() {
    while (undo.length) undo.pop()();
  }

  window.fieldGuidePrint = { prepare, restore };
  window.addEventListener("beforeprint", prepare);
  window.addEventListener("afterprint", restore);
})();
