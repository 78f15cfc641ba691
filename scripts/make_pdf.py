"""Print the guide to PDF with headless Chromium (Debian's), offline.

usage: python scripts/make_pdf.py [SITE_DIR] [--cards-only]    (default: site)

Builds the site first (as `make build` does) unless SITE_DIR is newer than every source file,
serves it on 127.0.0.1 and prints each page of the nav once, the way a reader's Print does
(assets/javascripts/print.js opens the answers; the print styles in extra.css drop the site's chrome
and fit each diagram, drawn into the page at build time, to the column and to one page). From those
prints it writes, under SITE_DIR/pdf/ (the paths overrides/hooks/pdf_links.py links to):

- one PDF per framework chapter and case study,
- the trade-off catalog as one document,
- the whole guide: a cover, a table of contents with page numbers, bookmarks by part, chapter and
  section, running headers with the chapter title, and page numbers;
- every case study's one-page card (overrides/hooks/cards.py), one card a page, bookmarked by case
  study. A card that does not print on exactly one page stops the script, naming the card.
  `--cards-only` prints the cards and nothing else.

Diagrams stay vector: their labels are text in the PDF.
"""
import datetime
import html
import io
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "overrides" / "hooks")]

from browser import chromium  # noqa: E402
from cards import CARDS_DIR, case_studies, nav_order  # noqa: E402
from pdf_links import CARDS, CATALOG, GUIDE, pdf_for  # noqa: E402
from site_reader import Reader, serve  # noqa: E402

SOURCES = ["docs", "includes", "overrides", "mkdocs.yml", "mkdocs-offline.yml"]
MARGIN = {"top": "18mm", "bottom": "16mm", "left": "16mm", "right": "16mm"}
GUIDE_TITLE = "ML System Design Field Guide"
# Not printed: the flashcards are a study widget, and the questions by case study repeat the
# questions by step.
NOT_PRINTED = {"practice/flashcards.md", "practice/by-case-study.md", f"{CARDS_DIR}/index.md"}

# Run in the page before printing: the reader's own print preparation, then links that leave the
# chapter point at the hosted site instead of the local server that printed it.
PREPARE = """siteUrl => {
  window.fieldGuidePrint.prepare();
  for (const a of document.querySelectorAll(".md-content a[href]")) {
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin) continue;
    a.dataset.internal = "";
    if (url.pathname !== location.pathname) a.href = siteUrl + url.pathname.slice(1) + url.hash;
  }
  const h1 = document.querySelector(".md-content h1");
  return h1 ? [...h1.childNodes].filter(n => !(n.classList && n.classList.contains("headerlink")))
                                  .map(n => n.textContent).join("").trim() : document.title;
}"""


@dataclass
class Chapter:
    uri: str  # source path relative to docs/, e.g. framework/evaluation.md
    part: str | None
    title: str = ""
    pdf: bytes = b""
    pages: int = 0
    sections: list = field(default_factory=list)  # (title, page index within the chapter)

    @property
    def url(self) -> str:
        stem = self.uri.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return "/" + stem.removesuffix("index")
        return f"/{stem}/"


def nav_chapters(config) -> list[Chapter]:
    """The nav's pages in order, each under the top-level section (the part) that holds it."""
    chapters = []

    def walk(items, part):
        for item in items:
            if isinstance(item, str):
                chapters.append(Chapter(item, part))
            else:
                for title, value in item.items():
                    if isinstance(value, str):
                        chapters.append(Chapter(value, part))
                    else:
                        walk(value, part or title)
    walk(config["nav"], None)
    return [c for c in chapters if c.uri not in NOT_PRINTED]


def card_pages(config) -> list[Chapter]:
    """Every case study's card, in the order of the nav."""
    slugs = case_studies(ROOT / "docs")
    listed = [s for s in nav_order(config["nav"]) if s in slugs]
    return [Chapter(f"{CARDS_DIR}/{slug}.md", None) for slug in listed + [s for s in slugs if s not in listed]]


def cards_document(cards: list[Chapter]) -> PdfWriter:
    """The cards, one a page, each bookmarked; a card on more or fewer pages than one is an error."""
    wrong = [f"{c.uri}: {c.pages} pages" for c in cards if c.pages != 1]
    if wrong:
        raise SystemExit("one-page cards that do not print on one page:\n  " + "\n  ".join(wrong))
    return assemble([(c.pdf, c.title, False) for c in cards], [(c.title.removesuffix(": one-page card"), i, 0) for i, c in enumerate(cards)],
                    None, f"One-page cards · {GUIDE_TITLE}")


def site_is_current(site_dir: Path) -> bool:
    stamp = site_dir / "sitemap.xml"
    if not stamp.exists():
        return False
    newest = max(p.stat().st_mtime for s in SOURCES for p in ([ROOT / s] if (ROOT / s).is_file()
                                                                else (ROOT / s).rglob("*"))
                 if p.is_file() and "__pycache__" not in p.parts)  # running the tests writes bytecode
    return stamp.stat().st_mtime >= newest


