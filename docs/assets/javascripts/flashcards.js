// Flashcards over the practice questions, scheduled by spaced repetition (scheduler.js: SM-2 as
// Anki applies it). The reader writes an answer, shows the model answer, ticks the rubric points
// they covered and grades the card Again, Hard, Good or Easy; the card comes back when it is due.
// The schedule, settings and filters stay in this browser's localStorage; Export and Import move
// them, with the answers (answer-first.js), to a file and back.
// Loaded on every page; it sets up the deck of each page that has one, however the page was reached.
(function () {
  const STORE = "field-guide.srs";
  const OLD_STORE = "field-guide.flashcards";  // before scheduling: known cards and filters
  const FORMAT = "ml-system-design-field-guide.progress";
  const GRADES = ["Again", "Hard", "Good", "Easy"];
  const KEYS = { " ": "flip", ArrowRight: "skip", u: "undo", s: "shuffle", e: "export", i: "import", a: "write" };
  let onPage = null;  // the actions of the deck on the page shown, if it has one

  // Capture phase, so that Material's own shortcuts (s and f focus the search) do not fire as well.
  window.addEventListener("keydown", event => {
    if (!onPage || event.ctrlKey || event.metaKey || event.altKey) return;
    // Keys are the deck's unless the reader is typing; a ticked checkbox still lets 1-4 grade.
    const typing = event.target.closest && event.target.closest(
      "input:not([type=checkbox]):not([type=radio]), select, textarea, [contenteditable]");
    const onButton = event.key === " " && event.target.closest && event.target.closest("button, a, summary, input");
    let run = null;
    const digit = /^Digit([1-5])$/.exec(event.code);
    if (digit && event.shiftKey) run = () => onPage.tick(Number(digit[1]) - 1);
    else if (/^[1-4]$/.test(event.key)) run = () => onPage.grade(Number(event.key));
    else if (KEYS[event.key]) run = onPage[KEYS[event.key]];
    if (!run || typing || onButton) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    run();
  }, true);

  document$.subscribe(() => {
    const root = document.querySelector("[data-flashcards]");
    onPage = root && root.flashcards || null;
    if (root && !root.flashcards) {
      withCards(root, cards => {
        root.flashcards ??= setUp(root, cards);
        if (root.isConnected) onPage = root.flashcards;
      });
    }
  });

  // The cards are a script of their own beside the page (its name in data-flashcards), which sets
  // window.fieldGuideFlashcards: added here, it loads without holding up the page's first paint.
  function withCards(root, done) {
    if (window.fieldGuideFlashcards) return done(window.fieldGuideFlashcards);
    const script = document.createElement("script");
    script.src = new URL(root.dataset.flashcards, location.href).href;
    script.addEventListener("load", () => done(window.fieldGuideFlashcards));
    script.addEventListener("error", () => {
      root.querySelector(".flashcards__status").textContent = "The cards could not be loaded. Reload the page to try again.";
    });
    document.head.append(script);
  }

  function readStore() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORE));
      if (saved && typeof saved === "object") return saved;
      const old = JSON.parse(localStorage.getItem(OLD_STORE));
      return old && old.filters ? { filters: old.filters } : {};
    } catch (e) { return {}; }
  }

  function setUp(root, cards) {
    const S = window.fieldGuideScheduler;
    const A = window.fieldGuideAnswers;
    const byId = new Map(cards.map(c => [c.id, c]));
    const form = root.querySelector(".flashcards__filters");
    const el = name => root.querySelector(".flashcards__" + name);
    const button = action => root.querySelector(`[data-action="${action}"]`);
    const textarea = root.querySelector(".flashcards__attempt textarea");
    const newPerDay = root.querySelector('input[name="newPerDay"]');
    const file = el("file");

    const saved = readStore();
    const state = {
      cards: {},            // id -> scheduler state, for cards answered at least once
      order: [],            // the order new cards come in
      settings: { newPerDay: S.DEFAULTS.newPerDay },
      filters: {},
      current: null,        // the card shown
      revealed: false,
      skipped: [],          // skipped this visit: shown after the rest
      undo: [],             // what each grade of this visit replaced
      covered: [],          // rubric points ticked on the card shown
      checklist: null,
    };
    adopt(saved);
    for (const [name, value] of Object.entries(state.filters)) {
      if (form.elements[name] && typeof value === "string") form.elements[name].value = value;
    }

    // Take a stored (or imported) progress object, keeping only what belongs to this deck.
    function adopt(saved) {
      state.cards = {};
      for (const [id, s] of Object.entries(saved.cards || {})) if (byId.has(id) && S.validState(s)) state.cards[id] = s;
      const order = (Array.isArray(saved.order) ? saved.order : []).filter(id => byId.has(id));
      state.order = [...new Set([...order, ...cards.map(c => c.id)])];
      const n = saved.settings && saved.settings.newPerDay;
      state.settings = { newPerDay: Number.isInteger(n) && n >= 0 ? n : S.DEFAULTS.newPerDay };
      state.filters = saved.filters && typeof saved.filters === "object" ? saved.filters : {};
      newPerDay.value = state.settings.newPerDay;
    }

    function progress() {
      return { cards: state.cards, order: state.order, settings: state.settings, filters: state.filters };
    }
    function save() {
      try { localStorage.setItem(STORE, JSON.stringify(progress())); } catch (e) { /* private mode */ }
    }

    function selection() {
      const f = state.filters;
      return state.order.filter(id => {
        const c = byId.get(id);
        return (!f.step || String(c.step) === f.step) && (!f.case || c.case === f.case) &&
          (!f.difficulty || c.difficulty === f.difficulty);
      });
    }

    function today(now) {
      const q = S.queue(selection(), state.cards, now, state.settings);
      const later = q.cards.filter(id => state.skipped.includes(id));
      q.cards = [...q.cards.filter(id => !state.skipped.includes(id)), ...later];
      return q;
    }

    function when(ms) {
      const minutes = Math.round((ms - Date.now()) / 60000);
      if (minutes < 1) return "in under a minute";
      if (minutes < 60) return `in ${minutes} min`;
      const day = S.dayNumber(ms) - S.dayNumber(Date.now());
      const time = new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
      return day === 0 ? `at ${time}` : day === 1 ? `tomorrow` : `in ${day} days`;
    }

    let timer = null;
    function render() {
      const now = Date.now();
      const q = today(now);
      if (!q.cards.includes(state.current)) {
        state.current = q.cards[0] || null;
        state.revealed = false;
        state.covered = [];
        textarea.value = "";
      }
      const card = state.current && byId.get(state.current);
      const st = card && (state.cards[card.id] || S.newCard());
      const started = Object.keys(state.cards).length;
      const c = q.counts;
      let status = `Due now: ${c.review} to review, ${c.learning} learning, ${c.new} new ` +
        `(${state.settings.newPerDay} new a day, ${q.newLeft} left today). ${started} of ${cards.length} cards started.`;
      clearTimeout(timer);
      if (!card) {
        const next = S.nextDue(state.cards, now, state.settings);
        status = `Nothing due in this selection. ${started} of ${cards.length} cards started.` +
          (next ? ` The next card is due ${when(next)}.` : "");
        // A learning card comes within the learn-ahead limit soon: show it then.
        if (next && next - now < 3600 * 1000) timer = setTimeout(render, Math.max(1000, next - now - S.DEFAULTS.learnAheadMinutes * 60000 + 1000));
      }
      el("status").textContent = status;
      const kind = !st ? "" : st.type === "new" ? "new card" : st.type === "review" ? `review (last interval ${st.ivl} d)` : "learning";
      el("meta").textContent = card ? [`Step ${card.step}. ${card.stepName}`, card.difficulty, card.caseName, kind]
        .filter(Boolean).join(" · ") : "";
      el("question").innerHTML = card ? card.q
        : "All done for now. Change the filters, raise the new cards a day, or come back when cards are due.";
      el("attempt").hidden = !card;

      const answer = el("answer");
      if (card && state.revealed && answer.dataset.card !== card.id) {
        answer.dataset.card = card.id;
        answer.innerHTML = card.a;
        state.checklist = null;
        if (card.rubric.length) {
          state.checklist = A.checklist(card.rubric, state.covered, covered => { state.covered = covered; suggest(); });
          answer.append(state.checklist);
          const hint = document.createElement("p");
          hint.className = "flashcards__suggest";
          answer.append(hint);
        }
        const learn = document.createElement("p");
        learn.className = "flashcards__learn";
        learn.innerHTML = "Learn it: " + card.learn.map(l => `<a href="${l.href}">${l.title}</a>`).join(", ");
        answer.append(learn);
        suggest();
      }
      if (!card || !state.revealed) { answer.replaceChildren(); delete answer.dataset.card; }
      answer.hidden = !card || !state.revealed;

      const flip = button("flip");
      flip.textContent = state.revealed ? "Hide answer" : "Show answer";
      flip.setAttribute("aria-expanded", String(state.revealed));
      flip.disabled = !card;
      el("grades").hidden = !card || !state.revealed;
      if (card) {
        root.querySelectorAll('[data-action="grade"]').forEach(b => {
          const next = S.answer(st, Number(b.dataset.grade), now, state.settings);
          b.querySelector(".flashcards__when").textContent = S.describe(next, now, state.settings);
        });
      }
      button("skip").disabled = !card || q.cards.length < 2;
      button("undo").disabled = !state.undo.length;
      save();
    }

    // The grade the ticks point to; the reader decides.
    function suggest() {
      const hint = el("suggest");
      const card = byId.get(state.current);
      if (!hint || !card) return;
      const share = state.covered.length / card.rubric.length;
      const grade = share === 1 ? "Good (or Easy, if it came at once)" : share >= 0.5 ? "Hard" : "Again";
      hint.textContent = `${state.covered.length} of ${card.rubric.length} points: ${grade}, by the rubric.`;
    }

    function focusCard() {
      el("card").focus({ preventScroll: true });
    }

    function message(text) {
      el("message").textContent = text;
    }

    const actions = {
      flip() {
        if (!state.current) return;
        state.revealed = !state.revealed;
        render();
        if (state.revealed) focusCard();
      },
      write() {
        if (state.current) textarea.focus();
      },
      tick(i) {
        if (state.revealed && state.checklist) state.checklist.toggle(i);
      },
      grade(g) {
        if (!state.current || !state.revealed) return;
        const card = byId.get(state.current);
        const before = state.cards[card.id];
        state.cards[card.id] = S.answer(before || S.newCard(), g, Date.now(), state.settings);
        const attempt = {
          title: new DOMParser().parseFromString(card.q, "text/html").body.textContent, text: textarea.value.trim(),
          step: card.step, stepName: card.stepName, tradeoff: card.tradeoff || undefined,
          tradeoffName: card.tradeoffName || undefined, tradeoffPath: card.tradeoffHref ? A.toPath(card.tradeoffHref) : undefined,
          learn: card.learn.map(l => ({ title: l.title, path: A.toPath(l.href) })).filter(l => l.path !== null),
          page: { title: "Flashcards", path: A.toPath(location.href.split("#")[0]) || "" },
        };
        Object.assign(attempt, card.rubric.length ? { rubric: card.rubric.length, covered: state.covered }
          : { self: g === 1 ? "missed" : g === 2 ? "partly" : "covered" });
        const previous = A.record(card.id, attempt);
        state.undo.push({ id: card.id, before, previous, grade: g });
        state.skipped = state.skipped.filter(id => id !== card.id);
        state.current = null;
        message(`${GRADES[g - 1]}: “${attempt.title}” comes back in ${S.describe(state.cards[card.id], Date.now(), state.settings)}.`);
        render();
        A.refreshWeakSpots();
        focusCard();
      },
      skip() {
        if (!state.current) return;
        state.skipped = [...state.skipped.filter(id => id !== state.current), state.current];
        state.current = null;
        render();
        focusCard();
      },
      undo() {
        const last = state.undo.pop();
        if (!last) return;
        if (last.before) state.cards[last.id] = last.before; else delete state.cards[last.id];
        A.record(last.id, last.previous);
        state.skipped = state.skipped.filter(id => id !== last.id);
        // Show the card that was undone, whatever the queue's order.
        state.current = last.id;
        state.revealed = false;
        state.covered = [];
        textarea.value = "";
        render();
        message(`Undone: your ${GRADES[last.grade - 1]} on that card.`);
        A.refreshWeakSpots();
        focusCard();
      },
      shuffle() {
        const order = state.order;
        for (let i = order.length - 1; i > 0; i--) {
          const j = Math.floor(Math.random() * (i + 1));
          [order[i], order[j]] = [order[j], order[i]];
        }
        state.current = null;
        render();
        message("New cards will come in a new random order.");
      },
      export() {
        const data = Object.assign({ format: FORMAT, version: 1, exported: new Date().toISOString() }, progress(),
          { answers: A.load() });
        const blob = new Blob([JSON.stringify(data, null, 1)], { type: "application/json" });
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = `field-guide-progress-${new Date().toISOString().slice(0, 10)}.json`;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 10000);
        message(`Exported ${Object.keys(state.cards).length} scheduled cards and ${Object.keys(data.answers).length} answers to ${link.download}.`);
      },
      import() {
        file.value = "";
        file.click();
      },
      reset() {
        if (!window.confirm("Forget the schedule of every card and every answer kept on this device?")) return;
        state.cards = {};
        state.order = cards.map(c => c.id);
        state.undo = [];
        state.skipped = [];
        state.current = null;
        A.save({});
        render();
        A.refreshWeakSpots();
        message("Progress reset: every card is new again.");
      },
    };

    // A progress file, checked before anything is replaced; the reason when it cannot be used.
    function read(text, name) {
      let data;
      try { data = JSON.parse(text); } catch (e) {
        return { error: `${name} is not a progress file: it is not JSON (${e.message}). Nothing was imported.` };
      }
      if (!data || data.format !== FORMAT) {
        return { error: `${name} is not a progress file of this guide: it lacks "format": "${FORMAT}". Nothing was imported.` };
      }
      if (data.version !== 1) return { error: `${name} is progress version ${data.version}; this page reads version 1. Nothing was imported.` };
      if (!data.cards || typeof data.cards !== "object" || Array.isArray(data.cards)) {
        return { error: `${name} has no "cards" object. Nothing was imported.` };
      }
      const bad = Object.keys(data.cards).filter(id => !S.validState(data.cards[id]));
      if (bad.length) return { error: `${name}: the schedule of ${bad.length} card${bad.length > 1 ? "s is" : " is"} not in the expected form (first: “${bad[0]}”). Nothing was imported.` };
      const answers = A.validate(data.answers === undefined ? {} : data.answers);
      if (answers.error) return { error: `${name}: ${answers.error}. Nothing was imported.` };
      const unknown = Object.keys(data.cards).filter(id => !byId.has(id)).length;
      return { data, answers: answers.answers, unknown };
    }

    file.addEventListener("change", async () => {
      const chosen = file.files[0];
      if (!chosen) return;
      const result = read(await chosen.text(), chosen.name);
      if (result.error) {
        message(result.error);
        el("message").classList.add("flashcards__message--error");
        return;
      }
      el("message").classList.remove("flashcards__message--error");
      adopt(result.data);
      A.save(result.answers);
      for (const [name, value] of Object.entries(state.filters)) {
        if (form.elements[name] && typeof value === "string") form.elements[name].value = value;
      }
      state.undo = [];
      state.skipped = [];
      state.current = null;
      render();
      A.refreshWeakSpots();
      const when = result.data.exported ? ` (exported ${String(result.data.exported).slice(0, 10)})` : "";
      message(`Imported ${chosen.name}${when}: ${Object.keys(state.cards).length} scheduled cards and ` +
        `${Object.keys(result.answers).length} answers replace this browser's progress.` +
        (result.unknown ? ` ${result.unknown} cards no longer in the guide were left out.` : ""));
    });

    root.addEventListener("click", event => {
      const target = event.target.closest("[data-action]");
      if (!target || !actions[target.dataset.action]) return;
      if (target.dataset.action === "grade") actions.grade(Number(target.dataset.grade));
      else actions[target.dataset.action]();
    });
    form.addEventListener("change", () => {
      state.filters = { step: form.elements.step.value, case: form.elements.case.value, difficulty: form.elements.difficulty.value };
      state.current = null;
      render();
    });
    newPerDay.addEventListener("change", () => {
      const n = Math.round(Number(newPerDay.value));
      state.settings.newPerDay = Number.isFinite(n) && n >= 0 ? Math.min(n, 9999) : S.DEFAULTS.newPerDay;
      newPerDay.value = state.settings.newPerDay;
      render();
    });
    textarea.addEventListener("keydown", event => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        if (!state.revealed) actions.flip();
      } else if (event.key === "Escape") {
        focusCard();
      }
    });
    document.addEventListener("visibilitychange", () => { if (!document.hidden && root.isConnected) render(); });

    render();
    return actions;
  }
})();
