"""Drawing Mermaid diagrams into SVG in headless Chromium, with a cache. Not a hook: used by the
diagrams hook at build time, and runnable on its own.

usage: python overrides/hooks/diagram_drawing.py [PATH ...]   (Markdown files or folders; default: docs)

draws every diagram under the paths (as the site does, house styles included) and prints each one's
natural size, widest first, with the size its smallest text prints at (and the same for the drawing
made for paper and phones, if it needs one), and `file:line: message` for each that Mermaid rejects.

Every drawing goes through docs/assets/javascripts/draw-diagram.mjs, the module `make serve` draws
with in the browser, with the vendored Mermaid (docs/assets/vendor/mermaid/) and the Inter font.
All the diagrams of one build are drawn in one Chromium, split across one page per core. A drawing is
cached under .cache/diagrams/ (or $DIAGRAM_CACHE) by a hash of its source and of everything that
shapes the drawing (Mermaid's code, the drawing module, the font), so an unchanged diagram is not
drawn again; changing any of those draws everything anew.
"""
import contextlib
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from browser import chromium  # noqa: E402
from site_reader import serve  # noqa: E402

ASSETS = ROOT / "docs" / "assets"
DRAWING_MODULE = ASSETS / "javascripts" / "draw-diagram.mjs"
OUTLINE_MODULE = ASSETS / "javascripts" / "simplify-outline.mjs"  # imported by the drawing module
FONT_CSS = ASSETS / "stylesheets" / "fonts.css"
MERMAID = ASSETS / "vendor" / "mermaid" / "mermaid.esm.min.mjs"
# What shapes a drawing besides its source. The font files are named by their CSS.
RENDERER = [MERMAID, DRAWING_MODULE, OUTLINE_MODULE, FONT_CSS, *sorted((ASSETS / "vendor" / "fonts").glob("*.woff2"))]
CACHE = Path(os.environ.get("DIAGRAM_CACHE") or ROOT / ".cache" / "diagrams")
ID_PREFIX = "diagram-"

PAGE = ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="/stylesheets/fonts.css"></head><body></body></html>')
# One page's share of the diagrams, drawn one after another; started without waiting, so that every
# page draws at once, and collected afterwards.
START = """async batch => {
  const { drawDiagram } = await import("/javascripts/draw-diagram.mjs");
  window.drawn = (async () => {
    const out = [];
    for (const [id, source] of batch) {
      try { out.push(await drawDiagram(id, source)); }
      catch (e) { out.push({ error: String(e && e.message || e) }); }
    }
    return out;
  })();
}"""


@dataclass(frozen=True)
class Drawing:
    svg: str  # the <svg> element; its ids all start with `id`
    width: int  # natural size in CSS pixels
    height: int
    font: float  # the smallest text, in CSS pixels at the natural size
    id: str


def renderer_hash() -> str:
    digest = hashlib.sha256()
    for path in RENDERER:
        if not path.is_file():
            raise SystemExit(f"{path.relative_to(ROOT)} is missing: run `make setup`")
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_key(source: str, renderer: str) -> str:
    return hashlib.sha256(f"{renderer}\0{source}".encode()).hexdigest()


