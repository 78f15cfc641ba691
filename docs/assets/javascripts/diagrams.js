// Wide diagrams: Mermaid scales a drawing down to the column, and a wide flowchart or sequence
// diagram ends up with labels too small to read. Keep every diagram at 60% of its natural size or
// more, and let the ones that are still wider than the column scroll sideways, like a wide table.
(function () {
  const MIN_SCALE = 0.6;

  // Material draws into a closed shadow root, so the drawing's natural width is measured from
  // outside: its height at 100 px wide gives the aspect ratio, its height with room to spare the width.
  function naturalWidth(diagram) {
    const heightAt = width => {
      diagram.style.width = width + "px";
      const height = diagram.getBoundingClientRect().height;
      diagram.style.width = "";
      return height;
    };
    const aspect = heightAt(100) / 100;
    return aspect ? heightAt(4000) / aspect : 0;
  }

  function fit(diagram) {
    if (diagram.dataset.fitted !== undefined || !diagram.getBoundingClientRect().height) return;
    diagram.dataset.fitted = "";
    const minimum = Math.round(naturalWidth(diagram) * MIN_SCALE);
    if (minimum <= diagram.parentElement.clientWidth) return;
    const scroller = document.createElement("div");
    scroller.className = "diagram-scroll";
    scroller.tabIndex = 0;  // reachable and scrollable by keyboard
    scroller.setAttribute("role", "region");
    // Each scrolling region needs a name of its own: the diagram's caption, else its position.
    const caption = diagram.closest("figure")?.querySelector("figcaption")?.textContent.trim();
    const position = [...document.querySelectorAll(".md-typeset div.mermaid")].indexOf(diagram) + 1;
    scroller.setAttribute("aria-label", `Wide diagram, scrolls sideways: ${caption || "diagram " + position}`);
    diagram.before(scroller);
    scroller.append(diagram);
    diagram.style.minWidth = minimum + "px";
  }

  const sizes = new ResizeObserver(entries => entries.forEach(entry => fit(entry.target)));
  const watch = () => document.querySelectorAll(".md-typeset div.mermaid:not([data-fitted])")
    .forEach(diagram => sizes.observe(diagram));
  new MutationObserver(watch).observe(document.body, { childList: true, subtree: true });
  watch();
})();
