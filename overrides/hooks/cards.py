"""One-page cards: each case study on one printed page, made at build time from the chapter itself.

For every case study (docs/case-studies/*.md but index and _*), the build adds a page
practice/cards/<slug>.md (a generated file, listed in the nav under Practice > One-page cards) whose
card holds, copied from the chapter as built so that it never disagrees with it:

- **the prompt**: the first paragraph of the chapter's Summary, without a last sentence that ends in a
  colon ("The three hardest trade-offs:"), whose list the card does not carry;
- **requirements in numbers**: rows of the estimate block(s) of section 1 (the scale table). When
  there are more than REQUIREMENT_ROWS, the rows the chapter quotes most in its text are kept
  (ties: table order), shown in table order;
- **the end-to-end diagram**: the Summary's architecture diagram, the same drawing the chapter shows
  (the card carries the chapter's diagram placeholder, which overrides/hooks/diagrams.py fills with
  the drawing it made for the chapter);
- **five ledger rows**, verbatim from the chapter's Trade-off ledger, chosen by a fixed rule: first
  the rows whose Why checks a condition (`{{? ... }}`), then those whose Why quotes an estimate
  (`{{ name }}`), then the remaining rows; within each group the chapter's order; the five kept are
  shown in the chapter's order;
- **key estimates**: the KEY_ESTIMATES values the chapter quotes most often in its text (`{{ name }}`
  and names in `{{? ... }}`; ties: the order of the estimate rows), leaving out those already among
  the requirements, each with its label and value as overrides/hooks/estimates.py computes them (two
  rows with the same label from different blocks get their block's title after it);
- **the minute plan**: the phases of the chapter's Interview timeline with the house clock's minutes
  for the 45- and 60-minute loops (overrides/hooks/house.py), as the chapter shows them.

docs/practice/cards/index.md lists the cards where it says `<!-- cards:index -->`. `make pdf`
(scripts/make_pdf.py) prints every card to one page of pdf/one-page-cards.pdf. The print styles
(extra.css, "One-page cards") fit a card to one A4 or US Letter page.
"""
import html
import json
import posixpath
import re
import sys
from collections import Counter
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parent))
from diagram_drawing import MIN_PRINTED_PT, PT_PER_PX  # noqa: E402
from estimates import QUOTE, Page, html_text  # noqa: E402
from guide_markdown import FENCE, Source  # noqa: E402
from pdf_links import CARDS as CARDS_PDF, is_offline_build  # noqa: E402

CARDS_DIR = "practice/cards"
NAV_TITLE = "One-page cards"
REQUIREMENT_ROWS = 8
LEDGER_ROWS = 5
KEY_ESTIMATES = 6
INDEX_MARKER = re.compile(r"<!--\s*cards:index\s*-->")
SLOT = re.compile(r'<div class="card-slot" data-card="([a-z0-9-]+)"></div>')
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def case_studies(docs: Path) -> list[str]:
    return sorted(p.stem for p in (docs / "case-studies").glob("*.md") if p.stem != "index" and not p.name.startswith("_"))


def nav_order(nav) -> list[str]:
    """Case-study slugs in the order the nav lists them."""
    found = []

    def walk(items):
        for item in items or []:
            values = [item] if isinstance(item, str) else list(item.values()) if isinstance(item, dict) else []
            for value in values:
                if isinstance(value, str):
                    if value.startswith("case-studies/") and not value.endswith("index.md"):
                        found.append(posixpath.splitext(posixpath.basename(value))[0])
                else:
                    walk(value)
    walk(nav)
    return found


def card_uri(slug: str) -> str:
    return f"{CARDS_DIR}/{slug}.md"


# Choosing from the chapter's source ------------------------------------------------------------

def section(body: str, number: int) -> tuple[int, int]:
    """The span of `## <number>. ...` in the body (to the next H2)."""
    m = re.search(rf"^## {number}\.[^\n]*$", body, re.M)
    if not m:
        return 0, 0
    end = re.search(r"^## ", body[m.end():], re.M)
    return m.start(), m.end() + end.start() if end else len(body)


