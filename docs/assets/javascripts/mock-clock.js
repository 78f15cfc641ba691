// Timed mocks: the "Run as a timed mock" panel of a case study or a mock interview script
// (overrides/hooks/mock_clock.py puts it there, with the interview clock of data/house.yml and each
// phase's prompts and follow-ups in data-mock-clock). The clock runs the design minutes of a 45- or
// 60-minute loop, announces each phase on screen and to screen readers (an aria-live region), with
// an optional short beep made by the Web Audio API, and shows that phase's prompts and follow-ups.
// Keys while the panel is open: Space pauses and resumes, n moves to the next phase, Esc closes.
// Time is read from Date.now() and ticks by setInterval, so a test can drive it with a fake clock.
// Loaded on every page; it sets up the panel of each page that has one, however the page was reached.
(function () {
  const TICK = 250;  // ms between redraws
  let running = null;  // the clock of the page shown

  // The panel is built when the reader first opens it, not as the page starts.
  document$.subscribe(() => {
    if (running) running.stop();
    running = null;
    const root = document.querySelector("[data-mock-clock]");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    root.querySelector(".mock-clock__open").addEventListener("click", () => {
      root.mockClock ??= setUp(root);
      running = root.mockClock;
      running.open();
    });
  });

  const clockText = ms => {
    const s = Math.max(0, Math.floor(ms / 1000));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  };

  function setUp(root) {
    const data = JSON.parse(root.dataset.mockClock);
    const phases = data.phases;
    const state = { mode: "45", deep: data.deep, elapsed: 0, startedAt: null, timer: null, shown: -1, done: false, begun: false };
    let audio = null;
    const opener = root.querySelector(".mock-clock__open");
    const dialog = document.createElement("dialog");
    dialog.className = "mock-clock__dialog";
    const id = `mock-clock-${Math.random().toString(36).slice(2, 8)}`;
    dialog.setAttribute("aria-labelledby", `${id}-title`);
    const depthOptions = phases.map((p, i) => [p, i]).filter(([p]) => [3, 4, 5, 6].includes(p.step))
      .map(([p, i]) => `<option value="${i}">${p.name}</option>`).join("");
    dialog.innerHTML = `
<div class="mock-clock__head">
  <h2 id="${id}-title">Timed mock</h2>
  <button type="button" class="md-button mock-clock__close" data-action="close" aria-keyshortcuts="Escape">Close</button>
</div>
<form class="mock-clock__settings" aria-label="Mock settings">
  <fieldset><legend>Loop</legend>
    <label><input type="radio" name="mode" value="45" checked> 45 minutes (${data.loops["45"]} design)</label>
    <label><input type="radio" name="mode" value="60"> 60 minutes (${data.loops["60"]} design)</label>
  </fieldset>
  <label>Go deep on <select name="deep">${depthOptions}</select></label>
  <label><input type="checkbox" name="beep"> Beep at each phase</label>
</form>
<div class="mock-clock__bar" aria-hidden="true"></div>
<p class="mock-clock__time"><span class="mock-clock__elapsed" role="timer" aria-label="Design minutes elapsed">0:00</span>
  <span class="mock-clock__of"></span> <span class="mock-clock__left"></span></p>
<div class="mock-clock__controls">
  <button type="button" class="md-button md-button--primary" data-action="toggle" aria-keyshortcuts="Space">Start</button>
  <button type="button" class="md-button" data-action="next" aria-keyshortcuts="n">Next phase</button>
  <button type="button" class="md-button" data-action="reset">Reset</button>
</div>
<p class="mock-clock__announce" role="status" aria-live="assertive" aria-atomic="true"></p>
<section class="mock-clock__phase" aria-labelledby="${id}-phase">
  <h3 id="${id}-phase" class="mock-clock__phase-name"></h3>
  <p class="mock-clock__phase-meta"></p>
  <dl class="mock-clock__prompts"></dl>
  <p class="mock-clock__note" hidden></p>
  <h4 class="mock-clock__follow-title">Likely follow-ups</h4>
  <ul class="mock-clock__follow-ups"></ul>
</section>
<p class="mock-clock__keys">Keys: <kbd>Space</kbd> start or pause, <kbd>n</kbd> next phase, <kbd>Esc</kbd> close.</p>`;
    root.append(dialog);
    const $ = selector => dialog.querySelector(selector);
    const form = $(".mock-clock__settings");
    form.elements.deep.value = String(state.deep);
    form.addEventListener("submit", event => event.preventDefault());

    const span = p => p[`m${state.mode}`];
    const total = () => data.loops[state.mode] * 60000;
    const elapsed = () => state.elapsed + (state.startedAt === null ? 0 : Date.now() - state.startedAt);
    const phaseAt = ms => {
      const minute = ms / 60000;
      const i = phases.findIndex(p => minute < span(p)[1]);
      return i < 0 ? phases.length - 1 : i;
    };

    function drawBar() {
      $(".mock-clock__bar").innerHTML = phases.map((p, i) => {
        const [a, b] = span(p);
        return `<span style="flex-grow:${b - a}" data-phase="${i}" title="${p.name}, ${a}–${b}"></span>`;
      }).join("");
    }

    function showPhase(i) {
      const p = phases[i];
      const [a, b] = span(p);
      $(".mock-clock__phase-name").textContent = `${i + 1} of ${phases.length}. ${p.name}`;
      const step = p.step ? ` · framework step ${p.step}` : "";
      const deep = i === state.deep ? " · your deep dive" : "";
      $(".mock-clock__phase-meta").textContent = `Design minutes ${a}–${b} (${b - a} min)${step}${deep}`;
      $(".mock-clock__prompts").innerHTML = p.prompts.length
        ? p.prompts.map(x => `<dt>${x.label}</dt><dd>${x.html}</dd>`).join("")
        : `<dt>What you do</dt><dd>Close: the three hardest trade-offs and what you would do next.</dd>`;
      const note = $(".mock-clock__note");
      note.hidden = !(state.mode === "60" && i === state.deep && data.at60);
      note.innerHTML = note.hidden ? "" : data.at60;
      const follow = phases.flatMap((q, j) => q.followUps.filter(f => (f.deep ? state.deep : j) === i));
      $(".mock-clock__follow-title").hidden = !follow.length;
      $(".mock-clock__follow-ups").hidden = !follow.length;
      $(".mock-clock__follow-ups").innerHTML = follow.map(f => `<li>${f.html}</li>`).join("");
      dialog.querySelectorAll(".mock-clock__bar span").forEach((s, j) => {
        s.classList.toggle("is-past", j < i);
        s.classList.toggle("is-current", j === i);
      });
    }

    function beep() {
      if (!form.elements.beep.checked) return;
      try {
        audio ??= new (window.AudioContext || window.webkitAudioContext)();
        const osc = audio.createOscillator(), gain = audio.createGain();
        osc.frequency.value = 880;
        gain.gain.setValueAtTime(0.15, audio.currentTime);
        gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.25);
        osc.connect(gain).connect(audio.destination);
        osc.start();
        osc.stop(audio.currentTime + 0.25);
      } catch (e) { /* no audio here: the announcement is enough */ }
    }

    function announce(text) {
      $(".mock-clock__announce").textContent = text;
    }

    function draw() {
      const ms = Math.min(elapsed(), total());
      const i = phaseAt(ms);
      const [, b] = span(phases[i]);
      $(".mock-clock__elapsed").textContent = clockText(ms);
      $(".mock-clock__of").textContent = `of ${data.loops[state.mode]}:00 design minutes`;
      $(".mock-clock__left").textContent = ms >= total() ? "· time is up" : `· ${clockText(b * 60000 - ms)} left in this phase`;
      if (i !== state.shown) {
        const first = state.shown === -1;
        state.shown = i;
        showPhase(i);
        if (!first) {
          announce(`Phase ${i + 1} of ${phases.length}: ${phases[i].name}, design minutes ${span(phases[i]).join(" to ")}.`);
          beep();
        }
      }
      if (ms >= total() && !state.done) {
        state.done = true;
        pause();
        announce(`Time is up: ${data.loops[state.mode]} design minutes. Leave 5 minutes for the candidate's questions.`);
        beep();
      }
      const toggle = $("[data-action=toggle]");
      toggle.textContent = state.startedAt !== null ? "Pause" : state.done ? "Start again" : state.begun ? "Resume" : "Start";
    }

    function start() {
      if (state.startedAt !== null || state.done) return;
      if (state.begun) announce("Resumed.");
      else {
        const i = phaseAt(state.elapsed);
        announce(`Started. Phase ${i + 1} of ${phases.length}: ${phases[i].name}, design minutes ${span(phases[i]).join(" to ")}.`);
      }
      state.begun = true;
      beep();
      state.startedAt = Date.now();
      state.timer = setInterval(draw, TICK);
      draw();
    }

    function pause(say) {
      if (state.startedAt === null) return;
      state.elapsed += Date.now() - state.startedAt;
      state.startedAt = null;
      clearInterval(state.timer);
      state.timer = null;
      if (say) announce(`Paused at ${clockText(state.elapsed)}.`);
      draw();
    }

    function toggle() {
      if (state.startedAt !== null) pause(true);
      else {
        if (state.done) reset();
        start();
      }
    }

    function next() {
      const i = phaseAt(Math.min(elapsed(), total()));
      if (i >= phases.length - 1) return;
      const at = span(phases[i + 1])[0] * 60000;
      if (state.startedAt !== null) state.startedAt = Date.now();
      state.elapsed = at;
      draw();
    }

    function reset() {
      pause();
      Object.assign(state, { elapsed: 0, startedAt: null, shown: -1, done: false, begun: false });
      drawBar();
      draw();
      announce(`Reset: ${data.loops[state.mode]} design minutes, not started.`);
    }

    const actions = { toggle, next, reset, close: () => dialog.close() };
    dialog.addEventListener("click", event => {
      const button = event.target.closest("[data-action]");
      if (button) actions[button.dataset.action]();
    });
    form.addEventListener("change", event => {
      if (event.target.name === "mode") {
        state.mode = event.target.value;
        reset();
      } else if (event.target.name === "deep") {
        state.deep = Number(event.target.value);
        showPhase(state.shown);
      }
    });
    // Capture on the window while the panel is open, so Material's own keys (n is its next page)
    // do not fire as well.
    window.addEventListener("keydown", event => {
      if (!dialog.open || !dialog.isConnected || event.ctrlKey || event.metaKey || event.altKey) return;
      const control = event.target.closest && event.target.closest("select, input, textarea");
      // Space on a radio button (the loop, once chosen) starts and pauses too; a checkbox and a list keep it.
      if (event.key === " " && !(control && !control.matches("[type=radio]"))) toggle();
      else if ((event.key === "n" || event.key === "N") && !(control && control.matches("textarea, input:not([type=checkbox]):not([type=radio])"))) next();
      else return;
      event.preventDefault();
      event.stopImmediatePropagation();
    }, true);
    dialog.addEventListener("close", () => { pause(); opener.focus(); });

    drawBar();
    draw();
    return {
      open() { dialog.showModal(); $("[data-action=toggle]").focus(); },
      stop() { pause(); if (dialog.open) dialog.close(); },
      state,
    };
  }
})();
