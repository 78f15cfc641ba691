// A table wider than the column scrolls inside Material's wrapper (added by Material's own script as
// each page is shown, before this runs); keyboard users need to be able to focus it to scroll it.
// Measured once the page's fonts are in, as the fonts set the table's width.
document$.subscribe(({ body }) => document.fonts.ready.then(() => {
  body.querySelectorAll(".md-typeset__scrollwrap").forEach(wrap => {
    if (wrap.scrollWidth > wrap.clientWidth) wrap.tabIndex = 0;
  });
}));
