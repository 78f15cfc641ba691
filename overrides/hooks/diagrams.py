"""Diagrams drawn when the site is built: every Mermaid block becomes an inline SVG in its page, so a
reader's browser runs no diagram code.

`mkdocs build` (and so `make build`, CI, the PDFs and deployment) draws every diagram of the build
at once in headless Chromium (diagram_drawing.py), between reading the pages and writing them; a
diagram Mermaid cannot parse fails the build with its file, the line of its fence and Mermaid's
message. `mkdocs serve` leaves each block as its source, in a `<pre class="diagram-source">` (Material
would fetch Mermaid from a CDN for a `pre.mermaid`), and adds assets/javascripts/diagrams.js to every
page, which draws them in the author's browser with the same module, Mermaid and font, so no Chromium
is needed to write.

A drawing goes in as
  <div class="diagram" style="--diagram-width: W px; --diagram-print-width: P px" data-font="F"><svg>...</svg></div>
(F: its smallest text in CSS px at natural size, which the one-page cards check their print by),
scaled to the column, never below 60% of its natural width W (wider ones scroll sideways, in a
focusable region named after the diagram), and printed at most P wide so that it fits a page. A
diagram whose text would print under 7 pt, or that would scroll sideways on a phone
(diagram_drawing.paper_drawings), gets a second, more compact drawing, shown in print and on narrow
screens in place of the first.

After a diagram's drawing(s) comes an "Open full screen" button; diagram-viewer.js opens the drawing
shown in a full-screen view that zooms and pans (pinch, drag, wheel, keys). Without JavaScript the
button keeps its place but is not shown.
"""
import html
import posixpath
import re

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError

from diagram_drawing import MIN_SCALE, PRINT_HEIGHT, Drawer, Drawing, fits_phone, paper_drawings
from house_styles import mermaid_blocks, with_house_styles

DESKTOP_COLUMN = 690  # CSS px: Material's text column on a laptop
BLOCK = re.compile(r'<pre\s+class="mermaid"[^>]*><code>(.*?)</code></pre>', re.S)
SOURCE = re.compile(r'<pre\s+class="mermaid"')
PLACEHOLDER = re.compile(r'<div data-diagram="(\d+)"></div>')
TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S)


def _normal(source: str) -> str:
    return "\n".join(line.rstrip() for line in source.strip("\n").splitlines())


class Build:
    """The diagrams of one build: found page by page, drawn all at once, put back page by page."""

    def __init__(self):
        self.sources = []  # the n-th diagram of the build
        self.where = {}  # source -> [file:line, ...]
        self.drawings, self.paper = {}, {}

    def take(self, page_html: str, markdown: str, path: str) -> str:
        """Replace the page's Mermaid blocks with numbered placeholders (so that the search index
        does not see diagram source), noting each block's source and fence line."""
        lines = {}
        for line, source in mermaid_blocks(markdown):
            lines.setdefault(_normal(with_house_styles(source)), []).append(line)

        def placeholder(match: re.Match) -> str:
            source = html.unescape(match.group(1))
            found = lines.get(_normal(source))
            self.where.setdefault(source, []).append(f"{path}:{found.pop(0) if found else 1}")
            self.sources.append(source)
            return f'<div data-diagram="{len(self.sources) - 1}"></div>'

        return BLOCK.sub(placeholder, page_html)

    def draw(self):
        """Draw every diagram found; raise PluginError naming each one Mermaid cannot parse."""
        if not self.sources:
            return
        with Drawer() as drawer:
            self.drawings, errors = drawer.draw(self.sources)
            if errors:
                raise PluginError("Diagrams that Mermaid cannot parse:\n  " + "\n  ".join(
                    f"{where}: Mermaid cannot parse this diagram: {message}"
                    for source, message in errors.items() for where in self.where[source]))
            self.paper = paper_drawings(drawer, self.drawings)

    def put(self, page_html: str) -> str:
        """Replace each placeholder with its drawing(s), every id unique within the page."""
        used = {}

        def drawing(match: re.Match) -> str:
            source = self.sources[int(match.group(1))]
            drawn = [self.drawings[source]] + ([self.paper[source]] if source in self.paper else [])
            out = []
            for n, d in enumerate(drawn):
                used[d.id] = used.get(d.id, 0) + 1
                copy = d.svg if used[d.id] == 1 else d.svg.replace(d.id, f"{d.id}-{used[d.id]}")
                out.append(diagram_html(d, copy, kind=("screen" if n == 0 else "paper") if len(drawn) > 1 else ""))
            return "".join(out) + open_button(diagram_name(drawn[0].svg))

        return PLACEHOLDER.sub(drawing, page_html)


def diagram_name(svg: str) -> str:
    """The diagram's title (its accTitle), as plain text."""
    title = TITLE.search(svg)
    return html.unescape(re.sub(r"<[^>]+>", "", title.group(1))).strip() if title else "Diagram"


# Material's "fullscreen" icon.
FULL_SCREEN_ICON = ('<svg aria-hidden="true" focusable="false" viewBox="0 0 24 24"><path d="M5 5h5v2H7v3H5zm9 '
                    '0h5v5h-2V7h-3zm3 9h2v5h-5v-2h3zm-7 3v2H5v-5h2v3z"/></svg>')


def open_button(name: str) -> str:
    """The button that opens a diagram full screen, named after the diagram (a page has several)."""
    return (f'<button type="button" class="diagram-open" aria-label="Open full screen: {html.escape(name)}">'
            f'{FULL_SCREEN_ICON}Open full screen</button>')


def diagram_html(d: Drawing, svg: str, kind: str = "") -> str:
    """The markup of one drawing in a page. `kind` is "screen" or "paper" for a diagram drawn twice."""
    print_width = min(d.width, int(PRINT_HEIGHT * d.width / d.height))
    # The height it takes in a desktop column, so that the page keeps its length while the browser
    # skips laying out the drawings that are off screen (content-visibility in extra.css).
    height = round(d.height * min(1.0, max(MIN_SCALE, DESKTOP_COLUMN / d.width)))
    classes = "diagram" + (f" diagram--{kind}" if kind else "")
    attributes = (f' style="--diagram-width: {d.width}px; --diagram-height: {height}px; '
                  f'--diagram-print-width: {print_width}px" data-font="{d.font:g}"')
    if not fits_phone(d):
        attributes += (f' role="region" tabindex="0" '
                       f'aria-label="{html.escape(diagram_name(svg))} (wide diagram, scrolls sideways)"')
    return f'<div class="{classes}"{attributes}>{svg}</div>'


# The hook: draw at build time only.
_draw_at_build = True
_build = Build()


def on_startup(command, dirty, **kwargs):
    global _draw_at_build
    _draw_at_build = command != "serve"


def on_config(config, **kwargs):
    global _build
    _build = Build()
    if not _draw_at_build:
        script = ExtraScriptValue("assets/javascripts/diagrams.js")
        script.defer = True  # after Material's deferred bundle, whose document$ it uses
        config.extra_javascript.append(script)


def on_page_content(html_, page, config, **kwargs):
    if not _draw_at_build:
        return SOURCE.sub('<pre class="diagram-source"', html_)
    docs = posixpath.relpath(config["docs_dir"], posixpath.dirname(config["config_file_path"]))
    return _build.take(html_, page.file.content_string, posixpath.join(docs, page.file.src_uri))


def on_env(env, config, **kwargs):
    if _draw_at_build:
        _build.draw()
    return env


def on_post_page(output, page, **kwargs):
    if not _draw_at_build:
        return output
    return _build.put(output)