def quote_counts(body: str) -> Counter:
    """How often the chapter's text (outside code and estimate blocks) quotes each estimate name."""
    text = FENCE.sub("", body)
    counts = Counter()
    for m in QUOTE.finditer(text):
        if m.group(1):  # a condition: every name in it
            counts.update(set(NAME.findall(m.group(2))))
        else:
            counts[m.group(2).partition("->")[0].strip()] += 1
    return counts


def ledger_rows(body: str) -> list[str]:
    """The source lines of the data rows of the chapter's Trade-off ledger."""
    m = re.search(r"^## Trade-off ledger[ \t]*$", body, re.M)
    if not m:
        return []
    lines = body[m.end():].split("\n")
    rows, started = [], False
    for line in lines:
        if line.lstrip().startswith("|"):
            rows.append(line)
            started = True
        elif started or line.startswith("## "):
            break
    return rows[2:]


def chosen_ledger_rows(rows: list[str]) -> list[int]:
    """Indexes of the five rows a card shows (the rule in the module's docstring), in chapter order."""
    def why(row):
        return row.strip().strip("|").split("|")[-1]

    def rank(i):
        text = why(rows[i])
        return (0 if "{{?" in text else 1 if "{{" in text else 2, i)
    return sorted(sorted(range(len(rows)), key=rank)[:LEDGER_ROWS])


class Choice:
    """What a card shows of one chapter, chosen from its source."""

    def __init__(self, source: Source):
        self.source = source
        page = Page(source.body, source.path, source.offset, source.uri)
        self.page = page
        counts = quote_counts(source.body)
        start, end = section(source.body, 1)
        scale = [row for span, block in page.blocks if start <= span[0] < end for row in block.rows]
        if not scale:
            raise PluginError(f"{source.path}: a card needs an estimate block (the scale table) in section 1")
        order = {row.name: i for i, row in enumerate(page.rows)}
        kept = sorted(scale, key=lambda r: (-counts[r.name], order[r.name]))[:REQUIREMENT_ROWS]
        self.requirements = sorted(kept, key=lambda r: order[r.name])
        shown = {r.name for r in self.requirements}
        quoted = [r for r in page.rows if counts[r.name] and r.name not in shown]
        self.estimates = sorted(quoted, key=lambda r: (-counts[r.name], order[r.name]))[:KEY_ESTIMATES]
        self.ledger = chosen_ledger_rows(ledger_rows(source.body))
        if len(self.ledger) < min(LEDGER_ROWS, len(ledger_rows(source.body))) or not self.ledger:
            raise PluginError(f"{source.path}: a card needs the chapter's Trade-off ledger")

    def label(self, row) -> str:
        """A row's label, with its block's title where two rows of the card share the label."""
        def title(r):
            return next((b.title for _, b in self.page.blocks if any(x is r for x in b.rows)), "")
        same = [r for r in self.requirements + self.estimates if r.label == row.label]
        titles = [title(r) for r in same]
        return f"{row.label} ({title(row)})" if len(same) > 1 and all(titles) and len(set(titles)) == len(same) else row.label

    def value_rows(self, rows) -> str:
        return "".join(f'<tr><td>{html.escape(self.label(r))}</td>'
                       f'<td><span data-est="{r.name}">{html_text(self.page.shown[r.name])}</span></td></tr>'
                       for r in rows)


# Copying from the chapter as built -------------------------------------------------------------

SUMMARY = re.compile(r'<div class="admonition abstract">\s*<p class="admonition-title">[^<]*</p>\s*(<p>.*?</p>)', re.S)
# The diagram's placeholder (and its caption), which diagrams.py fills with the chapter's drawing; under
# `mkdocs serve`, its source, which diagrams.js draws in the browser.
PLACEHOLDER = re.compile(r'(?:<figure[^>]*>\s*)?(?:<div data-diagram="\d+"></div>|<pre class="diagram-source".*?</pre>)'
                         r'(?:\s*<figcaption>.*?</figcaption>\s*</figure>)?', re.S)
