// An abbreviation's expansion, shown in Material's tooltip while the reader points at it (a tap on a
// phone). The build marks each <abbr> `data-preview` so that Material does not set up a tooltip for
// each one as the page opens (overrides/hooks/abbreviations.py); this one listener draws the tooltip
// of the abbreviation pointed at, as Material draws a title's, and takes it away when the pointer
// leaves, the page scrolls, Escape is pressed or another page is shown.
(function () {
  let shown = null;  // { abbr, tooltip, title }

  function hide() {
    if (!shown) return;
    shown.abbr.title = shown.title;
    shown.abbr.removeAttribute("aria-describedby");
    shown.tooltip.remove();
    shown = null;
  }

  function show(abbr) {
    hide();
    const tooltip = document.createElement("div");
    tooltip.className = "md-tooltip2 md-tooltip2--bottom";
    tooltip.setAttribute("role", "tooltip");
    tooltip.id = "__abbreviation";
    const inner = document.createElement("div");
    inner.className = "md-tooltip2__inner md-typeset";
    inner.textContent = abbr.title;
    tooltip.append(inner);
    shown = { abbr, tooltip, title: abbr.title };
    abbr.removeAttribute("title");  // or the browser shows its own tooltip as well
    abbr.setAttribute("aria-describedby", tooltip.id);
    document.body.append(tooltip);
    const host = abbr.getBoundingClientRect();
    const style = tooltip.style;
    style.setProperty("--md-tooltip-host-x", `${host.left + window.scrollX}px`);
    style.setProperty("--md-tooltip-host-y", `${host.top + window.scrollY}px`);
    style.setProperty("--md-tooltip-x", `${host.width / 2}px`);
    style.setProperty("--md-tooltip-y", `${host.height + 8}px`);
    style.setProperty("--md-tooltip-width", `${inner.getBoundingClientRect().width}px`);
    style.setProperty("--md-tooltip-tail", "0px");
    requestAnimationFrame(() => tooltip.classList.add("md-tooltip2--active"));  // drawn first, so it fades in
  }

  // Mouse events, not pointer events: after a tap, a phone sends pointerout at once but mouseout only
  // when the reader taps elsewhere, so the expansion stays up to be read.
  document.addEventListener("mouseover", event => {
    const abbr = event.target.closest && event.target.closest("abbr[data-preview]");
    if (abbr && abbr.title) show(abbr);
    else if (!abbr) hide();
  });
  document.addEventListener("mouseout", event => {
    if (shown && event.target === shown.abbr && !shown.abbr.contains(event.relatedTarget)) hide();
  });
  document.addEventListener("keydown", event => { if (event.key === "Escape") hide(); });
  window.addEventListener("scroll", hide, { capture: true, passive: true });
  document$.subscribe(hide);
})();
