// Filters the tables that follow `<section data-ledger-filter>`. Its form is in the page as built
// (overrides/hooks/ledger_filter.py): one list per column it filters on (`data-key`; "Step" is the
// section, the H2 a table sits under), a free-text box, a Clear button and a status line. This fills
// each list from the tables' own cells and hides the rows a choice leaves out; a section with no row
// left hides whole. Without JavaScript the form is hidden and the tables stay whole and readable. The
// filters live in the address (?tradeoff=…&step=…&q=…), so a filtered view can be shared, and Back
// from a decision's chapter returns to it; the table of contents hides the sections the filter emptied.
(function () {
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

  // A table, the block that holds it (Material's scrolling box, overrides/hooks/tables.py) and its section's H2,
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

  function setUp(box) {
    const form = box.querySelector("form");
    if (box.dataset.ready || !form) return;
    const tables = [...document.querySelectorAll(".md-typeset table")]
      .filter((t) => box.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING);
    if (!tables.length) return;
    box.dataset.ready = "1";
    const controls = [...form.querySelectorAll("select[data-key]")];
    const text = form.querySelector("input[type=search]");
    const clear = form.querySelector("button");
    const status = box.querySelector(".ledger-filter__status");
    const noun = box.dataset.noun;
    const sections = tables.map((table) => {
      const part = section(table);
      const headers = [...table.tHead.rows[0].cells].map((th) => th.textContent.trim());
      const columns = controls.map(({ dataset: { key, multi } }) => ({ key, multi: multi !== undefined, at: headers.indexOf(key) }));
      part.rows = [...table.tBodies[0].rows].map((tr) => {
        const values = {};
        columns.forEach(({ key, multi, at }) => {
          if (key === "Step") values[key] = [part.title];
          else if (at >= 0) values[key] = cellValues(tr.cells[at], multi);
        });
        return { tr, values, text: tr.textContent.toLowerCase() };
      });
      return part;
    });
    const rows = sections.flatMap((part) => part.rows);
    controls.forEach((select) => {
      const options = [...new Set(rows.flatMap((r) => r.values[select.dataset.key] || []))];
      if (select.dataset.key !== "Step") options.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
      options.forEach((o) => select.append(element("option", { value: o }, o)));
    });
    form.addEventListener("submit", (e) => e.preventDefault());

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