TABLE = re.compile(r"<table>.*?</table>", re.S)
BODY_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)
HREF = re.compile(r'href="([^"]*)"')
# Where a sentence of a paragraph's HTML ends: its stop, any tags that close there, then a space.
SENTENCE_END = re.compile(r"[.!?](?:</[a-z]+>)*(?=\s)")


def prompt_paragraph(paragraph: str, where: str) -> str:
    """The Summary's first paragraph (`<p>...</p>`) up to a closing lead-in sentence that ends in a
    colon, whose list follows the paragraph and is not on the card."""
    inner = paragraph[len("<p>"):-len("</p>")].rstrip()
    if not inner.endswith(":"):
        return paragraph
    ends = [m.end() for m in SENTENCE_END.finditer(inner)]
    if not ends:
        raise PluginError(f"{where}: the Summary's first paragraph is only a lead-in ending in ':'; "
                          f"a card needs a sentence of prompt before it")
    return f"<p>{inner[:ends[-1]]}</p>"


def table_after(content: str, anchor: str, where: str) -> list[list[str]]:
    """The body rows (cells' HTML) of the first table after the heading with this id."""
    at = content.find(f'id="{anchor}"')
    table = TABLE.search(content, at) if at >= 0 else None
    if not table:
        raise PluginError(f"{where}: a card found no table under '#{anchor}' in the built chapter")
    body = table.group(0).split("<tbody>", 1)[-1]
    return [CELL.findall(row) for row in BODY_ROW.findall(body)]


def rebase(fragment: str, chapter_url: str, card_url: str) -> str:
    """Links of HTML copied from the chapter, made to work from the card's page."""
    def fix(m):
        href = html.unescape(m.group(1))
        if re.match(r"^[a-z]+:|^//", href):
            return m.group(0)
        path, _, anchor = href.partition("#")
        target = chapter_url if not path else posixpath.normpath(posixpath.join(posixpath.dirname(chapter_url), path))
        if (not path and chapter_url.endswith("/")) or (path.endswith("/") and not target.endswith("/")):
            target = target.rstrip("/") + "/"
        url = get_relative_url(target, card_url) + (f"#{anchor}" if anchor else "")
        return f'href="{html.escape(url)}"'
    return HREF.sub(fix, fragment)


def card_html(choice: Choice, chapter, card_url: str) -> str:
    content, where = chapter.content, choice.source.path
    chapter_url = chapter.url or "./"
    summary = SUMMARY.search(content)
    diagram = PLACEHOLDER.search(content)
    if not summary or not diagram:
        raise PluginError(f"{where}: a card needs the Summary's first paragraph and its diagram")
    ledger = table_after(content, "trade-off-ledger", where)
    timeline = table_after(content, "interview-timeline", where)
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in ledger[i]) + "</tr>" for i in choice.ledger)
    clock = "".join(f"<tr><td>{r[0]}</td><td>{r[1]}</td><td>{r[2]}</td></tr>" for r in timeline)
    link = get_relative_url(chapter_url, card_url)
    estimates = (f'<section class="card__estimates" aria-labelledby="card-estimates"><h2 id="card-estimates">Key estimates</h2>'
                 f'<table><thead><tr><th>Estimate</th><th>Value</th></tr></thead><tbody>{choice.value_rows(choice.estimates)}'
                 f'</tbody></table></section>' if choice.estimates else "")
    out = f"""<article class="card" data-card-of="{html.escape(choice.source.uri)}" data-search-exclude>
<section class="card__prompt" aria-labelledby="card-prompt"><h2 id="card-prompt">The prompt</h2>{prompt_paragraph(summary.group(1), where)}
<p class="card__source">From the chapter <a href="{html.escape(link)}">{html.escape(choice.source.title)}</a>, which has the arithmetic behind every number.</p></section>
<div class="card__numbers">
<section class="card__requirements" aria-labelledby="card-requirements"><h2 id="card-requirements">Requirements in numbers</h2>
<table><thead><tr><th>Quantity</th><th>Value</th></tr></thead><tbody>{choice.value_rows(choice.requirements)}</tbody></table></section>
{estimates}
<section class="card__clock" aria-labelledby="card-clock"><h2 id="card-clock">Minute plan</h2>
<table><thead><tr><th>45 min</th><th>60 min</th><th>Phase</th></tr></thead><tbody>{clock}</tbody></table></section>
</div>
<section class="card__diagram" aria-labelledby="card-diagram"><h2 id="card-diagram">End to end</h2>{diagram.group(0)}</section>
<section class="card__ledger" aria-labelledby="card-ledger"><h2 id="card-ledger">Five ledger rows</h2>
<table><thead><tr><th>Decision</th><th>Trade-off</th><th>Choice</th><th>Why</th></tr></thead><tbody>{rows}</tbody></table></section>
</article>"""
    return rebase(out, chapter_url, card_url)