def _cached(key: str) -> Drawing | None:
    try:
        return Drawing(**json.loads((CACHE / f"{key[:2]}" / f"{key}.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _store(key: str, drawing: Drawing) -> None:
    path = CACHE / key[:2] / f"{key}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(drawing.__dict__), encoding="utf-8")
    tmp.replace(path)


class Drawer:
    """Draws diagrams in one headless Chromium, started on the first diagram that is not cached, with
    one page per core drawing at once. Use as a context manager."""

    def __init__(self, workers: int | None = None):
        self.renderer = renderer_hash()
        self.workers = max(1, min(workers or os.cpu_count() or 1, 4))
        self._stack = None
        self._pages = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _start(self):
        self._stack = contextlib.ExitStack()
        server, origin = serve(ASSETS)
        self._stack.callback(server.shutdown)
        browser = self._stack.enter_context(chromium())
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route(origin + "/draw.html", lambda route: route.fulfill(body=PAGE, content_type="text/html"))
        for _ in range(self.workers):
            page = context.new_page()
            page.goto(origin + "/draw.html")
            self._pages.append(page)

    def close(self):
        if self._stack:
            self._stack.close()
        self._stack, self._pages = None, []

    def draw(self, sources) -> tuple[dict[str, Drawing], dict[str, str]]:
        """Draw each distinct source. Returns (drawings by source, Mermaid's message by source for each
        that does not parse). Cached drawings are read, not drawn."""
        drawings, errors, todo = {}, {}, {}
        for source in dict.fromkeys(sources):
            key = cache_key(source, self.renderer)
            cached = _cached(key)
            if cached:
                drawings[source] = cached
            else:
                todo[source] = key
        if not todo:
            return drawings, errors
        if not self._pages:
            self._start()
        jobs = [(ID_PREFIX + key[:12], source) for source, key in todo.items()]
        pages = self._pages[:len(jobs)]
        for i, page in enumerate(pages):
            page.evaluate(START, jobs[i::len(pages)])
        results = [None] * len(jobs)
        for i, page in enumerate(pages):
            results[i::len(pages)] = page.evaluate("window.drawn")
        for (id_, source), result in zip(jobs, results):
            if "error" in result:
                errors[source] = " ".join(result["error"].split())
            else:
                drawing = Drawing(result["svg"], result["width"], result["height"], result["font"], id_)
                _store(todo[source], drawing)
                drawings[source] = drawing
        return drawings, errors


def draw(sources) -> tuple[dict[str, Drawing], dict[str, str]]:
    """Draw each distinct source in a Chromium of its own; see Drawer.draw."""
    with Drawer() as drawer:
        return drawer.draw(sources)


# Paper. Printed, a diagram is no wider than A4's column and no taller than a page (less room for its
# caption): 672 x 900 CSS pixels (docs/assets/stylesheets/extra.css). A diagram drawn wider or taller
# is scaled down to fit, and its smallest text must still print at 7 pt or more (1 CSS px = 0.75 pt).
PRINT_WIDTH, PRINT_HEIGHT = 672, 900
MIN_PRINTED_PT = 7.0
PT_PER_PX = 0.75


def print_scale(drawing: Drawing) -> float:
    return min(1.0, PRINT_WIDTH / drawing.width, PRINT_HEIGHT / drawing.height)


def printed_pt(drawing: Drawing) -> float:
    """The size in points at which the drawing's smallest text prints."""
    return drawing.font * print_scale(drawing) * PT_PER_PX


# Phones. On screen a drawing is shown as wide as the column allows, never below 60% of its natural
# size (diagrams.py, extra.css), so on a phone's column of about 340 CSS px one wider than 566 px
# scrolls sideways.
MIN_SCALE = 0.6
PHONE_COLUMN = 340


def fits_phone(drawing: Drawing) -> bool:
    return drawing.width * MIN_SCALE <= PHONE_COLUMN


# A diagram that would print smaller than 7 pt, or that scrolls sideways on a phone, is drawn again,
# more compactly: labels wrapped narrower, less space between shapes and, for a flowchart, also
# turned (left-to-right to top-to-bottom and back). Print and narrow screens show that drawing. Of
# the layouts tried, the one kept prints at 7 pt if any does, then fits a phone, then is the narrowest.
# Each level is tried only for the diagrams the one before left wanting.
PAPER_LEVELS = {
    "flowchart": [
        {"flowchart": {"nodeSpacing": 20, "rankSpacing": 30, "padding": 8, "wrappingWidth": 130, "diagramPadding": 4,
                       "subGraphTitleMargin": {"top": 0, "bottom": 10}}},
        {"flowchart": {"nodeSpacing": 10, "rankSpacing": 20, "padding": 5, "wrappingWidth": 90, "diagramPadding": 2,
                       "subGraphTitleMargin": {"top": 0, "bottom": 10}}},
    ],
    "sequenceDiagram": [
        {"sequence": {"wrap": True, "width": 90, "actorMargin": 10, "noteMargin": 4, "messageMargin": 24,
                      "boxMargin": 4, "diagramMarginX": 4, "diagramMarginY": 4}},
        {"sequence": {"wrap": True, "width": 70, "actorMargin": 6, "noteMargin": 3, "messageMargin": 20,
                      "boxMargin": 3, "diagramMarginX": 2, "diagramMarginY": 2}},
    ],
}
KIND = re.compile(r"^\s*([\w-]+)", re.M)
DIRECTION = re.compile(r"^(\s*(?:flowchart|graph)\s+)(LR|RL|TB|TD|BT)\b", re.M)
TURNED = {"LR": "TB", "RL": "BT", "TB": "LR", "TD": "LR", "BT": "RL"}


def kind_of(source: str) -> str:
    first = next((line for line in source.splitlines() if line.strip() and not line.strip().startswith("%%")), "")
    kind = first.split()[0] if first.split() else ""
    return "flowchart" if kind == "graph" else kind


def paper_levels(source: str) -> list[list[str]]:
    """The sources to try for paper, level by level."""
    levels = []
    for settings in PAPER_LEVELS.get(kind_of(source), []):
        directive = "%%{init: " + json.dumps(settings) + "}%%\n"
        turned = DIRECTION.sub(lambda m: m.group(1) + TURNED[m.group(2)], source, count=1)
        levels.append([directive + source] + ([directive + turned] if turned != source else []))
    return levels


def compact_score(drawing: Drawing) -> tuple:
    """Higher is better: text that prints at 7 pt, then a drawing that fits a phone's column, then a
    narrower one (larger on a phone, or less to scroll), then larger text on paper."""
    return (min(printed_pt(drawing), MIN_PRINTED_PT), fits_phone(drawing), -max(drawing.width, PHONE_COLUMN),
            printed_pt(drawing))


def wanting(drawing: Drawing) -> bool:
    return printed_pt(drawing) < MIN_PRINTED_PT or not fits_phone(drawing)


def paper_drawings(drawer: Drawer, drawings: dict[str, Drawing]) -> dict[str, Drawing]:
    """For each drawing whose text would print under 7 pt, a more compact drawing of the same diagram
    that prints at 7 pt or more (else the largest the levels reach); for each that only scrolls
    sideways on a phone, one that fits a phone's column or is at least a quarter narrower, if a level
    reaches one."""
    best = {source: drawing for source, drawing in drawings.items() if wanting(drawing)}
    pending = {source: paper_levels(source) for source in best}
    level = 0
    while True:
        trying = {source: levels[level] for source, levels in pending.items()
                  if level < len(levels) and wanting(best[source])}
        if not trying:
            break
        drawn, _ = drawer.draw(candidate for candidates in trying.values() for candidate in candidates)
        for source, candidates in trying.items():
            for candidate in candidates:
                if candidate in drawn and compact_score(drawn[candidate]) > compact_score(best[source]):
                    best[source] = drawn[candidate]
        level += 1
    return {source: drawing for source, drawing in best.items() if drawing is not drawings[source]
            and (printed_pt(drawings[source]) < MIN_PRINTED_PT or fits_phone(drawing)
                 or drawing.width <= 0.75 * drawings[source].width)}


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
    from house_styles import mermaid_blocks, with_house_styles
    paths = [Path(a).resolve() for a in argv] or [ROOT / "docs"]
    found = []
    for path in paths:
        for file in sorted(path.rglob("*.md")) if path.is_dir() else [path]:
            name = file.relative_to(ROOT) if file.is_relative_to(ROOT) else file
            for line, source in mermaid_blocks(file.read_text(encoding="utf-8")):
                found.append((f"{name}:{line}", with_house_styles(source)))
    with Drawer() as drawer:
        drawings, errors = drawer.draw(source for _, source in found)
        paper = paper_drawings(drawer, drawings)
    for where, source in sorted(found, key=lambda f: -(drawings[f[1]].width if f[1] in drawings else 0)):
        if source in drawings:
            d = drawings[source]
            line = f"{where}: {kind_of(source)} {d.width} x {d.height} px, prints at {printed_pt(d):.1f} pt"
            if source in paper:
                p = paper[source]
                line += f"; for paper {p.width} x {p.height} px, prints at {printed_pt(p):.1f} pt"
            print(line)
    for where, source in found:
        if source in errors:
            print(f"{where}: Mermaid cannot parse this diagram: {errors[source]}")
    print(f"{len(found)} diagrams, {len(errors)} with errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
