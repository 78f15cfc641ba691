// Answer first: before a collapsed question (`??? question`) shows its model answer, the reader can
// write their own (typed, or dictated by the phone keyboard's microphone; no speech service is
// called). The model answer then shows its rubric points as boxes to tick, or, for a question
// without a rubric, three self-grades. What the reader missed is kept in this browser's
// localStorage and rolled up by framework step and trade-off on the flashcards page (weak spots).
//
// Loaded on every page. Questions are set up when opened (a click on the summary), so a page of
// 300 questions costs nothing until one is opened, and printing, which opens every question, shows
// the answers as before. flashcards.js uses the same store and checklists through
// window.fieldGuideAnswers, and exports and imports it with the schedule.
(function () {
  const STORE = "field-guide.answers";
  const SELF = { missed: 1, partly: 0.5, covered: 0 };  // share of the answer missed
  const SELF_LABELS = [["missed", "Missed it"], ["partly", "Partly"], ["covered", "Covered it"]];
  let counter = 0;

  // Paths are kept relative to the site's root (Material's __md_scope), so a link recorded on one
  // page works from another.
  function root() {
    return String(window.__md_scope || new URL(".", location.href));
  }
  function toPath(href) {
    try {
      const url = new URL(href, location.href).href;
      return url.startsWith(root()) ? url.slice(root().length) : null;
    } catch (e) { return null; }
  }
  function safePath(path) {
    return typeof path === "string" && path.length < 500 && !/^[a-z][a-z0-9+.-]*:|^\/|\\/i.test(path);
  }
  function fromPath(path) {
    return safePath(path) ? new URL(path, root()).href : root();
  }

  function load() {
    try {
      const value = JSON.parse(localStorage.getItem(STORE));
      return value && typeof value === "object" && !Array.isArray(value) ? value : {};
    } catch (e) { return {}; }
  }
  function save(all) {
    try { localStorage.setItem(STORE, JSON.stringify(all)); } catch (e) { /* private mode: keep it for this page */ }
  }
  function record(id, attempt) {
    const all = load();
    const previous = all[id];
    if (attempt) all[id] = Object.assign({ at: Date.now() }, attempt); else delete all[id];
    save(all);
    return previous;
  }

  // Share of an attempt's answer that was missed: unticked rubric points, or the self-grade.
  // null when the reader has not graded it yet.
  function missed(a) {
    if (a.rubric) return (a.rubric - a.covered.length) / a.rubric;
    return a.self in SELF ? SELF[a.self] : null;
  }

  // An attempt from a file the reader picked: every field checked before it is kept.
  function validAttempt(a) {
    const str = (v, max) => typeof v === "string" && v.length <= max;
    const link = l => l && str(l.title, 300) && safePath(l.path);
    if (!a || typeof a !== "object" || Array.isArray(a)) return false;
    if (!Number.isFinite(a.at) || !str(a.title, 1000) || (a.text !== undefined && !str(a.text, 20000))) return false;
    if (a.rubric !== undefined && !(Number.isInteger(a.rubric) && a.rubric >= 0 && a.rubric <= 10)) return false;
    if (a.rubric && !(Array.isArray(a.covered) && a.covered.every(i => Number.isInteger(i) && i >= 0 && i < a.rubric))) return false;
    if (a.self !== undefined && !(a.self in SELF)) return false;
    if (a.step !== undefined && a.step !== null && !(Number.isInteger(a.step) && a.step >= 1 && a.step <= 7)) return false;
    for (const key of ["stepName", "tradeoff", "tradeoffName"]) if (a[key] !== undefined && !str(a[key], 300)) return false;
    if (a.tradeoffPath !== undefined && !safePath(a.tradeoffPath)) return false;
    if (a.learn !== undefined && !(Array.isArray(a.learn) && a.learn.length <= 20 && a.learn.every(link))) return false;
    if (a.page !== undefined && !link(a.page)) return false;
    return true;
  }
  // Every attempt of an imported file, or the reason it cannot be used.
  function validate(answers) {
    if (!answers || typeof answers !== "object" || Array.isArray(answers)) return { error: "its \"answers\" is not an object" };
    const bad = Object.keys(answers).filter(id => !validAttempt(answers[id]));
    if (bad.length) return { error: `${bad.length} answer${bad.length > 1 ? "s are" : " is"} not in the expected form (first: “${bad[0]}”)` };
    return { answers };
  }

  // The rubric as boxes to tick: `points` are HTML (built from the question data at build time).
  function checklist(points, covered, onChange) {
    const box = document.createElement("fieldset");
    box.className = "rubric-check";
    box.innerHTML = "<legend>What a strong answer covers: tick what yours did</legend>";
    const score = document.createElement("p");
    score.className = "rubric-check__score";
    points.forEach((html, i) => {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "checkbox";
      input.checked = covered.includes(i);
      input.setAttribute("aria-keyshortcuts", `Shift+${i + 1}`);
      const text = document.createElement("span");
      text.innerHTML = html;
      label.append(input, " ", text);
      box.append(label);
    });
    const boxes = () => [...box.querySelectorAll("input")];
    const update = () => {
      const ticked = boxes().flatMap((b, i) => b.checked ? [i] : []);
      score.textContent = `${ticked.length} of ${points.length} covered`;
      return ticked;
    };
    box.addEventListener("change", () => onChange(update()));
    box.append(score);
    update();
    box.toggle = i => {
      const b = boxes()[i];
      if (!b) return;
      b.checked = !b.checked;
      onChange(update());
    };
    return box;
  }

  function selfGrade(current, onChange) {
    const box = document.createElement("div");
    box.className = "self-grade";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "How did your answer do?");
    box.innerHTML = "<span>No rubric for this one. How did yours do?</span> ";
    for (const [value, text] of SELF_LABELS) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "md-button";
      b.dataset.self = value;
      b.textContent = text;
      b.setAttribute("aria-pressed", String(current === value));
      box.append(b, " ");
    }
    box.addEventListener("click", event => {
      const b = event.target.closest("[data-self]");
      if (!b) return;
      box.querySelectorAll("[data-self]").forEach(x => x.setAttribute("aria-pressed", String(x === b)));
      onChange(b.dataset.self);
    });
    return box;
  }

  // What a question on a page is: its id, step and trade-off, its rubric and where to reread.
  // Questions of the bank carry these on their "Learn it" line (practice.py); follow-ups in a
  // chapter take them from the page and from the links in their answer.
  function describe(details) {
    const summary = details.querySelector("summary");
    const title = summary.textContent.trim();
    const page = { title: (document.querySelector("article h1") || summary).textContent.replace(/¶$/, "").trim(),
                   path: toPath(location.href.split("#")[0]) || "" };
    const data = details.querySelector(".practice-question");
    const links = [...details.querySelectorAll("a[href]")].filter(a => toPath(a.href) !== null);
    const tradeoffOf = a => (/(?:^|\/)tradeoffs\/(?!index|decisions|matrix)([a-z0-9-]+)(?:\/|\.html)/.exec(toPath(a.href)) || [])[1];
    const info = { title, page };
    let tradeoffLink;
    if (data) {
      info.id = data.dataset.question;
      info.step = Number(data.dataset.step);
      info.stepName = data.dataset.stepName;
      info.learn = [...data.querySelectorAll("a.learn")].map(a => ({ title: a.textContent.trim(), path: toPath(a.href) }));
      if (data.dataset.tradeoff) {
        info.tradeoff = data.dataset.tradeoff;
        info.tradeoffName = data.dataset.tradeoff.replace(/-/g, " ");
        tradeoffLink = links.find(a => tradeoffOf(a) === info.tradeoff);
      }
    } else {
      info.id = `${page.path}#${title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80)}`;
      const numbered = page.path.startsWith("framework/") && /^([1-7])\.\s*(.+)$/.exec(page.title);
      if (numbered) { info.step = Number(numbered[1]); info.stepName = numbered[2]; }
      tradeoffLink = links.find(tradeoffOf);
      if (tradeoffLink) { info.tradeoff = tradeoffOf(tradeoffLink); info.tradeoffName = tradeoffLink.textContent.trim(); }
      // Where to reread: the section the question sits under (not a "Follow-up questions" or
      // "Drill questions" heading, which teaches nothing), then the pages its answer links.
      const section = [...document.querySelectorAll("article h2[id], article h3[id]")]
        .filter(h => h.compareDocumentPosition(details) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
      const here = section && !/follow-up|drill|question/i.test(section.id) ? `#${section.id}` : "";
      info.learn = [{ title: page.title, path: page.path + here },
                    ...links.filter(a => a !== tradeoffLink).slice(0, 3).map(a => ({ title: a.textContent.trim(), path: toPath(a.href) }))];
    }
    if (tradeoffLink) info.tradeoffPath = toPath(tradeoffLink.href).split("#")[0];
    const rubricTitle = details.querySelector("p.rubric");
    const list = rubricTitle && rubricTitle.nextElementSibling;
    info.rubric = list && list.matches("ul, ol") ? [...list.children].map(li => li.innerHTML) : [];
    info.rubricNodes = list ? [rubricTitle, list] : [];
    return info;
  }

  function onMockPage() {
    return (toPath(location.href) || "").startsWith("practice/mock-interviews/");
  }

  // A question being opened for the first time on this page: hold the model answer back and show
  // the answer box.
  function setUp(details, focus) {
    const info = describe(details);
    details.answerFirst = info;
    details.classList.add("answer-first--pending");
    const n = ++counter;
    const box = document.createElement("div");
    box.className = "answer-first";
    box.innerHTML = `<label for="answer-first-${n}">Your answer, before you look</label>
<textarea id="answer-first-${n}" rows="3" aria-describedby="answer-first-hint-${n}"></textarea>
<p class="answer-first__actions"><button type="button" class="md-button md-button--primary" data-reveal aria-keyshortcuts="Control+Enter">Show model answer</button>
<span class="answer-first__hint" id="answer-first-hint-${n}">Type or dictate; <kbd>Ctrl</kbd>+<kbd>Enter</kbd> shows the answer. Kept on this device.</span></p>`;
    details.querySelector("summary").after(box);
    const last = load()[info.id];
    if (last && missed(last) !== null) {
      const p = document.createElement("p");
      p.className = "answer-first__last";
      const date = new Date(last.at).toLocaleDateString([], { day: "numeric", month: "short" });
      p.textContent = `Last time (${date}): ` + (last.rubric ? `${last.covered.length} of ${last.rubric} points covered.`
        : `${SELF_LABELS.find(([v]) => v === last.self)[1].toLowerCase()}.`);
      box.prepend(p);
    }
    const textarea = box.querySelector("textarea");
    const reveal = () => revealAnswer(details, box, textarea);
    box.querySelector("[data-reveal]").addEventListener("click", reveal);
    textarea.addEventListener("keydown", event => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); reveal(); }
    });
    if (focus) setTimeout(() => textarea.focus(), 0);
  }

  function revealAnswer(details, box, textarea) {
    const info = details.answerFirst;
    details.classList.remove("answer-first--pending");
    details.classList.add("answer-first--revealed");
    box.querySelector(".answer-first__actions").hidden = true;
    const text = textarea.value.trim();
    const base = { title: info.title, text, step: info.step, stepName: info.stepName, tradeoff: info.tradeoff,
                   tradeoffName: info.tradeoffName, tradeoffPath: info.tradeoffPath, learn: info.learn, page: info.page };
    const attempt = extra => record(info.id, Object.assign({}, base, { text: textarea.value.trim() }, extra));
    let grade;
    if (info.rubric.length) {
      grade = checklist(info.rubric, [], covered => attempt({ rubric: info.rubric.length, covered }));
      info.rubricNodes[1].after(grade);
      info.rubricNodes.forEach(node => node.classList.add("answer-first__printed"));
      if (text) attempt({ rubric: info.rubric.length, covered: [] });
    } else {
      grade = selfGrade(null, self => attempt({ self }));
      details.append(grade);
    }
    details.answerFirstGrade = grade;
    // The button pressed is gone: keyboard focus goes to the grading, without choosing a grade.
    grade.tabIndex = -1;
    grade.focus({ preventScroll: true });
  }

  document.addEventListener("click", event => {
    const summary = event.target.closest && event.target.closest("article details.question > summary");
    if (!summary) return;
    const details = summary.parentElement;
    if (details.open || details.answerFirst || onMockPage()) return;
    setUp(details, event.detail === 0);  // keyboard (Enter on the summary): straight into the box
  });

  // Weak spots ------------------------------------------------------------------------------

  function renderWeakSpots(box) {
    const steps = JSON.parse(box.dataset.weakSpots);
    const all = load();
    const graded = Object.values(all).filter(a => missed(a) !== null);
    box.replaceChildren();
    if (!graded.length) {
      const p = document.createElement("p");
      p.className = "weak-spots__empty";
      p.textContent = "Nothing graded yet on this device. Write an answer to a flashcard, or to a question on "
        + "any page, show the model answer and tick what you covered: what you missed is gathered here "
        + "by step and trade-off, with the sections to reread.";
      box.append(p);
      return;
    }
    const groups = (key, name, href) => {
      const map = new Map();
      for (const a of graded) {
        const k = key(a);
        if (k === null || k === undefined) continue;
        if (!map.has(k)) map.set(k, { name: name(a, k), href: href(a, k), answered: 0, missed: 0, reread: new Map() });
        const g = map.get(k);
        const share = missed(a);
        g.answered += 1;
        g.missed += share;
        if (share > 0) {
          for (const l of a.learn || []) {
            const r = g.reread.get(l.path) || { title: l.title, path: l.path, weight: 0 };
            r.weight += share;
            g.reread.set(l.path, r);
          }
        }
      }
      return [...map.values()].sort((x, y) => y.missed / y.answered - x.missed / x.answered || y.missed - x.missed);
    };
    const table = (caption, rows, first) => {
      if (!rows.length) return;
      const t = document.createElement("table");
      t.innerHTML = `<caption>${caption}</caption><thead><tr><th scope="col">${first}</th>`
        + `<th scope="col">Missed</th><th scope="col">Reread</th></tr></thead><tbody></tbody>`;
      for (const g of rows) {
        const tr = document.createElement("tr");
        const cell = () => tr.appendChild(document.createElement("td"));
        const a = document.createElement("a");
        a.href = g.href;
        a.textContent = g.name;
        cell().append(a);
        cell().textContent = `${+g.missed.toFixed(2)} of ${g.answered} (${Math.round(100 * g.missed / g.answered)}%)`;
        const reread = cell();
        [...g.reread.values()].sort((x, y) => y.weight - x.weight).slice(0, 3).forEach((r, i) => {
          if (i) reread.append(", ");
          const link = document.createElement("a");
          link.href = fromPath(r.path);
          link.textContent = r.title;
          reread.append(link);
        });
        t.tBodies[0].append(tr);
      }
      const wrap = document.createElement("div");
      wrap.className = "weak-spots__table";
      wrap.append(t);
      box.append(wrap);
      if (wrap.scrollWidth > wrap.clientWidth) {  // keyboard users scroll it too (as accessibility.js)
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", caption);
      }
    };
    const intro = document.createElement("p");
    intro.textContent = `${graded.length} answer${graded.length > 1 ? "s" : ""} graded. “Missed” adds up, over the `
      + "questions graded, the share of each answer that was missing: its unticked rubric points (2 of 4 unticked "
      + "is 0.5), or 1 for “Missed it” (Again on a flashcard) and 0.5 for “Partly” (Hard). The worst first; reread "
      + "the sections named, then answer again.";
    box.append(intro);
    table("By framework step", groups(a => a.step || null, (a, k) => (steps[k] || {}).name || `Step ${k}`,
      (a, k) => (steps[k] || {}).href || fromPath("")), "Step");
    table("By trade-off", groups(a => a.tradeoff || null, a => a.tradeoffName || a.tradeoff,
      a => a.tradeoffPath ? fromPath(a.tradeoffPath) : fromPath(`tradeoffs/${a.tradeoff}/`)), "Trade-off");
    table("Follow-up questions by page", groups(a => a.step ? null : (a.page || {}).path,
      a => a.page.title, a => fromPath(a.page.path)), "Page");
    const clear = document.createElement("button");
    clear.type = "button";
    clear.className = "md-button";
    clear.textContent = "Forget my answers";
    clear.addEventListener("click", () => {
      if (!window.confirm("Forget every answer and tick kept on this device? The flashcards' schedule stays.")) return;
      save({});
      renderWeakSpots(box);
    });
    box.append(clear);
  }

  function refreshWeakSpots() {
    document.querySelectorAll("[data-weak-spots]").forEach(renderWeakSpots);
  }

  window.fieldGuideAnswers = { load, save, record, missed, validate, checklist, selfGrade, toPath, fromPath,
                               refreshWeakSpots, SELF };

  document$.subscribe(() => {
    refreshWeakSpots();
    // A question open from the start (`???+ question`) holds its answer back as well.
    if (!onMockPage()) document.querySelectorAll("article details.question[open]").forEach(d => d.answerFirst || setUp(d, false));
  });
})();
