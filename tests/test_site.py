"""The built site as a reader gets it: every page, every link, formulas, the palette, search.
(Diagrams: tests/test_diagrams.py.)"""
import re


def test_build_writes_the_sections_and_skips_templates(site):
    pages = site.pages()
    for page in ["index.html", "framework/index.html", "tradeoffs/index.html", "tradeoffs/matrix/index.html"]:
        assert page in pages
    assert not [p for p in pages if "_template" in p]


def test_every_page_typesets_every_formula_without_errors_or_outside_requests(site, reader):
    problems = []
    for page in site.pages():
        reader.errors.clear()
        reader.open(site.url(page))
        formulas = site.html(page).count('class="arithmatex"')
        if formulas:
            reader.page.wait_for_function(f"document.querySelectorAll('.arithmatex .katex').length >= {formulas}",
                                          timeout=10000)
        typeset = reader.page.evaluate("document.querySelectorAll('.arithmatex .katex').length")
        if typeset != formulas:
            problems.append(f"{page}: {typeset} of {formulas} formulas typeset by KaTeX")
        problems += [f"{page}: page error: {e}" for e in reader.errors]
    problems += [f"outside request: {url}" for url in sorted(set(reader.outside))]
    assert not problems, "\n".join(problems)


def test_internal_links_and_anchors_resolve(site):
    broken = site.broken_links(pdfs=False)  # PDFs are written by `make pdf`; tests/test_pdf.py checks those links
    assert not broken, "\n".join(broken)


def test_dark_palette_is_remembered_across_pages(site, reader):
    reader.page.emulate_media(color_scheme="light")
    reader.open("/")
    reader.page.locator('label[title="Switch to dark mode"]').click()
    reader.open("/framework/")
    assert reader.page.locator("body").get_attribute("data-md-color-scheme") == "slate"


def test_the_search_index_is_fetched_after_the_page_has_loaded(reader):
    page = reader.open("/tradeoffs/")
    page.wait_for_function("performance.getEntriesByType('resource').some(e => e.name.endsWith('/search_index.json'))")
    index_start, load_end = page.evaluate("""() => [
        performance.getEntriesByType('resource').find(e => e.name.endsWith('/search_index.json')).startTime,
        performance.getEntriesByType('navigation')[0].loadEventEnd]""")
    assert load_end > 0 and index_start >= load_end, (index_start, load_end)


PROMISES = re.compile(r"\b(?:to be added|coming soon|will be added|not yet (?:written|available|added)|"
                      r"under construction|TODO|TBD|next chapters)\b", re.I)
NUMBER_WORDS = {"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def visible_text(html: str) -> str:
    article = html.split('<article', 1)[-1].split('</article>', 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", "", article, flags=re.S)))


def test_no_page_promises_what_is_not_there(site):
    """No page announces content still to come, and the counts the front pages state are the real ones."""
    promises = [f"{p}: '{m.group(0)}'" for p in site.pages() for m in PROMISES.finditer(visible_text(site.html(p)))]
    assert not promises, "\n".join(promises)
    from conftest import ROOT
    real = {
        "case studies": len([p for p in site.pages() if re.fullmatch(r"case-studies/(?!index)[\w-]+/index\.html", p)]),
        "catalog pages": len([p for p in site.pages() if re.fullmatch(r"tradeoffs/[\w-]+-vs-[\w-]+/index\.html", p)]),
        "questions": sum(f.read_text(encoding="utf-8").count("\n- id:") + f.read_text(encoding="utf-8").startswith("- id:")
                         for f in (ROOT / "data" / "questions").glob("*.yml")),
        "scripted mock interviews": len([p for p in site.pages() if re.fullmatch(
            r"practice/mock-interviews/(?!index)[\w-]+/index\.html", p)]),
    }
    wrong = []
    for page in ["index.html", "reference/about/index.html", "practice/index.html", "case-studies/index.html"]:
        text = visible_text(site.html(page))
        for what, count in real.items():
            # A total ("18 case studies", "six scripted mock interviews"), not a part ("the first ten case studies").
            for m in re.finditer(rf"(?<!first )(?<!other )\b(\d+|{'|'.join(NUMBER_WORDS)})\s+(?:worked\s+)?{what}\b",
                                 text, re.I):
                stated = NUMBER_WORDS.get(m.group(1).lower()) or int(m.group(1))
                if stated != count:
                    wrong.append(f"{page}: says '{m.group(0)}', the guide has {count}")
    assert not wrong, "\n".join(wrong)


def test_no_dollar_amounts_are_read_as_a_formula(site):
    """Two amounts on one line ("$70 ... ($56)") must not become one inline formula: arithmatex
    pairs dollars, so such a line writes one of them as `&#36;`."""
    swallowed = []
    for page in site.pages():
        for m in re.finditer(r'<span class="arithmatex">\\\((.*?)\\\)</span>', site.html(page), re.S):
            if re.match(r"\d", m.group(1)) and re.search(r"(?<![\\{a-zA-Z])[a-z]{3,}\b", m.group(1)):
                swallowed.append(f"{page}: {m.group(1)[:60]!r}")
    assert not swallowed, "\n".join(swallowed)
