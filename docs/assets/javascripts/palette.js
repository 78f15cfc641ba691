// The light/dark toggle (overrides/partials/palette.html), in place of Material's palette script and
// with its behaviour: the first visit follows the system's preference, a choice is kept in Material's
// "__palette" entry (which Material's inline script applies before a page's first paint), Enter on
// the toggle switches. What differs is cost: a colour attribute is set only when it changes, the
// color-scheme meta tag is written in the head before there is a page to restyle (overrides/main.html),
// and the theme-color meta tag reads the header's colour once the page is idle.
(function () {
  const form = document.querySelector("form[data-palette]");
  if (!form) return;
  const inputs = [...form.querySelectorAll("input[name=__palette]")];
  const themeColor = document.createElement("meta");
  themeColor.name = "theme-color";
  document.head.append(themeColor);

  const stored = __md_get("__palette");
  const first = stored ? stored.index : inputs.findIndex(input => matchMedia(input.dataset.mdColorMedia).matches);
  let current = inputs[Math.max(0, Math.min(first, inputs.length - 1))];
  show(current);
  (window.requestIdleCallback || setTimeout)(paintThemeColor);

  form.addEventListener("change", event => {
    show(event.target);
    paintThemeColor();
  });
  form.addEventListener("keydown", event => {
    if (event.key !== "Enter") return;
    const next = inputs[(inputs.indexOf(current) + 1) % inputs.length];
    next.click();
    next.focus();
  });

  function show(input) {
    current = input;
    input.checked = true;
    const color = {
      media: input.dataset.mdColorMedia, scheme: input.dataset.mdColorScheme,
      primary: input.dataset.mdColorPrimary, accent: input.dataset.mdColorAccent,
    };
    for (const [key, value] of Object.entries(color)) {
      if (document.body.getAttribute(`data-md-color-${key}`) !== value) document.body.setAttribute(`data-md-color-${key}`, value);
    }
    for (const other of inputs) {
      const label = other.nextElementSibling;
      if (label instanceof HTMLLabelElement) label.hidden = other !== input;
    }
    const scheme = document.querySelector('meta[name="color-scheme"]');
    const wanted = color.scheme === "slate" ? "dark" : "light";
    if (scheme && scheme.content !== wanted) scheme.content = wanted;
    __md_set("__palette", { index: inputs.indexOf(input), color });
  }

  function paintThemeColor() {
    const background = getComputedStyle(document.querySelector("[data-md-component=header]")).backgroundColor;
    themeColor.content = "#" + background.match(/\d+/g).slice(0, 3).map(n => (+n).toString(16).padStart(2, "0")).join("");
  }
})();
