// Flashcards over the practice questions: flip, next, previous, shuffle, filter, mark known.
// Progress (known cards, filters, order, current card) stays in this browser's localStorage.
// Loaded on every page; it sets up the deck of each page that has one, however the page was reached.
(function () {
  const STORE = "field-guide.flashcards";
  const KEYS = { " ": "flip", ArrowRight: "next", ArrowLeft: "previous", k: "known", s: "shuffle" };
  let onPage = null;  // the actions of the deck on the page shown, if it has one

  // Capture phase, so that Material's own shortcuts (s and f focus the search) do not fire as well.
  window.addEventListener("keydown", event => {
    const action = onPage && KEYS[event.key];
    const typing = event.target.closest && event.target.closest("input, select, textarea, [contenteditable]");
    const onButton = event.key === " " && event.target.closest && event.target.closest("button, a");
    if (!action || typing || onButton || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    onPage[action]();
  }, true);

  document$.subscribe(() => {
    const root = document.querySelector("[data-flashcards]");
    onPage = root ? (root.flashcards ??= setUp(root)) : null;
  });

  function setUp(root) {
    const cards = JSON.parse(root.dataset.flashcards);
    const byId = new Map(cards.map(c => [c.id, c]));
    const form = root.querySelector(".flashcards__filters");
    const el = name => root.querySelector(".flashcards__" + name);
    const button = action => root.querySelector(`[data-action="${action}"]`);

    const saved = (() => { try { return JSON.parse(localStorage.getItem(STORE)) || {}; } catch (e) { return {}; } })();
    const state = {
      known: new Set(saved.known || []),
      order: (saved.order || []).filter(id => byId.has(id)),
      current: saved.current || null,
      filters: saved.filters || {},
      flipped: false,
    };
    if (state.order.length !== cards.length) state.order = cards.map(c => c.id);
    for (const [name, value] of Object.entries(state.filters)) {
      const field = form.elements[name];
      if (!field) continue;
      if (field.type === "checkbox") field.checked = !!value; else field.value = value;
    }

    function save() {
      localStorage.setItem(STORE, JSON.stringify({
        known: [...state.known], order: state.order, current: state.current, filters: state.filters,
      }));
    }

    function readFilters() {
      state.filters = {
        step: form.elements.step.value, case: form.elements.case.value,
        difficulty: form.elements.difficulty.value, unknown: form.elements.unknown.checked,
      };
    }

    function deck() {
      const f = state.filters;
      return state.order.map(id => byId.get(id)).filter(c =>
        (!f.step || String(c.step) === f.step) && (!f.case || c.case === f.case) &&
        (!f.difficulty || c.difficulty === f.difficulty) && (!f.unknown || !state.known.has(c.id)));
    }

    function render() {
      const shown = deck();
      let index = shown.findIndex(c => c.id === state.current);
      if (index < 0) index = 0;
      const card = shown[index];
      state.current = card ? card.id : null;
      const known = state.known.size;
      el("status").textContent = `${known} of ${cards.length} cards known. ` +
        (card ? `Card ${index + 1} of ${shown.length} in this selection.` : "No card matches these filters.");
      el("meta").textContent = card ? [`Step ${card.step}. ${card.stepName}`, card.difficulty, card.caseName]
        .filter(Boolean).join(" · ") + (state.known.has(card.id) ? " · known" : "") : "";
      el("question").innerHTML = card ? card.q : "Change the filters, or untick “Only cards I do not know yet”.";
      const answer = el("answer");
      answer.innerHTML = card ? card.a + '<p class="flashcards__learn">Learn it: ' +
        card.learn.map(l => `<a href="${l.href}">${l.title}</a>`).join(", ") + "</p>" : "";
      answer.hidden = !state.flipped || !card;
      const flip = button("flip");
      flip.textContent = state.flipped ? "Hide answer" : "Show answer";
      flip.setAttribute("aria-expanded", String(state.flipped));
      const mark = button("known");
      mark.setAttribute("aria-pressed", String(!!card && state.known.has(card.id)));
      mark.textContent = card && state.known.has(card.id) ? "Mark not known" : "I know this";
      for (const action of ["flip", "known", "next", "previous"]) button(action).disabled = !card;
      save();
    }

    function move(step) {
      const shown = deck();
      if (!shown.length) return;
      const index = Math.max(0, shown.findIndex(c => c.id === state.current));
      state.current = shown[(index + step + shown.length) % shown.length].id;
      state.flipped = false;
      render();
      el("card").focus();
    }

    const actions = {
      flip() { state.flipped = !state.flipped; render(); },
      next() { move(1); },
      previous() { move(-1); },
      known() {
        if (!state.current) return;
        if (state.known.has(state.current)) state.known.delete(state.current); else state.known.add(state.current);
        render();
      },
      shuffle() {
        const order = state.order;
        for (let i = order.length - 1; i > 0; i--) {
          const j = Math.floor(Math.random() * (i + 1));
          [order[i], order[j]] = [order[j], order[i]];
        }
        state.current = deck().length ? deck()[0].id : null;
        state.flipped = false;
        render();
      },
      reset() {
        state.known.clear();
        state.order = cards.map(c => c.id);
        state.current = null;
        state.flipped = false;
        render();
      },
    };

    root.addEventListener("click", event => {
      const target = event.target.closest("[data-action]");
      if (target && actions[target.dataset.action]) actions[target.dataset.action]();
    });
    form.addEventListener("change", () => { readFilters(); state.flipped = false; render(); });

    render();
    return actions;
  }
})();