def print_chapters(chapters: list[Chapter], browser, origin: str, site_url: str):
    context = browser.new_context(viewport={"width": 1100, "height": 1400})
    reader = Reader(context, origin)
    for chapter in chapters:
        reader.errors.clear()
        reader.open(chapter.url)  # its diagrams are in the page already, drawn at build time
        if reader.errors:
            raise SystemExit(f"docs/{chapter.uri}: cannot print, page errors {reader.errors}")
        reader.page.wait_for_function("document.fonts.status === 'loaded'")
        chapter.title = reader.page.evaluate(PREPARE, site_url)
        reader.page.emulate_media(media="print")
        chapter.pdf = reader.page.pdf(format="A4", margin=MARGIN, print_background=True, outline=True, tagged=True)
        reader.page.emulate_media(media="screen")
        chapter.pages, chapter.sections = outline_of(chapter.pdf)
    if reader.outside:
        raise SystemExit(f"printing asked for outside resources: {sorted(set(reader.outside))}")
    context.close()


def outline_of(pdf: bytes) -> tuple[int, list]:
    """A chapter's page count, and the second-level bookmarks Chromium made from its H2s as
    (title, page index)."""
    reader = PdfReader(io.BytesIO(pdf))
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            elif depth == 1:
                found.append((item.title.replace("¶", "").strip(), reader.get_destination_page_number(item)))
    walk(reader.outline, 0)
    return len(reader.pages), found


def render(browser, body: str, css: str, background: bool = True) -> bytes:
    """A PDF of a small HTML document (cover, contents, running heads). Without `background` the
    pages stay transparent, so they can be laid over others."""
    page = browser.new_page()
    page.set_content(f"<!doctype html><html lang=en><meta charset=utf-8><style>{css}</style><body>{body}</body></html>")
    pdf = page.pdf(format="A4", margin={"top": "0", "bottom": "0", "left": "0", "right": "0"}, print_background=background)
    page.close()
    return pdf


BASE_CSS = "body{margin:0;font-family:system-ui,'DejaVu Sans',sans-serif;color:#111}"


def running_heads(browser, heads: list[tuple[str, str]]) -> PdfReader:
    """One transparent A4 page per entry, with the header text and the footer text in the margins."""
    css = BASE_CSS + """
      @page{size:A4;margin:0}
      .p{position:relative;height:296.9mm;overflow:hidden;font-size:7.5pt;color:#555}
      .p+.p{break-before:page}
      .h{position:absolute;top:8mm;left:16mm;right:16mm;display:flex;justify-content:space-between;
         border-bottom:0.4pt solid #bbb;padding-bottom:1.2mm}
      .f{position:absolute;bottom:7mm;left:16mm;right:16mm;text-align:center}"""
    body = "".join(f'<div class="p"><div class="h"><span>{html.escape(GUIDE_TITLE)}</span>'
                   f'<span>{html.escape(head)}</span></div><div class="f">{html.escape(foot)}</div></div>'
                   if head or foot else '<div class="p"></div>' for head, foot in heads)
    reader = PdfReader(io.BytesIO(render(browser, body, css, background=False)))
    assert len(reader.pages) == len(heads), f"running heads: {len(reader.pages)} pages for {len(heads)}"
    return reader


def cover(browser, site_url: str, parts: list[str]) -> bytes:
    css = BASE_CSS + """
      @page{size:A4;margin:0}
      .c{height:296mm;box-sizing:border-box;padding:70mm 24mm 20mm;background:#3f51b5;color:#fff;
         display:flex;flex-direction:column}
      h1{font-size:34pt;line-height:1.1;margin:0 0 8mm} p{font-size:13pt;margin:0 0 4mm;max-width:140mm}
      .foot{margin-top:auto;font-size:10pt;opacity:.9}"""
    today = datetime.date.today().isoformat()
    body = (f'<div class="c"><h1>{html.escape(GUIDE_TITLE)}</h1>'
            "<p>Machine-learning system design interviews: a 7-step framework, worked case studies, "
            "and every design decision as a trade-off with the numbers that decide it.</p>"
            f'<p>{html.escape(" · ".join(parts))}</p>'
            f'<div class="foot">Printed {today} from {html.escape(site_url)}</div></div>')
    return render(browser, body, css)


def contents(browser, entries: list[tuple[str, str, int]]) -> bytes:
    """The table of contents: (kind, title, page number) with kind 'part' or 'chapter'."""
    css = BASE_CSS + """
      @page{size:A4;margin:20mm 20mm 18mm}
      h1{font-size:20pt;margin:0 0 6mm} .part{font-weight:700;font-size:11pt;margin:5mm 0 1.5mm}
      .e{display:flex;font-size:9.5pt;line-height:1.55} .e span:first-child{flex:0 1 auto}
      .dots{flex:1;border-bottom:0.6pt dotted #888;margin:0 2mm 1.2mm} .ch{padding-left:5mm}"""
    rows = ["<h1>Contents</h1>"]
    for kind, title, number in entries:
        cls = "part" if kind == "part" else "e ch" if kind == "chapter-in-part" else "e"
        if kind == "part":
            rows.append(f'<div class="{cls}">{html.escape(title)}</div>')
        else:
            rows.append(f'<div class="{cls}"><span>{html.escape(title)}</span><span class="dots"></span>'
                        f"<span>{number}</span></div>")
    return render(browser, "".join(rows), css)


