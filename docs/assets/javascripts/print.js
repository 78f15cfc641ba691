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
    // A diagram taller than a page would be cut in two: narrow it until it fits on one page. The
    // drawing sits in a closed shadow root, so its shape is measured from outside: the diagram's
    // height at a width of 100 px gives its aspect ratio, its height with room to spare its natural width.
    document.querySelectorAll(".md-typeset div.mermaid").forEach(diagram => {
      const minWidth = diagram.style.minWidth;  // diagrams.js keeps wide ones legible on screen
      const heightAt = width => {
        diagram.style.minWidth = "0";
        diagram.style.width = width + "px";
        const height = diagram.getBoundingClientRect().height;
        diagram.style.width = "";
        diagram.style.minWidth = minWidth;
        return height;
      };
      const aspect = heightAt(100) / 100;
      if (!aspect) return;
      const naturalWidth = heightAt(4000) / aspect;
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
