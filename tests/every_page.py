"""One visit to every built page in headless Chromium (two browsers at once), shared by the tests
that look at every page (formulas, accessibility, print layout), so that the suite loads each page
once instead of once per test. Each visit records, in this order:

- as loaded at 1280 x 900: page errors, requests for KaTeX's code, the formulas shown typeset and
  whether KaTeX's font loads (tests/test_site.py);
- axe-core's violations (tests/test_accessibility.py): the whole page in the light palette; on a page
  with a diagram drawn twice, its diagrams at a phone's 412 x 823; on a page with diagrams (and the
  flashcards and the decisions), the colour rules again in the dark palette, since the palette
  changes colours and nothing else;
- on a page with a diagram or a table, the print layout at A4's printable width (672 CSS px) after
  the page's own print preparation (tests/test_pdf.py).
"""
from dataclasses import dataclass, field

from browser import in_two_browsers
from conftest import ROOT
from site_reader import Reader

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async ([within, rules]) => (await axe.run(within ? {include: [[within]]} : document,
    Object.assign({resultTypes: ['violations']}, rules ? {runOnly: {type: 'rule', values: rules}} : {}))).violations
    .map(v => `${v.id}: ${v.help} (${v.nodes.length}x, first ${v.nodes[0].target.join(' ')})`)"""
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
DARK_TOO = {"practice/flashcards/index.html", "tradeoffs/decisions/index.html"}
PRINTED_DIAGRAMS = """() => [...document.querySelectorAll('.md-typeset .diagram')]
    .filter(d => getComputedStyle(d).display !== 'none').map(d => {
      const r = d.querySelector('svg').getBoundingClientRect();
      return [Math.round(r.width), Math.round(r.height)]; })"""


@dataclass
class Visit:
    errors: list = field(default_factory=list)
    katex_requests: list = field(default_factory=list)
    typeset: int = 0
    katex_font: bool = True
    axe: dict = field(default_factory=dict)  # "light", "phone", "dark" -> violations
    printed: list | None = None  # (width, height) of each diagram printed, if the page prints any
    print_width: int = 0


# Chromium keeps stale styles (the old palette's colours) in content it skips for content-visibility
# until that content comes near the screen, where a reader sees it restyled; axe reads every
# element's colours, so while it looks, nothing is skipped.
SHOW_ALL = "*, *::before, *::after { content-visibility: visible !important; }"


# Material fades colours over 250 ms when the palette changes; a fixed wait was too short on a loaded
# machine, so wait for the fading itself (getAnimations() applies the new palette's styles first).
SETTLED = """() => Promise.race([new Promise(done => setTimeout(done, 5000)),
    Promise.all(document.getAnimations().filter(a => a instanceof CSSTransition).map(a => a.finished.catch(() => null)))])"""


def set_palette(page, scheme: str):
    """Switch Material's palette ('default' or 'slate') and return once its colours have faded in."""
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    page.evaluate(SETTLED)


def axe_violations(page, within: str | None = None, rules: list | None = None) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_style_tag(content=SHOW_ALL)
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN_AXE, [within, rules])


def visit(site, reader, name: str) -> Visit:
    out, page, html = Visit(), reader.page, site.html(name)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.emulate_media(media="screen")
    reader.errors.clear()
    reader.requests.clear()
    reader.open(site.url(name))
    out.typeset = page.evaluate("document.querySelectorAll('.arithmatex > .katex, .arithmatex > .katex-display').length")
    if 'class="arithmatex"' in html:
        out.katex_font = page.evaluate("document.fonts.load('16px KaTeX_Main').then(faces => faces.length > 0, () => false)")
    out.katex_requests = [u for u in reader.requests if "katex" in u and not u.endswith((".css", ".woff2"))]
    out.errors = list(reader.errors)
    out.axe["light"] = axe_violations(page)
    if "diagram--paper" in html:
        page.set_viewport_size({"width": 412, "height": 823})
        out.axe["phone"] = axe_violations(page, ".md-typeset .diagram")
        page.set_viewport_size({"width": 1280, "height": 900})
    if site.scan(name).diagrams or name in DARK_TOO:
        set_palette(page, "slate")
        out.axe["dark"] = axe_violations(page, rules=COLOUR_RULES)
    if site.scan(name).diagrams or "<table" in html:
        page.set_viewport_size({"width": 672, "height": 1000})
        page.evaluate("window.fieldGuidePrint.prepare()")
        page.emulate_media(media="print")
        out.printed = page.evaluate(PRINTED_DIAGRAMS)
        out.print_width = page.evaluate("document.documentElement.scrollWidth")
    return out


@dataclass
class EveryPage:
    visits: dict  # page file -> Visit
    outside: list  # requests for anything outside the site, from any page


def visit_every_page(site, browser, origin: str) -> EveryPage:
    assert AXE.is_file(), "axe-core is missing: run `make setup` (npm ci)"
    visits, outside = {}, []

    def visit_some(browser, names):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        reader = Reader(context, origin)
        visits.update({name: visit(site, reader, name) for name in names})
        outside.extend(reader.outside)
        context.close()

    in_two_browsers(browser, site.pages(), visit_some)
    return EveryPage(visits, sorted(set(outside)))
