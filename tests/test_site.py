"""The built site as a reader gets it: every page, every link, formulas, the palette, search.
(Diagrams: tests/test_diagrams.py.)"""
import posixpath
from urllib.parse import urlsplit


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
    broken = []
    for page in site.pages():
        base = site.url(page)
        for href in site.scan(page).links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:") or parts.path.endswith(".pdf"):
                continue  # PDFs are written by `make pdf`; tests/test_pdf.py checks those links
            target = posixpath.normpath(posixpath.join(posixpath.dirname(base) + "/", parts.path)) if parts.path else base
            if parts.path.endswith("/") or not parts.path:
                target = target.rstrip("/") + "/"
            file = (target.lstrip("/") + "index.html") if target.endswith("/") else target.lstrip("/")
            if not (site.root / file).is_file():
                broken.append(f"{page}: {href} -> no file {file}")
            elif parts.fragment and file.endswith(".html") and parts.fragment not in site.scan(file).ids:
                broken.append(f"{page}: {href} -> no id '{parts.fragment}' in {file}")
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
