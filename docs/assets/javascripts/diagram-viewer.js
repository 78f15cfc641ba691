// A diagram full screen: the "Open full screen" button under each diagram (overrides/hooks/diagrams.py)
// moves the drawing shown into a <dialog> where it zooms and pans: pinch and drag on touch, wheel and
// drag with a mouse, + − 0 and the arrow keys from the keyboard. Escape or Close puts the drawing back
// and returns focus to the button.
//
// Nothing runs until a button is pressed: one click listener on the document serves every page,
// including those reached by Material's instant navigation, and the dialog is made on first use.
(function () {
  const STEP = 1.25; // zoom factor of one key press or button press
  const PAN = 0.1; // share of the screen one arrow key press moves
  let dialog, stage, canvas, title; // the viewer, made once
  let opener, drawing, home, width, height; // the diagram shown
  let scale = 1, x = 0, y = 0, fit = 1; // its transform
  const pointers = new Map();

  document.addEventListener("click", event => {
    const button = event.target.closest && event.target.closest(".diagram-open");
    if (button) open(button);
  });

  function make() {
    dialog = document.createElement("dialog");
    dialog.className = "diagram-viewer";
    dialog.setAttribute("aria-labelledby", "diagram-viewer-title");
    dialog.innerHTML = `
      <div class="diagram-viewer__bar">
        <h2 class="diagram-viewer__title" id="diagram-viewer-title"></h2>
        <button type="button" data-zoom="${1 / STEP}" aria-label="Zoom out" aria-keyshortcuts="-">−</button>
        <button type="button" data-zoom="${STEP}" aria-label="Zoom in" aria-keyshortcuts="+">+</button>
        <button type="button" data-zoom="fit" aria-keyshortcuts="0">Fit</button>
        <button type="button" data-close aria-keyshortcuts="Escape">Close</button>
      </div>
      <div class="diagram-viewer__stage" tabindex="0" role="group" aria-label="Diagram"
           aria-describedby="diagram-viewer-help"><div class="diagram-viewer__canvas md-typeset"></div></div>
      <p class="diagram-viewer__help" id="diagram-viewer-help">Drag to move, pinch or scroll to zoom.
        Keys: + and − zoom, 0 fits, arrows move, Esc closes.</p>`;
    stage = dialog.querySelector(".diagram-viewer__stage");
    canvas = dialog.querySelector(".diagram-viewer__canvas");
    title = dialog.querySelector(".diagram-viewer__title");
    document.body.append(dialog);

    dialog.addEventListener("click", event => {
      const button = event.target.closest("button");
      if (!button) return;
      if (button.hasAttribute("data-close")) dialog.close();
      else if (button.dataset.zoom === "fit") reset();
      else zoom(Number(button.dataset.zoom));
    });
    dialog.addEventListener("keydown", key);
    dialog.addEventListener("close", restore);
    stage.addEventListener("wheel", event => {
      event.preventDefault();
      zoom(Math.exp(-event.deltaY * (event.deltaMode ? 0.05 : 0.002)), event);
    }, { passive: false });
    stage.addEventListener("pointerdown", event => {
      stage.setPointerCapture(event.pointerId);
      pointers.set(event.pointerId, event);
    });
    stage.addEventListener("pointermove", move);
    for (const type of ["pointerup", "pointercancel"]) stage.addEventListener(type, event => pointers.delete(event.pointerId));
    for (const target of [window, window.visualViewport]) {
      if (target) target.addEventListener("resize", () => dialog.open && (place(), apply()));
    }
    window.addEventListener("beforeprint", () => dialog.open && dialog.close());
  }

  function open(button) {
    // The drawings of this diagram come right before its button; a diagram drawn twice shows one.
    let shown;
    for (let el = button.previousElementSibling; el && el.classList.contains("diagram"); el = el.previousElementSibling) {
      if (el.getClientRects().length) shown = el;
    }
    drawing = shown && shown.querySelector(":scope > svg");
    if (!drawing) return;
    if (!dialog) make();
    opener = button;
    // Keep the diagram's place in the page while its drawing is away.
    home = shown;
    home.style.height = `${home.getBoundingClientRect().height}px`;
    const box = drawing.viewBox.baseVal;
    width = box.width;
    height = box.height;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    canvas.append(drawing);
    title.textContent = (drawing.querySelector(":scope > title") || {}).textContent || "Diagram";
    dialog.showModal();
    place();
    reset();
    stage.focus();
  }

  function restore() {
    pointers.clear();
    home.append(drawing);
    home.style.height = "";
    if (opener.isConnected) opener.focus();
  }

  // Cover what the reader sees: on a phone the page may be pinch-zoomed, or wider than the screen.
  function place() {
    const view = window.visualViewport;
    if (!view) return;
    Object.assign(dialog.style, {
      left: `${view.offsetLeft}px`, top: `${view.offsetTop}px`, width: `${view.width}px`, height: `${view.height}px`,
    });
  }

  // Fit the whole diagram to the screen, centred; never larger than twice its natural size.
  function reset() {
    fit = scale = Math.min(2, stage.clientWidth / width, stage.clientHeight / height);
    apply();
  }

  // Zoom by a factor around a point of the stage (the pointer, or the centre).
  function zoom(factor, at) {
    const rect = stage.getBoundingClientRect();
    const px = at ? at.clientX - rect.left : rect.width / 2, py = at ? at.clientY - rect.top : rect.height / 2;
    const next = Math.min(Math.max(scale * factor, fit / 2), Math.max(fit * 8, 4));
    x = px - (px - x) * next / scale;
    y = py - (py - y) * next / scale;
    scale = next;
    apply();
  }

  function pan(dx, dy) {
    x += dx;
    y += dy;
    apply();
  }

  // Keep the diagram on screen: centred along an axis where it fits, else with no empty margin.
  function apply() {
    const w = width * scale, h = height * scale, sw = stage.clientWidth, sh = stage.clientHeight;
    x = w <= sw ? (sw - w) / 2 : Math.min(0, Math.max(sw - w, x));
    y = h <= sh ? (sh - h) / 2 : Math.min(0, Math.max(sh - h, y));
    canvas.style.transform = `translate(${x}px, ${y}px) scale(${scale})`;
  }

  function move(event) {
    const last = pointers.get(event.pointerId);
    if (!last) return;
    if (pointers.size === 1) {
      pan(event.clientX - last.clientX, event.clientY - last.clientY);
    } else if (pointers.size === 2) {
      // Pinch: zoom by the change in distance between the fingers, around their midpoint, and follow it.
      const other = [...pointers.values()].find(p => p.pointerId !== event.pointerId);
      const before = Math.hypot(last.clientX - other.clientX, last.clientY - other.clientY);
      const after = Math.hypot(event.clientX - other.clientX, event.clientY - other.clientY);
      const mid = { clientX: (event.clientX + other.clientX) / 2, clientY: (event.clientY + other.clientY) / 2 };
      if (before > 0) zoom(after / before, mid);
      pan((event.clientX - last.clientX) / 2, (event.clientY - last.clientY) / 2);
    }
    pointers.set(event.pointerId, event);
  }

  function key(event) {
    // Material's own shortcuts (n for the next page, s for search) do not reach the page behind.
    event.stopPropagation();
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const step = PAN * Math.min(stage.clientWidth, stage.clientHeight);
    const actions = {
      "+": () => zoom(STEP), "=": () => zoom(STEP), "-": () => zoom(1 / STEP), "_": () => zoom(1 / STEP),
      "0": reset, ArrowLeft: () => pan(step, 0), ArrowRight: () => pan(-step, 0),
      ArrowUp: () => pan(0, step), ArrowDown: () => pan(0, -step),
    };
    if (actions[event.key]) {
      event.preventDefault();
      actions[event.key]();
    }
  }

  // Instant navigation swaps the page under an open viewer: close it.
  if (window.document$) window.document$.subscribe(() => dialog && dialog.open && dialog.close());
})();