# Hooks -----------------------------------------------------------------------------------------

_choices: dict = {}


def _docs(config) -> Path:
    return Path(config["docs_dir"])


def _titles(docs: Path, slugs) -> dict:
    return {s: Source.parse(f"case-studies/{s}.md", (docs / "case-studies" / f"{s}.md").read_text(encoding="utf-8")).title
            for s in slugs}


def _ordered(config) -> list[str]:
    slugs = case_studies(_docs(config))
    listed = [s for s in nav_order(config["nav"]) if s in slugs]
    return listed + [s for s in slugs if s not in listed]


def on_config(config, **kwargs):
    """The nav's "One-page cards" entry (the index) becomes a section with every card after it."""
    if not config["nav"]:
        return config
    titles = _titles(_docs(config), _ordered(config))

    def walk(items):
        for n, item in enumerate(items):
            if isinstance(item, dict):
                for key, value in item.items():
                    if key == NAV_TITLE and value == f"{CARDS_DIR}/index.md":
                        items[n] = {key: [value] + [{titles[s]: card_uri(s)} for s in titles]}
                        return True
                    if isinstance(value, list) and walk(value):
                        return True
        return False
    walk(config["nav"])
    return config


def on_files(files, config, **kwargs):
    docs = _docs(config)
    for slug in _ordered(config):
        source = Source.parse(f"case-studies/{slug}.md", (docs / "case-studies" / f"{slug}.md").read_text(encoding="utf-8"))
        description = json.dumps(f"One-page card: {source.meta.get('description', '')}", ensure_ascii=False)
        text = (f'---\ndescription: {description}\nsearch:\n  exclude: true\n---\n\n'
                f"# {source.title}: one-page card\n\n<div class=\"card-slot\" data-card=\"{slug}\"></div>\n")
        files.append(File.generated(config, card_uri(slug), content=text))
    return files


def on_page_markdown(markdown, page, config, files, **kwargs):
    if not INDEX_MARKER.search(markdown):
        return markdown
    docs = _docs(config)
    slugs = _ordered(config)
    titles = _titles(docs, slugs)
    rows = ["| Card | The prompt in one line |", "|---|---|"]
    for slug in slugs:
        source = Source.parse(f"case-studies/{slug}.md", (docs / "case-studies" / f"{slug}.md").read_text(encoding="utf-8"))
        rows.append(f"| [{titles[slug]}]({slug}.md) | {source.meta.get('description', '')} |")
    # The offline download has no PDFs: it links the hosted site's, as pdf_links.py does.
    pdf = config.site_url + CARDS_PDF if is_offline_build(config) else get_relative_url(CARDS_PDF, page.file.url)
    lead = (f'<p class="cards-pdf"><a href="{pdf}" download>All {len(slugs)} cards as one PDF</a>, '
            f"one card a page.</p>\n\n")
    return INDEX_MARKER.sub(lambda m: lead + "\n".join(rows), markdown)


