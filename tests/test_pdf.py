"""Print and PDF: what `make pdf` writes, read back as text and bookmarks, and the print styles as
Chromium applies them."""
import html
import math
import re
import subprocess
import unicodedata
from pathlib import Path

from pypdf import PdfReader

from guide_markdown import Source
from pdf_links import CARDS, CATALOG, GUIDE, pdf_for

ROOT = Path(__file__).resolve().parent.parent
RAW_MERMAID = re.compile(r"^\s*(?:(?:flowchart|graph)\s+(?:LR|RL|TB|TD|BT)|sequenceDiagram|stateDiagram(?:-v2)?|"
                         r"classDiagram|xychart-beta|quadrantChart|gantt|timeline)\s*$|accTitle:|accDescr:|classDef\s", re.M)
MERMAID_ERROR = re.compile(r"Syntax error in text|Parse error on line|mermaid version", re.I)


def nav_sources() -> list[Source]:
    from make_pdf import nav_chapters
    from mkdocs.config import load_config
    config = load_config(str(ROOT / "mkdocs.yml"))
    return [Source.parse(c.uri, (ROOT / "docs" / c.uri).read_text(encoding="utf-8")) for c in nav_chapters(config)]


def words(text: str) -> str:
    """Text with whitespace collapsed, as a PDF's text layer gives it back."""
    return " ".join(unicodedata.normalize("NFKC", text).replace("\u00ad", "").split())


def pdf_text(path: Path) -> str:
    return words(subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                                text=True, check=True).stdout)


def test_every_chapter_pdf_holds_its_title_and_sections_and_no_diagram_source(pdfs):
    problems = []
    sources = nav_sources()
    for target in sorted({pdf_for(s.uri) for s in sources}):
        path = pdfs / target
        if not path.is_file():
            problems.append(f"{target}: not written")
            continue
        assert len(PdfReader(path).pages) > 0
        text = pdf_text(path)
        for source in (s for s in sources if pdf_for(s.uri) == target or target == GUIDE):
            wanted = [source.title] + [h.text for h in source.headings() if h.level == 2]
            problems += [f"{target}: lacks '{w}' of {source.path}" for w in wanted if words(w) not in text]
        problems += [f"{target}: raw Mermaid source '{m.group(0).strip()}'" for m in RAW_MERMAID.finditer(
            subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout)]
        problems += [f"{target}: Mermaid error text '{m.group(0)}'" for m in MERMAID_ERROR.finditer(text)]
    assert not problems, "\n".join(problems)
    assert any(pdf_for(s.uri) not in (GUIDE, CATALOG) for s in sources), "no chapter has a PDF of its own"


def test_printed_chapters_open_every_collapsed_answer(pdfs):
    source = Source.parse("framework/evaluation.md", (ROOT / "docs/framework/evaluation.md").read_text())
    answers = re.findall(r'^\?\?\? question "[^"]+"\n\n?    (.+)$', source.body, re.M)
    assert answers, "the evaluation chapter has no collapsed answers to check"
    text = pdf_text(pdfs / pdf_for(source.uri))
    missing = [a for a in answers if words(re.sub(r"[*`]|\[([^\]]+)\]\([^)]+\)", r"\1", a))[:60] not in text]
    assert not missing, f"answers missing from the printed chapter: {missing}"


def test_whole_guide_has_contents_bookmarks_running_heads_and_page_numbers(pdfs):
    reader = PdfReader(pdfs / GUIDE)
    chapters = {}

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            elif depth <= 1:
                chapters.setdefault(item.title, reader.get_destination_page_number(item))
    walk(reader.outline, 0)
    sources = nav_sources()
    assert {"Contents", "Framework", "Trade-offs", "Reference"} <= set(chapters)
    missing = [s.title for s in sources if s.title not in chapters]
    assert not missing, f"chapters without a bookmark: {missing}"

    first_chapter = min(chapters[s.title] for s in sources)
    contents = words(" ".join(reader.pages[i].extract_text() for i in range(chapters["Contents"], first_chapter)))
    for source in sources:
        start = chapters[source.title]
        first_page = words(reader.pages[start].extract_text())
        assert source.title in first_page, f"bookmark of '{source.title}' points at page {start + 1}"
        assert re.search(re.escape(source.title) + r"\W*\s*" + str(start + 1) + r"\b", contents), \
            f"contents do not list '{source.title}' at page {start + 1}"
        shown = min(start + 1, len(reader.pages) - 1)  # the chapter's second page, or its only one if it ends the guide
        assert re.search(rf"\b{shown + 1}\b", words(reader.pages[shown].extract_text())), \
            f"page {shown + 1} shows no page number"
    evaluation = chapters["5. Evaluation"]
    assert words(reader.pages[evaluation + 1].extract_text()).count("5. Evaluation") >= 1, "no running head"


def test_every_page_links_its_pdf(site, pdfs):
    missing = []
    for page in site.pages():
        links = re.findall(r'<p class="pdf-download"[^>]*><a [^>]*href="([^"]+)"', site.html(page))
        if len(links) != 1:
            missing.append(f"{page}: {len(links)} Download PDF links")
            continue
        target = (site.root / page).parent / links[0]
        if not target.resolve().is_file():
            missing.append(f"{page}: {links[0]} does not exist")
    assert not missing, "\n".join(missing)


