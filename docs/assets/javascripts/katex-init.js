// Render the formulas pymdownx.arithmatex marks (\( \) inline, \[ \] display) with self-hosted KaTeX.
// Loaded on every page; KaTeX itself (270 kB) is fetched the first time a page with a formula is
// shown, however it was reached. Only inside its `.arithmatex` wrappers: scanning every text node of
// a long page costs a phone time.
(function () {
  const here = document.currentScript.src;
  let katex;  // KaTeX and auto-render loaded, once a page has asked for them

  function load(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL(src, here).href;
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }

  document$.subscribe(({ body }) => {
    const formulas = body.querySelectorAll(".arithmatex");
    if (!formulas.length) return;
    const typeset = () => formulas.forEach(formula => renderMathInElement(formula, {
      delimiters: [
        { left: "\\(", right: "\\)", display: false },
        { left: "\\[", right: "\\]", display: true },
      ],
      throwOnError: false,
    }));
    // Once KaTeX is here, at once, so that the page has its height when scroll-position.js runs.
    if (window.renderMathInElement) return typeset();
    katex ??= load("../vendor/katex/katex.min.js").then(() => load("../vendor/katex/auto-render.min.js"));
    katex.then(typeset);
  });
})();
