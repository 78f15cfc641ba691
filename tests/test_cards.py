"""One-page cards (overrides/hooks/cards.py): one per case study, made from the chapter as built, and
each printing on one page."""
import html
import io
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from pypdf import PdfReader

from cards import CARDS_DIR, case_studies, chosen_ledger_rows, ledger_rows, prompt_paragraph
from guide_markdown import Source
from make_pdf import MARGIN
from pdf_links import CARDS

ROOT = Path(__file__).resolve().parent.parent
SLUGS = case_studies(ROOT / "docs")
TABLE = re.compile(r"<table[^>]*>.*?</table>", re.S)
ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)
VALUE = re.compile(r'<span (?:class="estimate-shown" )?data-est="([a-z_0-9]+)">(.*?)</span>', re.S)  # a value may hold an <abbr>
DRAWINGS = re.compile(r'<div class="diagram[ "].*?(?=<button type="button" class="diagram-open")', re.S)


def text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def rows_after(page_html: str, anchor: str) -> list[list[str]]:
    """The body rows, as cells' text, of the first table after the element with this id."""
    table = TABLE.search(page_html, page_html.index(f'id="{anchor}"')).group(0)
    return [[text(c) for c in CELL.findall(r)] for r in ROW.findall(table.split("<tbody>", 1)[1])]


def source(slug: str) -> Source:
    return Source.parse(f"case-studies/{slug}.md", (ROOT / "docs/case-studies" / f"{slug}.md").read_text(encoding="utf-8"))


def card_page(slug: str) -> str:
    return f"{CARDS_DIR}/{slug}/index.html"


def test_there_are_thirty_case_studies_and_every_one_has_a_card_listed_on_the_index(site):
    assert len(SLUGS) >= 30
    index = site.html(f"{CARDS_DIR}/index.html")
    missing = [s for s in SLUGS if not (site.root / card_page(s)).is_file()
               or '<article class="card"' not in site.html(card_page(s))]
    assert not missing, f"case studies without a card: {missing}"
    unlisted = [s for s in SLUGS if f'href="{s}/"' not in index]
    assert not unlisted, f"cards the index does not link: {unlisted}"
    assert 'href="../../pdf/one-page-cards.pdf"' in index, "the index does not link the PDF of all cards"
    nav = site.html("practice/index.html")
    assert "One-page cards" in nav, "the nav under Practice does not list the cards"


@pytest.mark.parametrize("slug", SLUGS)
def test_a_card_holds_its_chapters_diagram_ledger_rows_numbers_and_clock(site, slug):
    chapter, card = site.html(f"case-studies/{slug}/index.html"), site.html(card_page(slug))
    # The Summary's diagram: the very drawing(s) of the chapter's first diagram (the card marks which
    # of two drawings it prints).
    drawn = DRAWINGS.search(re.sub(r" diagram--card-(?:print|skip)", "", card))
    assert drawn and drawn.group(0) == DRAWINGS.search(chapter).group(0), "the card's diagram is not the chapter's first drawing"
    # Five ledger rows, word for word, those the rule chooses.
    chosen = chosen_ledger_rows(ledger_rows(source(slug).body))
    assert len(chosen) == 5
    ledger = rows_after(chapter, "trade-off-ledger")
    assert rows_after(card, "card-ledger") == [ledger[i] for i in chosen]
    # Every number the card shows is a value the chapter shows for the same estimate.
    shown = {}
    for name, value in VALUE.findall(chapter):
        shown.setdefault(name, set()).add(text(value))
    values = [(name, text(value)) for name, value in VALUE.findall(card)]
    assert len(values) >= 8, "the card shows too few numbers"
    wrong = [f"{name} = {value}, chapter: {shown.get(name)}" for name, value in values if value not in shown.get(name, ())]
    assert not wrong, "numbers that differ from the chapter's:\n" + "\n".join(wrong)
    # The minute plan: the timeline's phases with the clock's minutes.
    assert rows_after(card, "card-clock") == [r[:3] for r in rows_after(chapter, "interview-timeline")]
    # The prompt: the Summary's first paragraph, up to a closing lead-in to a list.
    summary = re.search(r'<div class="admonition abstract">\s*<p class="admonition-title">[^<]*</p>\s*(<p>.*?</p>)', chapter, re.S)
    assert text(prompt_paragraph(summary.group(1), slug)) in text(card)


