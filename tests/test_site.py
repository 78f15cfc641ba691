"""The built site as a reader gets it: every page, every link, formulas, the palette, search.
(Diagrams: tests/test_diagrams.py.)"""
import posixpath
import re


def test_build_writes_the_sections_and_skips_templates(site):
    pages = site.pages()
    for page in ["index.html", "framework/index.html", "tradeoffs/index.html", "tradeoffs/matrix/index.html"]:
        assert page in pages
    assert not [p for p in pages if "_template" in p]


FORMULA = re.compile(r'<(span|div) class="arithmatex">(.{0,40})', re.S)


def test_every_formula_is_typeset_at_build_time_and_pages_load_no_katex_script_or_outside_request(site, every_page):
    """Formulas arrive typeset; the browser only lays them out, in KaTeX's fonts that the site serves."""
    problems, formulas = [], {}
    for page, seen in every_page.visits.items():
        found = FORMULA.findall(site.html(page))
        formulas[page] = len(found)
        problems += [f"{page}: formula not typeset: {start!r}" for _, start in found
                     if not start.startswith(('<span class="katex">', '<span class="katex-display">'))]
        if seen.typeset != len(found):
            problems.append(f"{page}: {seen.typeset} of {len(found)} formulas shown typeset")
        if found and not seen.katex_font:
            problems.append(f"{page}: KaTeX's font did not load")
        problems += [f"{page}: loads {url}" for url in seen.katex_requests]
        problems += [f"{page}: page error: {e}" for e in seen.errors]
    problems += [f"outside request: {url}" for url in every_page.outside]
    assert not problems, "\n".join(problems)
    assert sum(formulas.values()) >= 150 and formulas["framework/evaluation/index.html"] >= 5, formulas


def test_a_broken_formula_or_prose_between_prices_fails_the_build_naming_file_and_line(tmp_path):
    from conftest import ROOT, build
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Fine\n\nA fine formula: $p_t = 0.9$, and prices written as entities: &#36;40 (&#36;12 more).\n")
    (docs / "broken.md").write_text("# Broken\n\nText.\n\n$$\n\\frac{1}{\n$$\n")
    (docs / "prices.md").write_text("# Prices\n\nIt costs $40 a month ($12 more).\n")
    (tmp_path / "mkdocs.yml").write_text(f"""site_name: Fixture
theme: {{name: material, font: false}}
hooks: [{ROOT / 'overrides' / 'hooks' / 'formulas.py'}]
markdown_extensions:
  - pymdownx.arithmatex: {{generic: true}}
""")
    result = build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert "docs/broken.md:6: KaTeX parse error: " in result.stderr, result.stderr
    assert "docs/prices.md:3: this is prose between two dollar signs" in result.stderr, result.stderr
    assert "docs/index.md" not in result.stderr


def test_internal_links_and_anchors_resolve(site):
    broken = site.broken_links(pdfs=False)  # PDFs are written by `make pdf`; tests/test_pdf.py checks those links
    assert not broken, "\n".join(broken)


def test_every_script_waits_for_the_page_to_be_parsed(site):
    """A script without `defer` at the end of a long page holds up its first paint on a phone."""
    blocking = {}
    for name in site.pages():
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", site.html(name))
        late = [t for t in tags if not re.search(r"\s(?:defer|async)\b", t)]
        if late:
            blocking[name] = late
    assert not blocking, list(blocking.items())[:3]


