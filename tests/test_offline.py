"""The offline download as a reader gets it: linked from the home page with its size, unzipped, and
opened from disk (file://), where it navigates, searches and shows its diagrams without a single
request leaving the machine. `make build` (scripts/build_site.py) makes it; so does the `site` fixture."""
import re
import zipfile
from pathlib import Path

import pytest

from pdf_links import OFFLINE_ZIP, megabytes, pdf_for
import search_relevance
from conftest import ROOT
from site_reader import BuiltSite

# Queries from data/search/relevance.yml: questions full of stop words and a hyphenated term.
QUERIES = ["how do I set the decline threshold for a fraud model from money", "PR-AUC",
           "how do I handle position bias in click logs"]


@pytest.fixture(scope="session")
def download(site, tmp_path_factory) -> BuiltSite:
    link = re.search(r'<a href="([^"]+\.zip)" download>', site.html("index.html"))
    assert link, "the home page does not link the offline download"
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(site.root / link[1]) as archive:
        archive.extractall(folder)
    return BuiltSite(folder / "ml-system-design-field-guide")


class DiskReader:
    """A browser tab on the unzipped download, recording every request and page error."""

    def __init__(self, context, root: Path):
        self.root, self.requests, self.errors = root, [], []
        self.page = context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))

    def open(self, path: str):
        self.page.goto((self.root / path).as_uri(), wait_until="load")
        return self.page

    def problems(self) -> list[str]:
        return ([f"request off the disk: {url}" for url in self.requests if not url.startswith("file://")]
                + [f"page error: {error}" for error in self.errors])


@pytest.fixture
def disk(browser, download):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield DiskReader(context, download.root)
    context.close()


def page_of(url: str) -> str:
    """The guide page a URL opens, named the same whether the site is served or opened from disk:
    http://127.0.0.1:8000/framework/evaluation/#x and file:///…/framework/evaluation.html are
    framework/evaluation."""
    path = re.sub(r"^\w+://[^/]*/|[?#].*$", "", url).split("ml-system-design-field-guide/")[-1]
    return re.sub(r"(/?index)?(\.html)?/?$", "", path)


def top_pages(page, query: str) -> list[str]:
    """The first five pages search offers for a query, read once the previous results are gone and
    the new ones have settled."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function("!document.querySelector('.md-search-result__item')")
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item")
    return [page_of(result["page"]) for result in search_relevance.results(page, query)][:5]


def test_the_home_page_links_the_download_with_its_size(site):
    size = (site.root / OFFLINE_ZIP).stat().st_size
    assert 1e6 < size < 20e6, f"the offline download is {megabytes(size)}"
    links = re.search(r'<p class="pdf-download"[^>]*>(.*?)</p>', site.html("index.html"))[1]
    assert f'href="{OFFLINE_ZIP}"' in links and f"(zip, {megabytes(size)}" in links, links


def test_every_link_in_the_download_resolves_inside_it(download):
    assert not download.broken_links()
    pdfs = re.findall(r'<p class="pdf-download"[^>]*><a href="([^"]+)"', download.html("case-studies/visual-search.html"))
    from mkdocs.config import load_config
    site_url = load_config(str(ROOT / "mkdocs.yml"))["site_url"]
    assert pdfs == [site_url + pdf_for("case-studies/visual-search.md")]  # no PDF in the zip: the website's


def test_from_disk_a_click_opens_a_case_study_with_its_diagrams(download, disk):
    page = disk.open("index.html")
    page.locator(".md-tabs__link", has_text="Case studies").click()
    page.locator("article a", has_text="Visual search").first.click()
    page.wait_for_load_state("load")
    assert page.url == (download.root / "case-studies" / "visual-search.html").as_uri()
    drawings = page.locator(".diagram:not(.diagram--paper) > svg")
    assert drawings.count() == download.scan("case-studies/visual-search.html").diagrams > 0
    drawings.first.scroll_into_view_if_needed()
    box = drawings.first.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 50, box
    assert not disk.problems(), "\n".join(disk.problems())


def test_from_disk_search_finds_what_the_website_finds(disk, browser, origin):
    website = browser.new_page()
    search_relevance.open_search(website, origin)
    page = disk.open("index.html")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.wait_for_function("document.querySelector('.md-search-result__meta')?.textContent.trim()"
                           " !== 'Initializing search'")
    answers = {entry.query: entry.page.removesuffix(".md") for entry in search_relevance.load()[0]}
    for query in QUERIES:
        online, offline = top_pages(website, query), top_pages(page, query)
        assert answers[query] in offline[:3], f"{query!r}: from disk {offline}"
        assert offline == online, f"{query!r}: from disk {offline}, on the website {online}"
    website.close()
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(disk.root.as_uri()) and page_of(page.url) == online[0], page.url
    assert not disk.problems(), "\n".join(disk.problems())


def test_from_disk_the_flashcards_and_the_decision_filter_work(download, disk):
    page = disk.open("practice/flashcards.html")
    page.keyboard.press("Space")
    learn = page.locator(".flashcards__answer a").first
    learn.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(download.root.as_uri()) and page.url.split("#")[0].endswith(".html")
    assert page.locator("article h1").count() == 1, f"{page.url} is not a page of the guide"

    page = disk.open("tradeoffs/decisions/index.html")
    status = page.locator(".ledger-filter__status")
    total = status.inner_text()
    page.get_by_label("Framework step").select_option(index=1)
    assert status.inner_text() != total and "step=" in page.url
    page.locator("article tbody tr:not([hidden]) a").first.click()
    page.wait_for_load_state("load")
    page.go_back()
    page.wait_for_load_state("load")
    assert "step=" in page.url and page.locator(".ledger-filter__status").inner_text() != total
    assert not disk.problems(), "\n".join(disk.problems())
