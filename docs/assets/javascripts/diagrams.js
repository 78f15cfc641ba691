// `make serve` only: draw the page's diagrams in the author's browser.
//
// The built site has every diagram drawn into its page already (overrides/hooks/diagrams.py) and
// does not ship this file. Under `make serve` the hook leaves each diagram as its source in a
// <pre class="diagram-source"> and adds this script to every page. It draws each page's diagrams,
// however the page was reached, with draw-diagram.mjs, the module the build draws with (same
// Mermaid, theme and font), so an edit shows at once without a Chromium on the author's machine.
// A diagram Mermaid rejects shows its message.
(function () {
  const module = new URL("draw-diagram.mjs", document.currentScript.src).href;

  document$.subscribe(async ({ body }) => {
    const blocks = [...body.querySelectorAll("pre.diagram-source")];
    if (!blocks.length) return;
    const { drawDiagram } = await import(module);
    for (const [n, pre] of blocks.entries()) {
      try {
        const { svg, width } = await drawDiagram(`diagram-${n + 1}`, pre.textContent);
        const diagram = document.createElement("div");
        diagram.className = "diagram";
        diagram.style.setProperty("--diagram-width", `${width}px`);
        diagram.innerHTML = svg;
        // The full-screen button the build puts under each diagram (diagrams.py, open_button).
        const button = document.createElement("button");
        button.type = "button";
        button.className = "diagram-open";
        button.textContent = "Open full screen";
        button.setAttribute("aria-label", `Open full screen: ${diagram.querySelector("svg > title")?.textContent.trim() || "Diagram"}`);
        pre.replaceWith(diagram, button);
      } catch (error) {
        pre.className = "diagram-error";
        pre.textContent = `Mermaid cannot parse this diagram: ${error.message || error}\n\n${pre.textContent}`;
      }
    }
  });
})();
