// A table wider than the column scrolls inside Material's wrapper (added by Material's own script
// after load); keyboard users need to be able to focus it to scroll it.
window.addEventListener("load", () => {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(wrap => {
    if (wrap.scrollWidth > wrap.clientWidth) wrap.tabIndex = 0;
  });
});
