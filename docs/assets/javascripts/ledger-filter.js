// Filters the tables that follow `<div data-ledger-filter>` by the columns of FILTERS they have
// (trade-off, chapter, pattern), by their section (framework step, or what `data-section` names), and
// by free text; `data-noun` names what a row is ("decisions" unless said), `data-section-all` the
// section filter's "all" option. Each table sits under its step's H2; a section with no row left
// hides whole. Without JavaScript the tables stay whole and readable. The options come from the
// tables' own cells and headings, so the generated Markdown carries no extra data. The filters live
// in the address (?tradeoff=…&step=…&chapter=…&q=…), so a filtered view can be shared, and Back from a
// decision's chapter returns to it; the table of contents hides the sections the filter emptied.
(function () {
  const FILTERS = [
    { key: "Trade-off", param: "tradeoff", label: "Trade-off", all: "All trade-offs", multi: true },
    { key: "Step", param: "step", label: "Framework step", all: "All steps" },
    { key: "Chapter", param: "chapter", label: "Chapter or case study", all: "All chapters" },
    { key: "Patterns", param: "pattern", label: "Pattern", all: "All patterns", multi: true },
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

  // A table, the block that holds it (Material wraps tables for scrolling) and its section's H2,
  // and its entry in the contents (whose links instant navigation has made absolute).
  function section(table) {
    const block = table.closest(".md-typeset__scrollwrap") || table;
    let heading = block.previousElementSibling;
    while (heading && heading.tagName !== "H2") heading = heading.previousElementSibling;
    const toc = heading && heading.id
      ? [...document.querySelectorAll(`.md-nav--secondary a[href$="#${CSS.escape(heading.id)}"]`)].map((a) => a.closest("li"))
      : [];
    return { block, heading, toc, title: heading ? heading.firstChild.textContent.trim() : "" };
  }

  function setUp(box, index) {
    if (box.dataset.ready) return;
    const tables = [...document.querySelectorAll(".md-typeset table")]
      .filter((t) => box.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING);
    if (!tables.length) return;
    box.dataset.ready = "1";
    const sections = tables.map((table) => {
      const part = section(table);
      const headers = [...table.tHead.rows[0].cells].map((th) => th.textContent.trim());
      const columns = FILTERS.filter((f) => headers.includes(f.key)).map((f) => [f, headers.indexOf(f.key)]);
      part.rows = [...table.tBodies[0].rows].map((tr) => {
        const values = { Step: [part.title] };
        columns.forEach(([f, i]) => (values[f.key] = cellValues(tr.cells[i], f.multi)));
        return { tr, values, text: tr.textContent.toLowerCase() };
      });
      return part;
    });
    const rows = sections.flatMap((part) => part.rows);
    const present = new Set(rows.flatMap((r) => Object.keys(r.values)));
    const filters = FILTERS.filter((f) => present.has(f.key)).map((f) => f.key !== "Step" || !box.dataset.section ? f
      : { ...f, param: box.dataset.section.toLowerCase(), label: box.dataset.section, all: box.dataset.sectionAll });
    const noun = box.dataset.noun || "decisions";

    const form = element("form", { class: "ledger-filter__form", role: "search", "aria-label": `Filter ${noun}` });
    form.addEventListener("submit", (e) => e.preventDefault());
    const controls = filters.map((f, i) => {
      const id = `ledger-filter-${index}-${i}`;
      const select = element("select", { id, "data-key": f.key, "data-param": f.param });
      select.append(element("option", { value: "" }, f.all));
      const options = [...new Set(rows.flatMap((r) => r.values[f.key] || []))];
      if (f.key !== "Step") options.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
      options.forEach((o) => select.append(element("option", { value: o }, o)));
      const wrap = element("div", { class: "ledger-filter__field" });
      wrap.append(element("label", { for: id }, f.label), select);
      form.append(wrap);
      return select;
    });
    const textId = `ledger-filter-${index}-text`;
    const text = element("input", { id: textId, type: "search", placeholder: box.dataset.example || "e.g. IVF-PQ", autocomplete: "off" });
    const textWrap = element("div", { class: "ledger-filter__field" });
    textWrap.append(element("label", { for: textId }, "Contains"), text);
    const clear = element("button", { type: "button", class: "md-button" }, "Clear filters");
    const status = element("p", { class: "ledger-filter__status", role: "status", "aria-live": "polite" });
    form.append(textWrap, clear);
    box.append(form, status);

    function fromAddress() {
      const params = new URLSearchParams(location.search);
      controls.forEach((s) => {
        const wanted = params.get(s.dataset.param) || "";
        s.value = [...s.options].some((o) => o.value === wanted) ? wanted : "";
      });
      text.value = params.get("q") || "";
    }

    function toAddress() {
      const params = new URLSearchParams(location.search);
      controls.forEach((s) => (s.value ? params.set(s.dataset.param, s.value) : params.delete(s.dataset.param)));
      text.value.trim() ? params.set("q", text.value.trim()) : params.delete("q");
      const query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? `?${query}` : "") + location.hash);
    }

    function apply() {
      const words = text.value.toLowerCase().trim().split(/\s+/).filter(Boolean);
      let shown = 0;
      sections.forEach((part) => {
        let left = 0;
        part.rows.forEach((r) => {
          const keep = controls.every((s) => !s.value || (r.values[s.dataset.key] || []).includes(s.value)) &&
            words.every((w) => r.text.includes(w));
          if (r.tr.hidden === keep) r.tr.hidden = !keep;
          left += keep;
        });
        part.block.hidden = !left;
        if (part.heading) part.heading.hidden = !left;
        part.toc.forEach((li) => (li.hidden = !left));
        shown += left;
      });
      status.textContent = `Showing ${shown} of ${rows.length} ${noun}`;
    }

    const update = () => { apply(); toAddress(); };
    controls.forEach((s) => s.addEventListener("change", update));
    text.addEventListener("input", update);
    clear.addEventListener("click", () => {
      controls.forEach((s) => (s.value = ""));
      text.value = "";
      update();
      controls[0].focus();
    });
    fromAddress();
    apply();
  }

  // Loaded on every page: sets up the filter of each page that has one, however the page was reached.
  document$.subscribe(() => document.querySelectorAll("[data-ledger-filter]").forEach(setUp));
})();