def assemble(pieces: list[tuple[bytes, str, bool]], outline: list, heads: PdfReader | None, title: str) -> PdfWriter:
    """Concatenate PDFs, lay the running heads over them and add the bookmarks.

    `pieces` are (pdf, running head title, numbered); `outline` is a list of (title, page index,
    depth) in reading order, depth 0 at the top."""
    writer = PdfWriter()
    for pdf, _, _ in pieces:
        writer.append(PdfReader(io.BytesIO(pdf)), import_outline=False)
    if heads is not None:
        for page, head in zip(writer.pages, heads.pages):
            page.merge_page(head)
            page.compress_content_streams()  # merging leaves the page's stream uncompressed
    ancestors = []
    for entry_title, page_index, depth in outline:
        del ancestors[depth:]
        ancestors.append(writer.add_outline_item(title=entry_title, page_number=page_index, parent=ancestors[-1] if ancestors else None))
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    writer.add_metadata({"/Title": title, "/Author": GUIDE_TITLE})
    writer.page_mode = "/UseOutlines"
    return writer


def chapter_document(browser, chapters: list[Chapter], title: str) -> PdfWriter:
    """One or more chapters as a document: running head = chapter title, footer 'page n of N'."""
    total = sum(c.pages for c in chapters)
    heads, outline, start = [], [], 0
    for chapter in chapters:
        heads += [(chapter.title, f"{start + i + 1} / {total}") for i in range(chapter.pages)]
        outline.append((chapter.title, start, 0))
        outline += [(s, start + p, 1) for s, p in chapter.sections]
        start += chapter.pages
    return assemble([(c.pdf, c.title, True) for c in chapters], outline,
                    running_heads(browser, heads), title)


def guide_document(browser, chapters: list[Chapter], site_url: str) -> PdfWriter:
    parts = list(dict.fromkeys(c.part for c in chapters if c.part))
    front = cover(browser, site_url, parts)

    def toc_entries(first_page: int):
        entries, page, seen = [], first_page, set()
        for chapter in chapters:
            if chapter.part and chapter.part not in seen:
                seen.add(chapter.part)
                entries.append(("part", chapter.part, page))
            entries.append(("chapter-in-part" if chapter.part else "chapter", chapter.title, page))
            page += chapter.pages
        return entries

    toc_pages = len(PdfReader(io.BytesIO(contents(browser, toc_entries(999)))).pages)
    first = 1 + toc_pages  # page indexes from 0: the cover, then the contents
    toc = contents(browser, toc_entries(first + 1))
    heads = [("", "")] * (1 + toc_pages)
    outline = [("Contents", 1, 0)]
    start, seen = first, set()
    for chapter in chapters:
        heads += [(chapter.title, str(start + i + 1)) for i in range(chapter.pages)]
        if chapter.part and chapter.part not in seen:
            seen.add(chapter.part)
            outline.append((chapter.part, start, 0))
        depth = 1 if chapter.part else 0
        outline.append((chapter.title, start, depth))
        outline += [(s, start + p, depth + 1) for s, p in chapter.sections]
        start += chapter.pages
    pieces = [(front, "", False), (toc, "", False)] + [(c.pdf, c.title, True) for c in chapters]
    return assemble(pieces, outline, running_heads(browser, heads), GUIDE_TITLE)


def main(argv: list[str]) -> int:
    from mkdocs.config import load_config
    cards_only = "--cards-only" in argv
    argv = [a for a in argv if a != "--cards-only"]
    site_dir = Path(argv[1] if len(argv) > 1 else ROOT / "site").resolve()
    config = load_config(str(ROOT / "mkdocs.yml"))
    started = time.monotonic()
    if not site_is_current(site_dir):
        print(f"building the site into {site_dir}")
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), str(site_dir)], cwd=ROOT, check=True)
    site_url = config["site_url"] or "/"
    chapters = [] if cards_only else nav_chapters(config)
    cards = card_pages(config)
    server, origin = serve(site_dir)
    written = []
    try:
        with chromium() as browser:
            print_chapters(cards, browser, origin, site_url)
            written.append((CARDS, cards_document(cards)))
            print_chapters(chapters, browser, origin, site_url)
            documents = {}
            for chapter in chapters:
                documents.setdefault(pdf_for(chapter.uri), []).append(chapter)
            for target, members in documents.items():
                if target == GUIDE:
                    continue
                title = "Trade-off catalog" if target == CATALOG else members[0].title
                written.append((target, chapter_document(browser, members, f"{title} · {GUIDE_TITLE}")))
            if chapters:
                written.append((GUIDE, guide_document(browser, chapters, site_url)))
    finally:
        server.shutdown()
    for target, writer in written:
        path = site_dir / target
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as out:
            writer.write(out)
    print(f"wrote {len(written)} PDFs under {site_dir / 'pdf'} in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
