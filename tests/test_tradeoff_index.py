"""The generated trade-off index, catalog back-links and matrix match the ledgers; the filter works
in Chromium; search finds each catalog page by its name, synonyms and symptoms, and decisions by their choice."""
import html as html_module
import re
import pytest

import search_relevance
from conftest import ROOT, as_built_then_scripted, without_javascript
from guide_markdown import Source
from tradeoff_index import read_ledgers


@pytest.fixture(scope="module")
def ledger():
    docs = ROOT / "docs"
    sources = [Source.parse(str(p.relative_to(docs)), p.read_text(encoding="utf-8"))
               for p in sorted(docs.rglob("*.md")) if not p.name.startswith("_")]
    ledger, errors = read_ledgers(sources)
    assert errors == []
    return ledger


def url_of(uri: str) -> str:
    """The site path of a page, e.g. framework/index.md -> framework/, tradeoffs/a-vs-b.md -> tradeoffs/a-vs-b/."""
    return re.sub(r"index\.md$", "", uri) if uri.endswith("index.md") else uri[:-3] + "/"


def rows(html: str, after_id: str) -> list[str]:
    """The body rows of the first table after the element with this id."""
    start = html.index(f'id="{after_id}"')
    table = html[html.index("<tbody>", start):html.index("</tbody>", start)]
    return re.findall(r"<tr>(.*?)</tr>", table, re.S)