def test_print_layout_fits_diagrams_and_hides_the_site_chrome(site, every_page, reader):
    """In print emulation at the printable width of A4 (178 mm = 672 CSS px), after the page's own
    print preparation, no diagram is wider than the column or taller than a page, and nothing is
    wider than the page (Chromium would shrink the whole chapter, text and diagrams, to fit)."""
    problems = []
    printed = {page: seen for page, seen in every_page.visits.items() if seen.printed is not None}
    assert len(printed) > 100
    for page, seen in printed.items():
        problems += [f"{page}: diagram {i + 1} is {w} x {h} px" for i, (w, h) in enumerate(seen.printed) if w > 672 or h > 994]
        if len(seen.printed) != site.scan(page).diagrams:
            problems.append(f"{page}: {len(seen.printed)} diagrams printed of {site.scan(page).diagrams}")
        if seen.print_width > 673:
            problems.append(f"{page}: printed {seen.print_width} px wide")
    assert not problems, "\n".join(problems)

    reader.page.set_viewport_size({"width": 672, "height": 1000})
    reader.open(site.url(site.heaviest()))
    reader.page.evaluate("window.fieldGuidePrint.prepare()")
    reader.page.emulate_media(media="print")
    chrome = reader.page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-path', '.md-footer', '.pdf-download']
        .map(s => document.querySelector(s)).filter(e => e && getComputedStyle(e).display !== 'none').length""")
    assert chrome == 0, "site chrome is visible in print"
    after = reader.page.evaluate("""() => {
        const a = document.createElement('a'); a.href = 'https://arxiv.org/abs/1706.03762'; a.textContent = 'paper';
        document.querySelector('.md-typeset').append(a);
        return getComputedStyle(a, '::after').content; }""")
    assert "https://arxiv.org/abs/1706.03762" in after, "outside links do not show where they go"


def text_sizes(path: Path, fonts: str) -> list[tuple[int, float, str]]:
    """(page number, size in points, text) of every piece of text set in a font whose name contains
    `fonts`, on the pages that use such a font."""
    found = []
    for number, page in enumerate(PdfReader(path).pages, 1):
        used = page.get("/Resources", {}).get("/Font", {})
        if not any(fonts in str(font.get_object().get("/BaseFont", "")) for font in used.values()):
            continue

        def visit(text, cm, tm, font, size):
            if text.strip() and font and fonts in str(font.get("/BaseFont", "")):
                # the text's height in points: its font size through the text and graphics matrices
                c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
                found.append((number, size * math.hypot(c, d), text.strip()))
        page.extract_text(visitor_text=visit)
    return found


def test_every_pdf_prints_diagram_labels_at_7_pt_or_more(pdfs):
    """Diagrams are set in Inter and nothing else is, so Inter's text in a PDF is diagram labels."""
    problems, labels = [], 0
    # make_pdf prints each chapter once and puts those pages both in its own PDF and in the whole
    # guide, so the whole guide and the cards hold every drawing that any PDF prints.
    for path in (pdfs / GUIDE, pdfs / CARDS):
        sizes = text_sizes(path, "Inter")
        labels += len(sizes)
        problems += [f"{path.relative_to(pdfs)} page {number}: '{text}' at {size:.1f} pt"
                     for number, size, text in sizes if size < 6.95]
    assert labels > 1000, f"only {labels} diagram labels found in the PDFs"
    assert not problems, f"{len(problems)} diagram labels under 7 pt:\n" + "\n".join(problems[:40])


def test_printing_right_after_opening_a_page_prints_every_diagram(site, browser, origin):
    page_file = site.heaviest()
    page = browser.new_page()
    page.goto(origin + site.url(page_file), wait_until="domcontentloaded")
    pdf = page.pdf(format="A4")
    page.close()
    text = words(subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                                check=True).stdout.decode())
    # The last word of each printed drawing's last label.
    labels = re.findall(r'<div class="diagram(?: diagram--paper)?" .*?</svg>', site.html(page_file), re.S)
    assert len(labels) >= site.scan(page_file).diagrams
    for drawing in labels:
        last = [t for t in re.findall(r">([^<>]*\w[^<>]*)<", drawing.split("</desc>", 1)[-1]) if t.strip()][-1]
        word = html.unescape(last).split()[-1]
        assert word in text, f"'{word}', the last word of a diagram, is not in the print"


def test_printing_from_dark_mode_prints_light_and_restores(site, reader):
    reader.open("/framework/evaluation/")
    reader.page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    assert reader.page.evaluate("window.fieldGuidePrint.prepare(), document.body.dataset.mdColorScheme") == "default"
    assert reader.page.evaluate("document.querySelectorAll('details:not([open])').length") == 0
    assert reader.page.evaluate("window.fieldGuidePrint.restore(), document.body.dataset.mdColorScheme") == "slate"
    assert reader.page.evaluate("document.querySelectorAll('details:not([open])').length") > 0
