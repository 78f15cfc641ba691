// Typeset formulas with KaTeX (node_modules/katex, the version package-lock.json pins), for
// overrides/hooks/formulas.py. Reads a JSON list of [tex, display] from stdin and writes, in the same
// order, {"html": ...} or {"error": KaTeX's message}.
import katex from "katex";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const out = JSON.parse(input).map(([tex, display]) => {
  try {
    return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true }) };
  } catch (e) {
    return { error: String(e && e.message || e) };
  }
});
process.stdout.write(JSON.stringify(out));
