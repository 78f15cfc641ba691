"""Instant navigation as a reader of the published site gets it: pages reached by in-site links are
swapped in without a reload, and every page's own behaviour (diagrams, formulas, abbreviations,
print preparation, the decision filter, flashcards) works on them; Back restores the scroll
position; breadcrumbs show on a phone; the palette toggle keeps its choice from page to page."""
import re
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, midday_timezone
from site_reader import Reader


@pytest.fixture(scope="module")
def site_url() -> str:
    from mkdocs.config import load_config
    return load_config(str(ROOT / "mkdocs.yml"))["site_url"]


@pytest.fixture
def published(browser, origin, site_url):
    """A reader of the site at its site_url (Material navigates instantly only there)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id=midday_timezone())
    yield Reader(context, origin, address=site_url)
    context.unroute_all(behavior="ignoreErrors")  # the search index may still be on its way
    context.close()


def article_link(page, href_part: str):
    return page.locator(f"article a[href*='{href_part}']").first


INSIDE_LINK_PRINTED_AFTER = """() => getComputedStyle([...document.querySelectorAll('article a[href]')]
    .find(a => a.origin === location.origin && !a.hash), '::after').content"""


def tooltip_shown(page, abbr, point) -> str:
    """Points at an abbreviation (`point`: its hover or tap) and checks that its expansion shows in one
    tooltip, drawn by abbreviations.js and not by Material as well; returns the expansion."""
    expansion = abbr.get_attribute("title")
    abbr.scroll_into_view_if_needed()
    point()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for()
    assert tooltip.inner_text().strip() == expansion
    assert page.locator(".md-tooltip2").count() == 1, "Material drew an abbreviation's tooltip too"
    return expansion


def check_page(reader, site, file: str):
    """The page's diagrams are SVG, its formulas typeset, its first abbreviation shows its
    expansion, and it is prepared for print."""
    page, html = reader.page, site.html(file)
    assert urlsplit(page.url).path.endswith(site.url(file)), (page.url, file)
    assert page.evaluate("document.querySelectorAll('.md-typeset .diagram:not(.diagram--paper) > svg').length") \
        == site.scan(file).diagrams
    formulas = html.count('class="arithmatex"')
    page.wait_for_function(f"document.querySelectorAll('.arithmatex .katex').length === {formulas}", timeout=10000)
    if "<abbr" in html:
        abbr = page.locator("article abbr[title]:visible").first.element_handle()
        expansion = tooltip_shown(page, abbr, abbr.hover)
        page.mouse.move(0, 0)
        assert page.locator(".md-tooltip2").count() == 0 and abbr.get_attribute("title") == expansion
    # Print preparation: collapsed answers open; a link within the site prints without its address.
    closed = page.evaluate("document.querySelectorAll('article details:not([open])').length")
    assert (closed > 0) == ("<details" in html)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert page.evaluate("document.querySelectorAll('article details:not([open])').length") == 0
    assert page.evaluate(INSIDE_LINK_PRINTED_AFTER) == "none"
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.querySelectorAll('article details:not([open])').length") == closed


def test_pages_reached_by_links_keep_every_behaviour_without_a_reload(site, published):
    reader = published
    page = reader.start("/")

    reader.follow(article_link(page, "case-studies/visual-search/"))
    assert page.evaluate("document.querySelector('.md-progress').style.getPropertyValue('--md-progress-value')"), \
        "the progress bar did not move"
    assert site.scan("case-studies/visual-search/index.html").diagrams >= 3
    check_page(reader, site, "case-studies/visual-search/index.html")
    field = page.locator('input[data-est="corpus"]')  # estimates set up on a page reached by a link
    field.fill("5e9")
    assert page.locator('span[data-est="index_memory"]').first.text_content() == "360 GB"
    page.locator(".estimate-bar button").first.click()

    reader.follow(article_link(page, "framework/evaluation/"))
    assert 'class="arithmatex"' in site.html("framework/evaluation/index.html")
    check_page(reader, site, "framework/evaluation/index.html")

    # Back returns to where the reader was on the page, with its formulas typeset again.
    page.evaluate("""() => {  // a link to another page's top, half way down, in the middle of the window
        const links = [...document.querySelectorAll("article a[href]")].filter(a =>
            a.origin === location.origin && a.pathname !== location.pathname && a.pathname.endsWith("/") && !a.hash);
        const half = document.documentElement.scrollHeight / 2;
        const link = links.find(a => a.getBoundingClientRect().top + scrollY > half);
        link.id = "in-view";
        link.scrollIntoView({block: "center"}); }""")
    page.wait_for_timeout(300)  # Material records the position 100 ms after scrolling stops
    where = page.evaluate("scrollY")
    assert where > 2000
    link = page.locator("#in-view")
    reader.follow(link)
    assert page.evaluate("scrollY") < where
    reader.back()
    page.wait_for_function(f"Math.abs(scrollY - {where}) <= 2", timeout=5000)
    check_page(reader, site, "framework/evaluation/index.html")

    reader.follow(page.locator(".md-tabs__link", has_text="Trade-offs"))
    reader.follow(article_link(page, "decisions/"))
    assert page.locator(".ledger-filter__form").count() == page.locator("[data-ledger-filter]").count() == 1
    rows = page.locator("article tbody tr")
    total = rows.count()
    page.get_by_label("Trade-off", exact=True).select_option(index=1)
    hidden = page.locator("article tbody tr[hidden]").count()
    assert 0 < hidden < total
    status = page.locator(".ledger-filter__status")
    assert status.inner_text() == f"Showing {total - hidden} of {total} decisions"
    reader.follow(page.locator("article tbody tr:not([hidden]) td:first-child a").first)  # a decision's chapter
    reader.back()  # to the filtered view, filtered
    assert status.inner_text() == f"Showing {total - hidden} of {total} decisions"
    assert page.locator(".ledger-filter__form").count() == 1

    reader.follow(page.locator(".md-tabs__link", has_text="Practice"))
    reader.follow(article_link(page, "flashcards/"))
    page.wait_for_function("document.querySelector('[data-flashcards]').flashcards")  # the deck's own script loaded
    status = page.locator(".flashcards__status")
    cards = int(re.search(r"0 of (\d+) cards started", status.inner_text()).group(1))
    page.get_by_role("button", name="Show answer").click()
    assert page.locator(".flashcards__answer").is_visible()
    page.keyboard.press("3")  # the deck's keys work, once: one card graded Good, not two
    assert f"1 of {cards} cards started" in status.inner_text() and "1 learning" in status.inner_text()

    assert not reader.errors, reader.errors
    assert not reader.outside, reader.outside


def test_breadcrumbs_show_on_a_phone_and_lead_back_instantly(site, published):
    reader = published
    reader.page.set_viewport_size({"width": 390, "height": 844})
    page = reader.start("/case-studies/")
    reader.follow(article_link(page, "visual-search/"))
    path = page.locator("nav.md-path")
    assert path.is_visible()
    assert [t.strip() for t in path.locator("a").all_inner_texts()] == ["Home", "Case studies", "Search and perception"]
    box = path.bounding_box()  # in the window: the page opens at its top
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and 0 <= box["y"] < 844, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    reader.follow(path.locator("a", has_text="Case studies"))
    assert page.url.endswith("/case-studies/")
    assert not reader.errors and not reader.outside


def test_an_abbreviation_shows_its_expansion_on_a_tap_until_the_reader_taps_elsewhere(browser, origin):
    """On a phone there is no hover: a tap on an abbreviation shows its tooltip (abbreviations.js),
    inside the screen, and a tap beside it takes it away."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(origin + "/case-studies/chat-assistant-serving/", wait_until="load")
    abbr = page.locator("article p abbr[title]").first.element_handle()
    expansion = tooltip_shown(page, abbr, abbr.tap)
    box, host = page.locator(".md-tooltip2__inner").bounding_box(), abbr.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= 390 and host["y"] + host["height"] <= box["y"] < host["y"] + 60
    page.touchscreen.tap(5, host["y"] + host["height"] / 2)  # the margin beside the same line: no scrolling
    assert page.locator(".md-tooltip2").count() == 0 and abbr.get_attribute("title") == expansion
    context.close()


