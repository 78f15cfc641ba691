// Filters the table that follows `<div data-ledger-filter>` by trade-off, step and chapter, and by
// free text. Without JavaScript the table stays whole and readable. The options come from the
// table's own cells, so the generated Markdown carries no extra data.
(function () {
  const FILTERS = [
    { column: "Trade-off", label: "Trade-off", all: "All trade-offs", multi: true },
    { column: "Step", label: "Framework step", all: "All steps" },
    { column: "Chapter", label: "Chapter or case study", all: "All chapters" },
  ];

  function cellValues(cell, multi) {
    if (!multi) return [cell.textContent.trim()];
    const links = [...cell.querySelectorAll("a")].map((a) => a.textContent.trim());
    return links.length ? links : [cell.textContent.trim()];
  }

  function element(tag, attrs, text) {
    const el = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => el.setAttribute(k, v));
    if (text) el.textContent = text;
    return el;
  }

  function setUp(box, index) {
    let table = box.nextElementSibling;
    if (table && !table.matches("table")) table = table.querySelector("table");
    if (!table || box.dataset.ready) return;
    box.dataset.ready = "1";
    const headers = [...table.tHead.rows[0].cells].map((th) => th.textContent.trim());
    const rows = [...table.tBodies[0].rows].map((tr) => {
      const values = {};
      FILTERS.forEach((f) => (values[f.column] = cellValues(tr.cells[headers.indexOf(f.column)], f.multi)));
      return { tr, values, text: tr.textContent.toLowerCase() };
    });

    const form = element("form", { class: "ledger-filter__form", role: "search", "aria-label": "Filter decisions" });
    form.addEventListener("submit", (e) => e.preventDefault());
    const controls = FILTERS.filter((f) => headers.includes(f.column)).map((f, i) => {
      const id = `ledger-filter-${index}-${i}`;
      const select = element("select", { id, "data-column": f.column });
      select.append(element("option", { value: "" }, f.all));
      const options = [...new Set(rows.flatMap((r) => r.values[f.column]))].sort((a, b) =>
        a.localeCompare(b, undefined, { numeric: true }));
      options.forEach((o) => select.append(element("option", { value: o }, o)));
      const label = element("label", { for: id }, f.label);
      const wrap = element("div", { class: "ledger-filter__field" });
      wrap.append(label, select);
      form.append(wrap);
      return select;
    });
    const textId = `ledger-filter-${index}-text`;
    const text = element("input", { id: textId, type: "search", placeholder: "e.g. IVF-PQ", autocomplete: "off" });
    const textWrap = element("div", { class: "ledger-filter__field" });
    textWrap.append(element("label", { for: textId }, "Contains"), text);
    const clear = element("button", { type: "button", class: "md-button" }, "Clear filters");
    const status = element("p", { class: "ledger-filter__status", role: "status", "aria-live": "polite" });
    form.append(textWrap, clear);
    box.append(form, status);

    function apply() {
      const words = text.value.toLowerCase().trim().split(/\s+/).filter(Boolean);
      let shown = 0;
      rows.forEach((r) => {
        const keep = controls.every((s) => !s.value || r.values[s.dataset.column].includes(s.value)) &&
          words.every((w) => r.text.includes(w));
        r.tr.hidden = !keep;
        shown += keep;
      });
      status.textContent = `Showing ${shown} of ${rows.length} decisions`;
    }
    controls.forEach((s) => s.addEventListener("change", apply));
    text.addEventListener("input", apply);
    clear.addEventListener("click", () => {
      controls.forEach((s) => (s.value = ""));
      text.value = "";
      apply();
      controls[0].focus();
    });
    apply();
  }

  const run = () => document.querySelectorAll("[data-ledger-filter]").forEach(setUp);
  if (typeof document$ !== "undefined") document$.subscribe(run);
  else document.addEventListener("DOMContentLoaded", run);
})();
