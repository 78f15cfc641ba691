/* Estimate blocks in the reader's browser: edit an input, and every value on the page that depends
   on it is recomputed, with the ledger conditions that flip. The language is the one the build uses
   (overrides/hooks/estimate_language.py); tests/test_estimates.py checks both give the same text.
   Without this script the page shows the chapter's values, which is also what prints. */
(function () {
  "use strict";

  const UNITS = {
    ns: [1e-9, { s: 1 }], us: [1e-6, { s: 1 }], "µs": [1e-6, { s: 1 }], ms: [1e-3, { s: 1 }],
    s: [1, { s: 1 }], min: [60, { s: 1 }], h: [3600, { s: 1 }], day: [86400, { s: 1 }],
    week: [604800, { s: 1 }], month: [730 * 3600, { s: 1 }], year: [8760 * 3600, { s: 1 }],
    bit: [0.125, { B: 1 }], Kbit: [125, { B: 1 }], Mbit: [125e3, { B: 1 }], Gbit: [125e6, { B: 1 }],
    Tbit: [125e9, { B: 1 }], B: [1, { B: 1 }], KB: [1e3, { B: 1 }], MB: [1e6, { B: 1 }],
    GB: [1e9, { B: 1 }], TB: [1e12, { B: 1 }], PB: [1e15, { B: 1 }],
    $: [1, { $: 1 }],
    FLOP: [1, { FLOP: 1 }], MFLOP: [1e6, { FLOP: 1 }], GFLOP: [1e9, { FLOP: 1 }],
    TFLOP: [1e12, { FLOP: 1 }], PFLOP: [1e15, { FLOP: 1 }],
    "%": [0.01, {}],
  };
  const AUTO = {
    "B^1": ["B", "KB", "MB", "GB", "TB", "PB"],
    "B^1 s^-1": ["B/s", "KB/s", "MB/s", "GB/s", "TB/s"],
    "FLOP^1 s^-1": ["FLOP/s", "GFLOP/s", "TFLOP/s", "PFLOP/s"],
    "s^1": ["ns", "µs", "ms", "s"],
    "$^1": ["$"],
    "$^1 s^-1": ["$/h"],
    "s^-1": ["/s"],
  };
  const PLURAL = ["day", "week", "month", "year"];
  const FUNCTIONS = { about: 2, ceil: 1, floor: 1, round: 1, min: 2, max: 2, sqrt: 1, log2: 1, log10: 1, ln: 1, exp: 1 };
  const OPERATOR_TEXT = { "*": "×", "/": "÷", "-": "−", "+": "+", "^": "^", "<": "<", ">": ">",
                          "<=": "≤", ">=": "≥", "==": "=", "!=": "≠" };
  const SUPERSCRIPT = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
  const TOKEN = /\s*(?:((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[-+]?\d+)?)(?:\[([^\]]*)\])?|([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)?)|(<=|>=|==|!=|[-+*/^()<>,]))/y;

  class EstimateError extends Error {}

  // Dimensions are sorted "base^power" pairs joined by spaces: "B^1 s^-1"; "" is a plain number.
  function makeDims(d) {
    return Object.keys(d).filter(k => d[k]).sort().map(k => `${k}^${d[k]}`).join(" ");
  }
  function dimsObject(dims) {
    const d = {};
    if (dims) for (const pair of dims.split(" ")) { const [b, p] = pair.split("^"); d[b] = Number(p); }
    return d;
  }
  function dimsText(dims) {
    return !dims ? "a plain number" : dims.split(" ").map(p => p.endsWith("^1") ? p.slice(0, -2) : p).join("·");
  }
  function sameDims(a, b, what) {
    if (a.dims !== b.dims) throw new EstimateError(`${what} ${dimsText(a.dims)} and ${dimsText(b.dims)}: the units do not match`);
  }

  function parseUnit(text) {
    text = text.trim();
    if (!text) return [1, ""];
    let factor = 1;
    const dims = {};
    const re = /([*/]?)\s*([^*/^\s]+)(?:\^(-?\d+))?\s*/g;
    const source = "*/".includes(text[0]) ? text : "*" + text;
    let m;
    while ((m = re.exec(source))) {
      const [, sign, name, power] = m;
      if (!(name in UNITS)) throw new EstimateError(`unknown unit '${name}'`);
      const [f, d] = UNITS[name];
      const p = Number(power || 1) * (sign === "/" ? -1 : 1);
      factor *= f ** p;
      for (const b in d) dims[b] = (dims[b] || 0) + d[b] * p;
    }
    return [factor, makeDims(dims)];
  }

  // Parsing: the same grammar as estimate_language.parse.
  function tokenize(text) {
    const tokens = [];
    let pos = 0;
    while (pos < text.length) {
      if (!text.slice(pos).trim()) break;
      TOKEN.lastIndex = pos;
      const m = TOKEN.exec(text);
      if (!m || TOKEN.lastIndex === pos) throw new EstimateError(`cannot read '${text.slice(pos).trim().slice(0, 20)}'`);
      if (m[1] !== undefined) {
        tokens.push(["number", m[1], m[2] || ""]);
      } else if (m[3]) tokens.push(["name", m[3], ""]);
      else tokens.push(["op", m[4], ""]);
      pos = TOKEN.lastIndex;
    }
    return tokens;
  }

  function parse(text) {
    const tokens = tokenize(text);
    let pos = 0;
    const peek = () => tokens[pos] || ["end", "", ""];
    const take = expected => {
      const t = peek();
      if (t[0] === "end" || (expected && t[1] !== expected)) throw new EstimateError(`expected ${expected || "more"} in '${text.trim()}'`);
      pos++;
      return t;
    };
    const node = (kind, text, unit, args) => ({ kind, text: text || "", unit: unit || "", args: args || [] });
    function comparison() {
      const left = total();
      if (["<", "<=", ">", ">=", "==", "!="].includes(peek()[1])) { const op = take()[1]; return node("op", op, "", [left, total()]); }
      return left;
    }
    function total() {
      let n = product();
      while (["+", "-"].includes(peek()[1])) { const op = take()[1]; n = node("op", op, "", [n, product()]); }
      return n;
    }
    function product() {
      let n = unary();
      while (["*", "/"].includes(peek()[1])) { const op = take()[1]; n = node("op", op, "", [n, unary()]); }
      return n;
    }
    function unary() {
      if (peek()[1] === "-") { take(); return node("neg", "", "", [unary()]); }
      const n = atom();
      if (peek()[1] === "^") { take(); return node("op", "^", "", [n, unary()]); }
      return n;
    }
    function atom() {
      const [kind, value, unit] = take();
      if (kind === "number") return node("number", value, unit);
      if (kind === "name" && peek()[1] === "(") {
        if (!(value in FUNCTIONS)) throw new EstimateError(`unknown function '${value}'`);
        take("(");
        const args = [comparison()];
        while (peek()[1] === ",") { take(); args.push(comparison()); }
        take(")");
        if (args.length !== FUNCTIONS[value]) throw new EstimateError(`${value} takes ${FUNCTIONS[value]} argument(s), not ${args.length}`);
        return node("call", value, "", args);
      }
      if (kind === "name") return node("name", value);
      if (value === "(") { const inner = comparison(); take(")"); return node("paren", "", "", [inner]); }
      throw new EstimateError(`unexpected '${value}' in '${text.trim()}'`);
    }
    const n = comparison();
    if (pos !== tokens.length) throw new EstimateError(`unexpected '${tokens[pos][1]}' in '${text.trim()}'`);
    return n;
  }

  function names(node, found = new Set()) {
    if (node.kind === "name") found.add(node.text);
    node.args.forEach(a => names(a, found));
    return found;
  }

  function literal(node) {
    const [factor, dims] = parseUnit(node.unit);
    return { value: Number(node.text.replace(/,/g, "")) * factor, dims };
  }

  function evaluate(node, env) {
    const k = node.kind;
    if (k === "number") return literal(node);
    if (k === "name") {
      if (!(node.text in env)) throw new EstimateError(`unknown name '${node.text}'`);
      return env[node.text];
    }
    if (k === "paren") return evaluate(node.args[0], env);
    if (k === "neg") { const q = evaluate(node.args[0], env); return { value: -q.value, dims: q.dims }; }
    const args = node.args.map(a => evaluate(a, env));
    if (args.some(a => typeof a === "boolean")) throw new EstimateError("a comparison can only stand alone, as a ledger condition");
    if (k === "call") return call(node.text, args);
    const [a, b] = args;
    const op = node.text;
    if (op === "+" || op === "-") {
      sameDims(a, b, op === "+" ? "adding" : "subtracting");
      return { value: op === "+" ? a.value + b.value : a.value - b.value, dims: a.dims };
    }
    if (op === "*" || op === "/") {
      if (op === "/" && b.value === 0) throw new EstimateError("division by zero");
      const sign = op === "*" ? 1 : -1;
      const d = dimsObject(a.dims);
      const e = dimsObject(b.dims);
      for (const base in e) d[base] = (d[base] || 0) + sign * e[base];
      return { value: op === "*" ? a.value * b.value : a.value / b.value, dims: makeDims(d) };
    }
    if (op === "^") {
      if (b.dims) throw new EstimateError("an exponent must be a plain number");
      if (a.dims && b.value !== Math.trunc(b.value)) throw new EstimateError("a quantity with units can only be raised to a whole power");
      const d = dimsObject(a.dims);
      for (const base in d) d[base] *= Math.trunc(b.value);
      return { value: a.value ** b.value, dims: makeDims(d) };
    }
    sameDims(a, b, "comparing");
    return { "<": a.value < b.value, "<=": a.value <= b.value, ">": a.value > b.value,
             ">=": a.value >= b.value, "==": a.value === b.value, "!=": a.value !== b.value }[op];
  }

  function call(name, args) {
    const a = args[0];
    if (name === "about") {
      const figures = args[1];
      if (figures.dims || ![1, 2, 3, 4].includes(figures.value)) throw new EstimateError("about(x, n) rounds x to n significant figures, n from 1 to 4");
      if (a.value === 0) return a;
      return { value: Math.sign(a.value) * Number(Math.abs(a.value).toExponential(figures.value - 1)), dims: a.dims };
    }
    if (name === "min" || name === "max") {
      sameDims(a, args[1], `${name} of`);
      const pickSecond = name === "min" ? args[1].value < a.value : args[1].value > a.value;
      return pickSecond ? args[1] : a;
    }
    if (name === "sqrt") {
      const d = dimsObject(a.dims);
      if (Object.values(d).some(p => p % 2) || a.value < 0) throw new EstimateError("sqrt needs a non-negative quantity whose units are squares");
      for (const base in d) d[base] /= 2;
      return { value: Math.sqrt(a.value), dims: makeDims(d) };
    }
    if (a.dims) throw new EstimateError(`${name} needs a plain number: divide by a unit first`);
    if (name === "exp") return { value: Math.exp(a.value), dims: "" };
    if (name === "log2" || name === "log10" || name === "ln") {
      if (a.value <= 0) throw new EstimateError(`${name} of a number that is not positive`);
      return { value: { log2: Math.log2, log10: Math.log10, ln: Math.log }[name](a.value), dims: "" };
    }
    const rounded = { ceil: Math.ceil, floor: Math.floor, round: v => Math.floor(v + 0.5) }[name](a.value);
    return { value: rounded, dims: "" };
  }

  // Showing: the same rules as estimate_language.number_text and show.
  function place(digits, exponent) {
    let text;
    if (exponent < 0) text = "0." + "0".repeat(-exponent - 1) + digits;
    else if (exponent + 1 >= digits.length) text = digits + "0".repeat(exponent + 1 - digits.length);
    else text = digits.slice(0, exponent + 1) + "." + digits.slice(exponent + 1);
    const [whole, fraction = ""] = text.split(".");
    const trimmed = fraction.replace(/0+$/, "");
    return BigInt(whole).toLocaleString("en-US") + (trimmed ? "." + trimmed : "");
  }

  function numberText(value) {
    if (!Number.isFinite(value)) throw new EstimateError("the result is not a finite number");
    if (value === 0) return "0";
    const sign = value < 0 ? "−" : "";
    const a = Math.abs(value);
    if (a < 10000 && a === Math.floor(a)) return sign + a.toLocaleString("en-US");
    const [mantissa, e] = a.toExponential(2).split("e");
    const digits = mantissa.replace(".", "");
    const exponent = Number(e);
    if (exponent >= 12 || exponent < -3) {
      const m = place(digits, 0);
      return sign + (m === "1" ? "" : m + " × ") + "10" + String(exponent).split("").map(c => SUPERSCRIPT[c]).join("");
    }
    if (exponent >= 9) return sign + place(digits, exponent - 9) + " billion";
    if (exponent >= 6) return sign + place(digits, exponent - 6) + " million";
    return sign + place(digits, exponent);
  }

  function literalText(text) {
    const [mantissa, exponent] = text.split("e");
    if (exponent === undefined) return text;
    const power = "10" + String(Number(exponent)).split("").map(c => SUPERSCRIPT[c]).join("");
    return mantissa === "1" ? power : `${mantissa} × ${power}`;
  }

  function withUnit(number, unit, words) {
    if (words) return (unit && unit.startsWith("$") ? "$" + number : number) + " " + words;
    if (!unit) return number;
    if (unit.startsWith("$")) return (number.startsWith("−") ? "−" : "") + "$" + number.replace(/^−/, "") + unit.slice(1);
    if (unit.startsWith("/") || unit.startsWith("%")) return number + unit;
    if (PLURAL.includes(unit) && number !== "1") return number + " " + unit + "s";
    return number + " " + unit;
  }

  function autoUnit(q) {
    const candidates = AUTO[q.dims];
    if (!candidates) {
      if (!q.dims) return "";
      const d = dimsObject(q.dims);
      const keys = Object.keys(d).sort();
      const up = keys.filter(b => d[b] > 0).map(b => d[b] === 1 ? b : `${b}^${d[b]}`);
      const down = keys.filter(b => d[b] < 0).map(b => d[b] === -1 ? b : `${b}^${-d[b]}`);
      return up.join("*") + down.map(x => "/" + x).join("");
    }
    let best = candidates[0];
    for (const name of candidates) if (Math.abs(q.value) >= parseUnit(name)[0]) best = name;
    return best;
  }

  function show(q, unit, words) {
    unit = unit === null || unit === undefined ? autoUnit(q) : unit;
    const [factor, dims] = parseUnit(unit);
    if (dims !== q.dims) throw new EstimateError(`shown in '${unit}', but the value is ${dimsText(q.dims)}`);
    return withUnit(numberText(q.value / factor), unit, words);
  }

  function arithmetic(node, shown) {
    const k = node.kind;
    if (k === "number") return withUnit(literalText(node.text), node.unit);
    if (k === "name") return shown[node.text];
    if (k === "paren") return "(" + arithmetic(node.args[0], shown) + ")";
    if (k === "neg") return "−" + arithmetic(node.args[0], shown);
    if (k === "call" && node.text === "about") return arithmetic(node.args[0], shown) + ", rounded";
    if (k === "call") return node.text + "(" + node.args.map(a => arithmetic(a, shown)).join(", ") + ")";
    return `${arithmetic(node.args[0], shown)} ${OPERATOR_TEXT[node.text]} ${arithmetic(node.args[1], shown)}`;
  }

  /* A page's rows (as the build wrote them) evaluated with `inputs` (name -> number typed in the
     input's own unit; missing names keep the chapter's value). Returns values and shown texts. */
  function evaluatePage(rows, inputs = {}) {
    const byName = Object.fromEntries(rows.map(r => [r.name, r]));
    const values = {};
    const shown = {};
    const visiting = [];
    function visit(row) {
      if (row.name in values) return;
      if (visiting.includes(row.name)) throw new EstimateError(`a cycle: ${visiting.concat(row.name).join(" -> ")}`);
      visiting.push(row.name);
      if (row.input) {
        const [factor, dims] = parseUnit(row.inputUnit);
        const typed = row.name in inputs ? inputs[row.name] : Number(row.inputText.replace(/,/g, ""));
        values[row.name] = { value: typed * factor, dims };
        const text = row.name in inputs ? numberText(typed) : literalText(row.inputText);
        shown[row.name] = withUnit(text, row.inputUnit, row.words);
      } else {
        row.node = row.node || parse(row.expr);
        const env = {};
        for (const name of names(row.node)) {
          if (!(name in byName)) throw new EstimateError(`unknown name '${name}'`);
          visit(byName[name]);
          env[name] = values[name];
        }
        values[row.name] = evaluate(row.node, env);
        shown[row.name] = show(values[row.name], row.unit, row.words);
      }
      visiting.pop();
    }
    rows.forEach(visit);
    return { values, shown };
  }

  const api = { parse, evaluate, evaluatePage, show, numberText, arithmetic, names, EstimateError };
  if (typeof module !== "undefined") { module.exports = api; return; }

  // The page ----------------------------------------------------------------------------------

  // Printing shows the chapter's own values. One listener for the page on screen: instant navigation
  // keeps `window` across pages, so a listener per page would reset pages no longer there.
  let resetShownPage = null;
  window.addEventListener("beforeprint", () => resetShownPage && resetShownPage());

  function setUp() {
    const data = document.querySelector(".estimate-data");
    if (!data) resetShownPage = null;
    if (!data || data.dataset.ready) return;
    data.dataset.ready = "1";
    const rows = JSON.parse(data.dataset.rows);
    const byName = Object.fromEntries(rows.map(r => [r.name, r]));
    const inputs = {};
    const status = [];

    function recompute() {
      let page;
      try {
        page = evaluatePage(rows, inputs);
      } catch (e) {
        status.forEach(s => { s.textContent = `Cannot compute: ${e.message}`; });
        return;
      }
      for (const el of document.querySelectorAll("[data-est]")) {
        const name = el.dataset.est;
        if (el.tagName === "INPUT") continue;
        const unit = el.dataset.estUnit;
        el.textContent = unit ? show(page.values[name], unit, el.dataset.estWords || "") : page.shown[name];
        el.classList.toggle("estimate-changed", name in inputs || changedBy(byName[name]));
      }
      for (const el of document.querySelectorAll("[data-est-arithmetic]")) {
        const row = byName[el.dataset.estArithmetic];
        el.textContent = arithmetic(row.node, page.shown);
      }
      let flipped = 0;
      for (const el of document.querySelectorAll("[data-est-condition]")) {
        const node = parse(el.dataset.estCondition);
        const env = {};
        for (const n of names(node)) env[n] = page.values[n];
        const holds = evaluate(node, env);
        const flips = String(holds) !== el.dataset.holds;
        flipped += flips;
        el.firstChild.textContent = arithmetic(node, page.shown) + ": ";
        el.querySelector("[data-est-verdict]").textContent =
          flips ? (holds ? "now holds: this decision would change" : "no longer holds: this decision would change")
                : (holds ? "holds" : "does not hold");
        el.classList.toggle("estimate-flipped", flips);
      }
      const edited = Object.keys(inputs).length;
      status.forEach(s => {
        s.textContent = !edited ? "" : `${edited} input${edited > 1 ? "s" : ""} changed; ` +
          (flipped ? `${flipped} ledger condition${flipped > 1 ? "s" : ""} on this page flip.` : "no ledger condition on this page flips.");
      });
    }

    function changedBy(row) {
      if (row.input) return false;
      return [...names(row.node || (row.node = parse(row.expr)))].some(n => n in inputs || changedBy(byName[n]));
    }

    function reset() {
      for (const name in inputs) delete inputs[name];
      document.querySelectorAll("input[data-est]").forEach(field => { field.value = byName[field.dataset.est].inputText; });
      recompute();
    }

    // The fields, the reset buttons and their status lines are in the page as built
    // (overrides/hooks/estimates.py), so it is laid out once; without JavaScript they are hidden.
    for (const field of document.querySelectorAll(".estimate input[data-est]")) {
      const row = byName[field.dataset.est];
      field.addEventListener("input", () => {
        const typed = Number(field.value.replace(/,/g, "").trim());
        const valid = field.value.trim() !== "" && Number.isFinite(typed);
        field.setAttribute("aria-invalid", String(!valid));
        if (!valid) return;
        if (field.value.replace(/,/g, "") === row.inputText.replace(/,/g, "")) delete inputs[row.name];
        else inputs[row.name] = typed;
        recompute();
      });
      if (field.value !== field.defaultValue) field.dispatchEvent(new Event("input"));  // typed before this ran
    }
    document.querySelectorAll(".estimate-bar button").forEach(button => button.addEventListener("click", reset));
    status.push(...document.querySelectorAll(".estimate-bar [role=status]"));
    resetShownPage = reset;
  }

  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