def test_the_page_scripts_reach_the_reader_as_one_file_in_their_order(site):
    """overrides/hooks/page_scripts.py: every page loads Material's bundle and guide.js, which holds each
    script mkdocs.yml lists, in that order; none of them is shipped on its own."""
    import yaml
    from conftest import ROOT

    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # mkdocs.yml's !!python tags
    listed = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["extra_javascript"]
    guide = (site.root / "assets" / "javascripts" / "guide.js").read_text(encoding="utf-8")
    assert re.findall(r"^// (assets/javascripts/\S+\.js)$", guide, re.M) == listed
    assert not [p for p in listed if (site.root / p).exists()]
    loaded = {}
    for name in site.pages():
        scripts = [posixpath.basename(src) for src in re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', site.html(name))]
        loaded.setdefault(tuple(re.sub(r"\.[0-9a-f]{8}\.min", "", s) for s in scripts), name)
    assert list(loaded) == [("search-on-demand.js", "bundle.js", "guide.js")], loaded


def test_a_page_script_that_throws_stops_none_after_it(browser):
    from page_scripts import bundle
    page = browser.new_page()
    with page.expect_event("pageerror") as error:
        page.add_script_tag(content=bundle({"a.js": "(function () { throw new Error('a broke'); })();",
                                            "b.js": "window.ran = true;"}))
    assert page.evaluate("window.ran") is True
    assert error.value.message == "a broke"
    page.close()


def test_every_table_is_boxed_when_built_and_styled_as_material_styles_a_table(site, reader):
    """overrides/hooks/tables.py: each table comes in Material's scrolling box, which Material's script
    would otherwise add as the page starts (restyling the whole article), and it is not boxed twice."""
    page_name = max((p for p in site.pages() if p.startswith("case-studies/")), key=lambda p: site.html(p).count("<table"))
    html = site.html(page_name)
    assert "<table>" not in html
    reader.open(site.url(page_name))
    boxes, nested, tables, padding, border = reader.page.evaluate("""() => {
        const td = getComputedStyle(document.querySelector('article table td'));
        return [document.querySelectorAll('article .md-typeset__scrollwrap > .md-typeset__table > table').length,
                document.querySelectorAll('.md-typeset__table .md-typeset__scrollwrap').length,
                document.querySelectorAll('article table').length, td.paddingLeft, td.borderTopStyle]; }""")
    assert tables > 5 and boxes == tables and nested == 0, (boxes, tables, nested)
    assert (padding, border) == ("16px", "solid"), (padding, border)


def test_the_search_worker_fetches_the_index_after_the_page_has_loaded_and_search_answers(reader):
    """The page's main thread fetches only the index's config (no documents), once the page has loaded;
    the search worker fetches the 2 MB of documents itself."""
    from search_relevance import results
    page = reader.open("/tradeoffs/")
    page.wait_for_function("performance.getEntriesByType('resource').some(e => e.name.endsWith('/search/search_config.json'))")
    config_start, load_end, on_page = page.evaluate("""() => [
        performance.getEntriesByType('resource').find(e => e.name.endsWith('/search/search_config.json')).startTime,
        performance.getEntriesByType('navigation')[0].loadEventEnd,
        performance.getEntriesByType('resource').filter(e => e.name.includes('/search/')).map(e => e.name)]""")
    assert load_end > 0 and config_start >= load_end, (config_start, load_end)
    assert not [name for name in on_page if name.endswith("search_index.json")], on_page
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.wait_for_function("document.querySelector('.md-search-result__meta')?.textContent.trim() !== 'Initializing search'")
    found = results(page, "training-serving skew")
    assert found and "/framework/data-and-features/" in found[0]["page"], found
    assert [url for url in reader.requests if url.endswith("/search/search_index.json")]


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
        "design patterns": len([p for p in site.pages() if re.fullmatch(r"patterns/(?!index)[\w-]+/index\.html", p)]),
        "prompts": sum(f.read_text(encoding="utf-8").count("\n- id:") + f.read_text(encoding="utf-8").startswith("- id:")
                       for f in (ROOT / "data" / "atlas").glob("*.yml")),
    }
    wrong = []
    for page in ["index.html", "reference/about/index.html", "practice/index.html", "case-studies/index.html",
                 "patterns/index.html", "atlas/index.html"]:
        text = visible_text(site.html(page))
        for what, count in real.items():
            # A total ("18 case studies", "six scripted mock interviews"), not a part ("the first ten case studies").
            for m in re.finditer(rf"(?<!first )(?<!other )\b(\d+|{'|'.join(NUMBER_WORDS)})\s+(?:worked\s+)?{what}\b",
                                 text, re.I):
                stated = NUMBER_WORDS.get(m.group(1).lower()) or int(m.group(1))
                if stated != count:
                    wrong.append(f"{page}: says '{m.group(0)}', the guide has {count}")
    assert not wrong, "\n".join(wrong)