def test_no_card_prompt_ends_with_a_lead_in_to_a_list_it_does_not_carry(site):
    prompts = {slug: text(re.search(r'<h2 id="card-prompt">The prompt</h2>(.*?)<p class="card__source">',
                                    site.html(card_page(slug)), re.S).group(1)) for slug in SLUGS}
    dangling = [f"{slug}: ...{prompt[-60:]}" for slug, prompt in prompts.items() if prompt.endswith(":")]
    assert not dangling, "card prompts ending in ':':\n" + "\n".join(dangling)
    assert all(prompt.endswith((".", "?", "!")) for prompt in prompts.values()), prompts


def test_a_prompt_keeps_its_sentences_and_drops_only_a_closing_lead_in():
    assert prompt_paragraph("<p>A feed ranks posts. It costs <a href=\"x/\">1.5 ms</a>. The three hardest trade-offs:</p>",
                            "x") == "<p>A feed ranks posts. It costs <a href=\"x/\">1.5 ms</a>.</p>"
    assert prompt_paragraph("<p>Ranks <em>posts.</em> Trade-offs of <a href=\"y/\">cost</a>:</p>", "x") == "<p>Ranks <em>posts.</em></p>"
    kept = "<p>A feed ranks posts: each one scored.</p>"
    assert prompt_paragraph(kept, "x") == kept
    with pytest.raises(PluginError, match="docs/x.md: the Summary's first paragraph is only a lead-in"):
        prompt_paragraph("<p>The three hardest trade-offs:</p>", "docs/x.md")


def test_cards_link_only_to_what_the_site_has(site):
    broken = [b for b in site.broken_links(pdfs=False) if b.startswith(CARDS_DIR)]
    assert not broken, "\n".join(broken)


def print_pages(reader, slug: str, paper: str) -> int:
    reader.open(f"/{CARDS_DIR}/{slug}/")
    reader.page.wait_for_function("document.fonts.status === 'loaded'")
    reader.page.evaluate("window.fieldGuidePrint.prepare()")
    reader.page.emulate_media(media="print")
    pdf = reader.page.pdf(format=paper, margin=MARGIN, print_background=True)
    reader.page.emulate_media(media="screen")
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_the_longest_cards_print_on_one_a4_and_one_letter_page(site, reader):
    """The two cards with the most text print on one page of either paper; `make pdf` checks every
    card on A4 (test_the_cards_pdf_has_one_page_per_card)."""
    longest = sorted(SLUGS, key=lambda s: -len(text(site.html(card_page(s)).split('<article class="card"', 1)[1])))[:2]
    pages = {f"{slug} on {paper}": print_pages(reader, slug, paper) for slug in longest for paper in ("A4", "Letter")}
    assert set(pages.values()) == {1}, pages


def test_the_cards_pdf_has_one_page_per_card(pdfs):
    reader = PdfReader(pdfs / CARDS)
    assert len(reader.pages) == len(SLUGS)
    titles = [item.title for item in reader.outline]
    assert sorted(titles) == sorted(source(s).title for s in SLUGS), "bookmarks are not the case studies"
    for number, page in enumerate(reader.pages):
        assert titles[number] in " ".join(page.extract_text().split()), f"page {number + 1} is not the card of {titles[number]}"


def card_output(width: int, height: int, font: float = 16) -> str:
    return (f'<article class="card"><div class="diagram" style="--diagram-width: {width}px; --diagram-height: 1px; '
            f'--diagram-print-width: 1px" data-font="{font:g}"><svg viewBox="0 0 {width} {height}"></svg></div></article>')


def test_a_summary_diagram_too_big_to_print_at_7_pt_on_its_card_fails_the_build_naming_its_line():
    from types import SimpleNamespace
    from cards import _summary_fence, on_post_page
    from mkdocs.exceptions import PluginError
    page = SimpleNamespace(file=SimpleNamespace(src_uri=f"{CARDS_DIR}/example.md"))
    _summary_fence[page.file.src_uri] = "docs/case-studies/example.md:12"
    # 1,120 x 416 px prints at 0.6 of its size in the card's 672 x 250 px box: 16 px text at 7.2 pt.
    assert on_post_page(card_output(1120, 416), page, {}) == card_output(1120, 416)
    with pytest.raises(PluginError, match=r"^docs/case-studies/example.md:12: .* at 4\.3 pt.* at most 1152 px wide and 429 px tall"):
        on_post_page(card_output(1400, 700), page, {})
