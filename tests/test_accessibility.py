"""Accessibility as axe-core (from npm) and a screen reader see it: every page in both palettes, the
states Material and the guide's own scripts create. (That every diagram has a title and a description
is checked in tests/test_diagrams.py.)"""
import pytest

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async within => (await axe.run(within ? {include: [[within]]} : document, {resultTypes: ['violations']})).violations
    .map(v => `${v.id}: ${v.help} (${v.nodes.length}x, first ${v.nodes[0].target.join(' ')})`)"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    assert AXE.is_file(), "axe-core is missing: run `make setup` (npm ci)"
    return AXE.read_text(encoding="utf-8")


def violations(reader, axe_source, within: str | None = None) -> list[str]:
    """axe-core's violations on the page, or only in the elements that `within` selects."""
    reader.page.add_script_tag(content=axe_source)
    return reader.page.evaluate(RUN_AXE, within)


def test_axe_finds_no_violation_on_any_page_in_either_palette(site, reader, axe_source):
    problems = []
    pages = site.pages()
    for page in pages:
        reader.open(site.url(page))
        problems += [f"{page} (light): {v}" for v in violations(reader, axe_source)]
    # Every page with a diagram in the dark palette: one drawing serves both palettes.
    for page in [p for p in pages if site.scan(p).diagrams] + ["practice/flashcards/index.html",
                                                                "tradeoffs/decisions/index.html"]:
        reader.open(site.url(page))
        reader.page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        reader.page.wait_for_timeout(500)  # Material fades colours over 250 ms; measure after
        problems += [f"{page} (dark): {v}" for v in violations(reader, axe_source)]
    # On a phone, diagrams drawn twice show their drawing made for paper and narrow screens: those.
    reader.page.set_viewport_size({"width": 412, "height": 823})
    for page in [p for p in pages if "diagram--paper" in site.html(p)]:
        reader.open(site.url(page))
        problems += [f"{page} (phone): {v}" for v in violations(reader, axe_source, ".md-typeset .diagram")]
    assert not problems, "\n".join(problems)


def test_axe_finds_no_violation_in_search_results_an_open_flashcard_and_answer_first(site, reader, axe_source):
    page = reader.open("/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.fill("input.md-search__input", "recall vs latency")
    page.locator(".md-search-result__item").first.wait_for()
    problems = [f"search: {v}" for v in violations(reader, axe_source)]
    # A card with rubric points, shown with its boxes to tick (answer-first.js, flashcards.js).
    page.evaluate("localStorage.setItem('field-guide.srs', JSON.stringify({order: ['f1-dau-to-average-qps']}))")
    page = reader.open("/practice/flashcards/")
    page.get_by_role("button", name="Show answer").click()
    page.locator(".rubric-check input").first.check()
    problems += [f"flashcard: {v}" for v in violations(reader, axe_source)]
    # A question of the bank held back for the reader's answer, then shown with its rubric.
    page = reader.open("/practice/by-step/")
    question = page.locator("details.question:has([data-question='f1-dau-to-average-qps'])")
    question.locator("summary").click()
    problems += [f"answer first: {v}" for v in violations(reader, axe_source, "details.answer-first--pending")]
    question.get_by_role("button", name="Show model answer").click()
    problems += [f"rubric: {v}" for v in violations(reader, axe_source, "details.answer-first--revealed")]
    # A case study's follow-up, graded by the reader, and the weak spots it feeds, in both palettes.
    page = reader.open("/case-studies/visual-search/")
    follow_up = page.locator("details.question").first
    follow_up.locator("summary").click()
    follow_up.get_by_role("button", name="Show model answer").click()
    follow_up.get_by_role("button", name="Partly").click()
    problems += [f"self-grade: {v}" for v in violations(reader, axe_source, "details.answer-first--revealed")]
    for scheme in ("default", "slate"):
        page = reader.open("/practice/flashcards/")
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        page.wait_for_timeout(500)  # Material fades colours over 250 ms
        problems += [f"weak spots ({scheme}): {v}" for v in violations(reader, axe_source, ".weak-spots")]
    assert not problems, "\n".join(problems)


def test_axe_finds_no_violation_on_a_diagram_page_and_in_its_full_screen_view(site, reader, axe_source):
    """The "Open full screen" buttons and the view they open (diagram-viewer.js), in both palettes."""
    page_file = site.heaviest()
    problems = []
    for scheme in ("default", "slate"):
        page = reader.open(site.url(page_file))
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        page.wait_for_timeout(500)  # Material fades colours over 250 ms
        problems += [f"{page_file} ({scheme}): {v}" for v in violations(reader, axe_source)]
        page.locator(".diagram-open").first.focus()
        page.keyboard.press("Enter")
        problems += [f"{page_file} ({scheme}), full screen: {v}"
                     for v in violations(reader, axe_source, "dialog.diagram-viewer")]
    # On a phone: the compact drawings and their buttons, and the view fitted to a small screen.
    reader.page.set_viewport_size({"width": 390, "height": 844})
    page = reader.open(site.url(page_file))
    problems += [f"{page_file} (phone): {v}" for v in violations(reader, axe_source, "article.md-content__inner")]
    page.locator(".diagram-open").first.click()
    problems += [f"{page_file} (phone), full screen: {v}" for v in violations(reader, axe_source, "dialog.diagram-viewer")]
    assert not problems, "\n".join(problems)