def decision_rows(site) -> list[str]:
    """The body rows of every table on the decisions page, in page order."""
    html = site.html("tradeoffs/decisions/index.html")
    return [row for body in re.findall(r"<tbody>(.*?)</tbody>", html, re.S) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_the_catalog_has_at_least_24_trade_offs(ledger):
    assert len(ledger.catalog) >= 24


def test_index_counts_every_trade_off_and_the_decisions_page_lists_every_decision(site, ledger):
    html = site.html("tradeoffs/index.html")
    counts = {}
    for row in rows(html, "trade-offs-by-how-often-they-decide"):
        href, count = re.search(r'href="([\w-]+)/"', row).group(1), re.findall(r"<td[^>]*>(\d+)</td>", row)[0]
        counts[href] = int(count)
    assert counts == {slug: len(ledger.using(slug)) for slug in ledger.catalog}
    decisions = decision_rows(site)
    assert len(decisions) == len(ledger.decisions) > 0
    for row, d in zip(decisions, ledger.decisions):
        text = html_module.unescape(re.sub(r"<[^>]+>", "", row))
        assert re.sub(r"[`*_]", "", d.decision)[:20] in text


def test_each_catalog_page_lists_where_it_shows_up(site, ledger):
    for slug in ledger.catalog:
        html = site.html(f"tradeoffs/{slug}/index.html")
        assert 'id="where-it-shows-up"' in html
        used = ledger.using(slug)
        if not used:
            assert "No chapter records a decision on this trade-off yet." in html
            continue
        found = rows(html, "where-it-shows-up")
        assert len(found) == len(used), slug
        for row, d in zip(found, used):
            assert f'href="../../{url_of(d.uri)}#{d.anchor}"' in row, (slug, row)


def test_matrix_has_a_row_per_trade_off_in_use(site, ledger):
    html = site.html("tradeoffs/matrix/index.html")
    used = [t for t in ledger.catalog.values() if any(d.kind == "step" for d in ledger.using(t.slug))]
    table = rows(html, "framework-chapters")
    assert len(table) == len(used)


def test_the_filter_narrows_and_clears_the_decisions(site, reader):
    reader.open("/tradeoffs/decisions/")
    page = reader.page
    total = len(decision_rows(site))
    status = page.locator(".ledger-filter__status")
    assert status.inner_text() == f"Showing {total} of {total} decisions"

    tradeoff = page.get_by_label("Trade-off", exact=True)
    option = tradeoff.locator("option").nth(1).inner_text()
    tradeoff.select_option(label=option)
    visible = page.locator("[data-ledger-filter] ~ * tbody tr:not([hidden]), [data-ledger-filter] ~ table tbody tr:not([hidden])")
    shown = visible.count()
    assert 0 < shown < total or total == 1
    assert status.inner_text() == f"Showing {shown} of {total} decisions"
    for i in range(shown):
        assert option in visible.nth(i).locator("td").nth(2).text_content()

    page.get_by_label("Contains").fill("zzzz-no-such-choice")
    assert status.inner_text() == f"Showing 0 of {total} decisions"

    page.get_by_role("button", name="Clear filters").click()
    assert status.inner_text() == f"Showing {total} of {total} decisions"
    assert page.evaluate("document.activeElement.id") == tradeoff.get_attribute("id")

    # One step chosen: its section alone stays, heading and table.
    page.get_by_label("Framework step").select_option(index=1)
    assert page.locator("article h2:not([hidden])").count() == 1


TABLE_TOPS = "() => [...document.querySelectorAll('article table')].slice(0, 3).map(t => t.getBoundingClientRect().top)"


@pytest.mark.parametrize("url", ["/tradeoffs/decisions/", "/atlas/"])
def test_the_filter_is_drawn_with_the_page_and_its_script_moves_nothing(browser, origin, url):
    """The filter's form is in the page as built (overrides/hooks/ledger_filter.py): the tables sit
    where they will stay before the page scripts (ledger-filter.js among them) run. Without JavaScript
    it is hidden."""
    before, after, page = as_built_then_scripted(browser, origin, url, TABLE_TOPS,
                                                 "document.querySelector('[data-ledger-filter][data-ready] select option + option')")
    assert before and after == before
    page.context.close()

    page = without_javascript(browser, origin, url)
    assert not page.locator(".ledger-filter").is_visible()
    assert page.locator("article table").first.is_visible()
    page.context.close()


def test_the_filter_works_by_keyboard(site, reader):
    reader.open("/tradeoffs/decisions/")
    page = reader.page
    select = page.get_by_label("Framework step")
    select.focus()
    page.keyboard.press("ArrowDown")  # Chromium changes a focused closed <select> with the arrow keys
    total = len(decision_rows(site))
    assert page.locator(".ledger-filter__status").inner_text() != f"Showing {total} of {total} decisions"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SELECT"


def search(page, query: str) -> list[str]:
    """The result links Material's search shows for a query, in order, once they stop changing."""
    return [r["page"] for r in search_relevance.results(page, query)]


@pytest.fixture
def search_page(reader):
    search_relevance.open_search(reader.page, reader.origin)
    return reader.page


def test_search_finds_each_catalog_page_by_name_synonyms_and_a_symptom(search_page, ledger):
    misses = []
    for slug, entry in ledger.catalog.items():
        for query in [entry.title, *entry.synonyms, *entry.symptoms[:1]]:
            top = [re.sub(r"[#?].*$", "", href) for href in search(search_page, query)[:3]]
            if not any(href.rstrip("/").endswith(f"tradeoffs/{slug}") for href in top):
                misses.append(f"{query!r} -> {top}")
    assert not misses, "catalog page not in the top 3:\n" + "\n".join(misses)


def test_search_finds_a_decision_by_its_choice(search_page, ledger):
    choice = next(d for d in ledger.decisions if re.search(r"[A-Z]{2,}-[A-Z]{2,}", d.choice))
    term = re.search(r"[A-Z]{2,}-[A-Z]{2,}", choice.choice).group(0)
    pages = {re.sub(r"[#?].*$", "", href) for href in search(search_page, term)}
    chapter = url_of(choice.uri)
    assert any(p.endswith(chapter) or p.endswith("tradeoffs/decisions/") for p in pages), (term, pages)


def test_the_filter_lives_in_the_address_and_the_contents_follow_it(site, reader):
    """A filtered view can be shared and Back returns to it; the table of contents lists only the
    sections the filter left."""
    reader.open("/tradeoffs/decisions/")
    page = reader.page
    total = len(decision_rows(site))
    tradeoff = page.get_by_label("Trade-off", exact=True)
    option = tradeoff.locator("option").nth(1).inner_text()
    tradeoff.select_option(label=option)
    page.get_by_label("Contains").fill("a")
    shown = page.locator(".ledger-filter__status").inner_text()
    assert shown != f"Showing {total} of {total} decisions"
    url = page.url
    assert "tradeoff=" in url and "q=a" in url

    hidden = page.evaluate("""() => [...document.querySelectorAll('article h2[hidden]')].map(h => h.id)""")
    toc = page.evaluate("""() => [...document.querySelectorAll('.md-nav--secondary li')]
        .filter(li => !li.hidden).map(li => li.querySelector('a').getAttribute('href'))""")
    assert hidden and not any(href.endswith(f"#{anchor}") for href in toc for anchor in hidden)

    # Clicking the link also blurs the search field, whose change event rewrites the address in place:
    # wait for the chapter itself, not for the first navigation event.
    chapter = page.locator("article tbody tr:not([hidden]) td:first-child a").first  # a decision's chapter
    href = chapter.evaluate("a => a.href")
    chapter.click()
    page.wait_for_url(href, wait_until="load")
    page.go_back()
    page.wait_for_url(url, wait_until="load")
    assert page.locator(".ledger-filter__status").inner_text() == shown
    assert page.get_by_label("Trade-off", exact=True).input_value() == option

    fresh = reader.page.context.new_page()  # the shared link alone restores the view
    fresh.goto(url, wait_until="load")
    assert fresh.locator(".ledger-filter__status").inner_text() == shown
    fresh.close()


def test_searching_a_trade_off_offers_its_page_first_and_its_decisions(search_page, ledger):
    """Its catalog page comes first, with the section that lists every decision on it."""
    entry = max(ledger.catalog.values(), key=lambda t: len(ledger.using(t.slug)))
    pages = [re.sub(r"[#?].*$", "", href) for href in search(search_page, entry.title)]
    assert pages[0].rstrip("/").endswith(f"tradeoffs/{entry.slug}"), pages[:3]
    first = search_page.eval_on_selector_all(".md-search-result__item:first-child a.md-search-result__link",
                                             "links => links.map(a => a.getAttribute('href'))")
    assert any(href.endswith("#where-it-shows-up") for href in first), first
