// Where a page reached by instant navigation opens: a followed link at the page's top or its
// #section, Back and Forward where the reader was. Material (9.8) means to, but keeps the position in
// the address's history entry 100 ms after scrolling stops, so:
// - a link tapped within 100 ms of a scroll, or the page being left scrolled while the next one
//   loads, gives the new page the old page's position;
// - Back to an address with a #section first scrolls the page being left to the position kept, and
//   if the page takes over 100 ms to arrive, keeps that (clamped) position instead;
// - the position is restored before the page's formulas and filters have set its height.
// So the position is set again once the page is shown and set up: this script comes after the
// guide's other scripts in mkdocs.yml, so it runs after theirs on each page.
(function () {
  let back = null;  // Back or Forward: the position to return to
  let followed = false;  // a link was followed (or something clicked) since the last page
  window.addEventListener("popstate", () => { back = history.state?.y ?? null; followed = false; });
  window.addEventListener("click", () => { back = null; followed = true; }, true);

  document$.subscribe(() => {
    if (back !== null) {
      window.scrollTo(0, back);
    } else if (followed && history.state) {  // a position kept for this entry before it was shown
      const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) target.scrollIntoView(); else window.scrollTo(0, 0);
    }
    back = null;
    followed = false;
  });
})();