def on_env(env, config, files, **kwargs):
    """Every chapter is rendered by now (its page.content): fill each card's slot from its chapter."""
    docs_dir = posixpath.relpath(config["docs_dir"], posixpath.dirname(config["config_file_path"]))
    for slug in _ordered(config):
        chapter = files.get_file_from_path(f"case-studies/{slug}.md")
        card = files.get_file_from_path(card_uri(slug))
        if chapter is None or card is None or card.page is None or chapter.page is None:
            continue
        source = Source.parse(chapter.src_uri, chapter.content_string, docs_dir)
        page = card.page
        filled = card_html(Choice(source), chapter.page, page.url or "./")
        _summary_fence[card.src_uri] = summary_fence(source)
        page.content = SLOT.sub(lambda m: filled, page.content, count=1)
    return env


# On paper a card gives its diagram the column's width and DIAGRAM_HEIGHT (extra.css: 66 mm, 250 CSS
# px). A diagram drawn twice prints, on a card, whichever drawing comes out larger in that box (the
# chapter prints its drawing made for paper, whose box is a whole page). Its smallest text must print
# at MIN_PRINTED_PT like every diagram of the PDFs, so a Summary diagram is drawn compact enough.
PRINT_WIDTH, DIAGRAM_HEIGHT = 672, 250
DRAWING = re.compile(r'<div class="diagram(?: diagram--(screen|paper))?" style="--diagram-width: (\d+)px;[^"]*"'
                     r' data-font="([\d.]+)"[^>]*><svg[^>]*?viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')
_summary_fence: dict[str, str] = {}  # card page's src_uri -> "file:line" of its chapter's Summary diagram


def print_scale(width: float, box_width: float, box_height: float) -> float:
    return min(1.0, PRINT_WIDTH / width, DIAGRAM_HEIGHT * box_width / (box_height * width))


def printed_pt(font: float, width: float, box_width: float, box_height: float) -> float:
    """The size in points at which a drawing's smallest text prints in a card's diagram box."""
    return font * print_scale(width, box_width, box_height) * PT_PER_PX


def summary_fence(source: Source) -> str:
    """Where the chapter's Summary diagram starts, as `file:line`."""
    fence = FENCE.search(source.body)
    return f"{source.path}:{source.line(source.body[:fence.start()].count(chr(10)) + 1) if fence else 1}"


def on_post_page(output, page, config, **kwargs):
    if not page.file.src_uri.startswith(f"{CARDS_DIR}/") or page.file.src_uri.endswith("index.md"):
        return output
    drawings = {kind or "only": (printed_pt(float(font), float(w), float(vw), float(vh)), int(w),
                                 float(vh) * int(w) / float(vw), float(font))
                for kind, w, font, vw, vh in DRAWING.findall(output)}
    if not drawings:  # under `mkdocs serve` the browser draws the diagram
        return output
    kind, (pt, width, height, font) = max(drawings.items(), key=lambda item: item[1][0])
    if pt < MIN_PRINTED_PT:
        least = MIN_PRINTED_PT / (PT_PER_PX * font)  # the smallest scale that prints the text at the minimum
        raise PluginError(
            f"{_summary_fence.get(page.file.src_uri, page.file.src_uri)}: the Summary diagram prints on its one-page card "
            f"with text at {pt:.1f} pt, under {MIN_PRINTED_PT:g} pt: it is drawn {width} x {height:.0f} px; a card prints "
            f"it in {PRINT_WIDTH} x {DIAGRAM_HEIGHT} px, so draw it at most {PRINT_WIDTH / least:.0f} px wide and "
            f"{DIAGRAM_HEIGHT / least:.0f} px tall (fewer nodes, shorter labels, left to right)")
    if kind == "screen":
        output = output.replace('<div class="diagram diagram--screen"', '<div class="diagram diagram--screen diagram--card-print"', 1)
        output = output.replace('<div class="diagram diagram--paper"', '<div class="diagram diagram--paper diagram--card-skip"', 1)
    return output
