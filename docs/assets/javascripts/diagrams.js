// Diagrams: drawn when they come near the viewport, and kept legible when they are wide.
//
// Mermaid is the heaviest script on the site (its one-file build is 3.5 MB), and drawing every
// diagram as a page opened made a phone wait seconds before the page answered a tap. mermaid2 adds
// this file, in place of Mermaid, to each page with diagrams. Material draws each diagram by calling
// the global `mermaid`: `initialize` once, then `render` for every diagram as the page opens. The
// stand-in below holds each `render` until its diagram is within half a screen of the viewport, and then
// loads Mermaid's ESM build, once, which fetches the code of only the diagram types the page draws.
// After the reader's first scroll, diagrams still waiting are drawn one by one while the page is
// idle, so that printing from the browser finds them drawn.
(function () {
  const source = new URL("../vendor/mermaid/mermaid.esm.min.mjs", document.currentScript.src).href;
  const MIN_SCALE = 0.6;
  const stub = {};
  const waiting = new Map();  // undrawn <pre class="mermaid"> -> starts its drawing
  let settings = {};
  let real;

  // Mermaid paints charts on white with near-black text, whatever the palette. Material's theme CSS
  // (passed to initialize) is scoped to each drawing; these rules join it so that charts take the
  // page's background and text colours, in light and dark alike.
  const XY = ".main:has(> .plot)";  // an xychart's drawing: Mermaid nests theme CSS under the SVG's id
  const CHART_CSS = `
    ${XY} > .background { fill: transparent; }
    ${XY} text { fill: var(--md-default-fg-color--light); }
    ${XY} .chart-title text { fill: var(--md-default-fg-color); }
    ${XY} .axis-line path, ${XY} .ticks path { stroke: var(--md-default-fg-color--light); }`;

  function withChartColours(options) {
    return { ...options, themeCSS: (options.themeCSS || "") + CHART_CSS };
  }

  function loadMermaid() {
    real ||= import(source).then(({ default: mermaid }) => {
      mermaid.initialize(withChartColours(settings));
      return mermaid;
    });
    return real;
  }

  // Let one diagram's drawing start; the promise settles when it is drawn.
  function draw(pre) {
    const start = waiting.get(pre);
    waiting.delete(pre);
    nearViewport.unobserve(pre);
    return new Promise(drawn => start(drawn));
  }

  const nearViewport = new IntersectionObserver(
    entries => entries.forEach(entry => entry.isIntersecting && draw(entry.target)),
    { rootMargin: "50% 0px" });

  const whenIdle = window.requestIdleCallback?.bind(window) || (callback => setTimeout(callback, 200));
  function drawRestWhenIdle() {
    whenIdle(() => {
      const [next] = waiting.keys();
      next && draw(next).then(drawRestWhenIdle);
    });
  }

  stub.initialize = options => {
    settings = { ...settings, ...options };
    real?.then(mermaid => mermaid.initialize(withChartColours(settings)));
  };

  stub.render = async (id, text) => {
    // Material calls render while the diagram's <pre> is still in the page, in document order.
    const pre = [...document.querySelectorAll("pre.mermaid")].find(p => p.textContent === text && !p.dataset.queued);
    let drawn;
    if (pre) {
      pre.dataset.queued = "";
      drawn = await new Promise(start => { waiting.set(pre, start); nearViewport.observe(pre); });
    }
    try {
      const { svg, fn } = await (await loadMermaid()).render(id, text);
      // Material puts the drawing in a closed shadow root and then calls fn with that root.
      return { svg, fn: shadow => { keepLegible(shadow.host, svg); fn?.(shadow); } };
    } finally {
      drawn?.();
    }
  };

  // Draw every diagram now (scripts/make_pdf.py and the tests call this before they look).
  stub.drawAll = () => Promise.all([...waiting.keys()].map(draw));

  window.mermaid = stub;
  window.addEventListener("scroll", drawRestWhenIdle, { once: true, passive: true });
  window.addEventListener("beforeprint", stub.drawAll);

  // Wide diagrams: Mermaid scales a drawing down to the column, and a wide flowchart or sequence
  // diagram ends up with labels too small to read. Keep every diagram at 60% of its natural size or
  // more, and let the ones still wider than the column scroll sideways, like a wide table. The
  // drawing's natural size comes from its SVG (max-width, else the viewBox); print.js reads it too.
  function keepLegible(diagram, svg) {
    const [, , width, height] = (svg.match(/viewBox="([^"]*)"/)?.[1] || "").split(/[\s,]+/).map(Number);
    const maxWidth = Number(svg.match(/max-width:\s*([\d.]+)px/)?.[1]);
    if (!(width > 0 && height > 0)) return;
    diagram.dataset.naturalWidth = maxWidth || width;
    diagram.dataset.aspect = height / width;
    sizes.observe(diagram);  // fitted once it is laid out (one inside a closed <details> is not yet)
  }

  function fit(diagram) {
    const column = diagram.parentElement.clientWidth;
    if (!column) return;
    sizes.unobserve(diagram);
    const minimum = Math.round(diagram.dataset.naturalWidth * MIN_SCALE);
    if (minimum <= column) return;
    const scroller = document.createElement("div");
    scroller.className = "diagram-scroll";
    scroller.tabIndex = 0;  // reachable and scrollable by keyboard
    scroller.setAttribute("role", "region");
    // Each scrolling region needs a name of its own: the diagram's caption, else its position.
    const caption = diagram.closest("figure")?.querySelector("figcaption")?.textContent.trim();
    const position = [...document.querySelectorAll(".md-typeset .mermaid")].indexOf(diagram) + 1;
    scroller.setAttribute("aria-label", `Wide diagram, scrolls sideways: ${caption || "diagram " + position}`);
    diagram.before(scroller);
    scroller.append(diagram);
    diagram.style.minWidth = minimum + "px";
  }

  const sizes = new ResizeObserver(entries => entries.forEach(entry => fit(entry.target)));
})();