THEME = """() => [document.body.getAttribute('data-md-color-scheme'),
    [...document.querySelectorAll('form[data-palette] label')].filter(l => l.checkVisibility())
        .map(l => l.previousElementSibling.getAttribute('aria-label')),
    document.querySelector('meta[name="color-scheme"]')?.content,
    document.querySelector('meta[name="theme-color"]')?.content]"""


def test_the_palette_toggle_follows_the_system_then_the_reader(published):
    """palette.js in place of Material's palette script: a first visit takes the system's preference,
    the toggle switches by mouse and by Enter, and the choice holds on the next page, instantly
    reached or loaded afresh, whatever the system prefers."""
    reader = published
    page = reader.page
    page.emulate_media(color_scheme="dark")
    reader.open("/")
    page.evaluate("localStorage.clear()")
    reader.start("/")
    page.wait_for_function("document.querySelector('meta[name=\"theme-color\"]')?.content")
    scheme, toggles, meta, theme = page.evaluate(THEME)
    assert (scheme, toggles, meta) == ("slate", ["Switch to light mode"], "dark")
    assert re.fullmatch(r"#[0-9a-f]{6}", theme), theme  # the header's colour, for the phone's bar

    page.locator('label[title="Switch to light mode"]').click()
    assert page.evaluate(THEME)[:3] == ["default", ["Switch to dark mode"], "light"]

    reader.follow(page.locator("article a[href*='framework/']").first)
    assert page.evaluate(THEME)[:3] == ["default", ["Switch to dark mode"], "light"]
    page.locator("form[data-palette] input:checked").focus()
    page.keyboard.press("Enter")
    assert page.evaluate(THEME)[:3] == ["slate", ["Switch to light mode"], "dark"]

    page.emulate_media(color_scheme="light")
    reader.open("/case-studies/")
    assert page.evaluate(THEME)[:3] == ["slate", ["Switch to light mode"], "dark"]
    assert not reader.errors, reader.errors
