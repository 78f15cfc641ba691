// Render the formulas pymdownx.arithmatex marks (\( \) inline, \[ \] display) with self-hosted KaTeX.
// Only inside its `.arithmatex` wrappers: scanning every text node of a long page costs a phone time.
document$.subscribe(({ body }) => {
  body.querySelectorAll(".arithmatex").forEach(formula => renderMathInElement(formula, {
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: false,
  }));
});
