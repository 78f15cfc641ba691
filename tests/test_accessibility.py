"""Accessibility as axe-core (from npm) and a screen reader see it: every page in both palettes, the
states Material and the guide's own scripts create. (That every diagram has a title and a description
is checked in tests/test_diagrams.py.)"""
from every_page import axe_violations, set_palette


def violations(reader, within: str | None = None) -> list[str]:
    """axe-core's violations on the page, or only in the elements that `within` selects."""
    return axe_violations(reader.page, within)


def test_axe_finds_no_violation_on_any_page_in_either_palette(every_page):
    """Every page in the light palette; every page with a diagram, and the flashcards and decisions,
    in the dark palette (its colour rules: one drawing serves both palettes); on a phone, the
    drawings made for paper and narrow screens (tests/every_page.py)."""
    problems = [f"{page} ({mode}): {v}" for page, seen in every_page.visits.items()
                for mode, found in seen.axe.items() for v in found]
    assert len(every_page.visits) > 100 and sum("dark" in v.axe for v in every_page.visits.values()) > 30
    assert not problems, "\n".join(problems)


def test_axe_finds_no_violation_in_search_results_an_open_flashcard_and_answer_first(site, reader):
    page = reader.open("/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.fill("input.md-search__input", "recall vs latency")
    page.locator(".md-search-result__item").first.wait_for()
    problems = [f"search: {v}" for v in violations(reader)]
    # A card with rubric points, shown with its boxes to tick (answer-first.js, flashcards.js).
    page.evaluate("localStorage.setItem('field-guide.srs', JSON.stringify({order: ['f1-dau-to-average-qps']}))")
    page = reader.open("/practice/flashcards/")
    page.get_by_role("button", name="Show answer").click()
    page.locator(".rubric-check input").first.check()
    problems += [f"flashcard: {v}" for v in violations(reader)]
    # A question of the bank held back for the reader's answer, then shown with its rubric.
    page = reader.open("/practice/by-step/")
    question = page.locator("details.question:has([data-question='f1-dau-to-average-qps'])")
    question.locator("summary").click()
    problems += [f"answer first: {v}" for v in violations(reader, "details.answer-first--pending")]
    question.get_by_role("button", name="Show model answer").click()
    problems += [f"rubric: {v}" for v in violations(reader, "details.answer-first--revealed")]
    # A case study's follow-up, graded by the reader, and the weak spots it feeds, in both palettes.
    page = reader.open("/case-studies/visual-search/")
    follow_up = page.locator("details.question").first
    follow_up.locator("summary").click()
    follow_up.get_by_role("button", name="Show model answer").click()
    follow_up.get_by_role("button", name="Partly").click()
    problems += [f"self-grade: {v}" for v in violations(reader, "details.answer-first--revealed")]
    for scheme in ("default", "slate"):
        page = reader.open("/practice/flashcards/")
        set_palette(page, scheme)
        problems += [f"weak spots ({scheme}): {v}" for v in violations(reader, ".weak-spots")]
    assert not problems, "\n".join(problems)


def test_axe_finds_no_violation_on_a_diagram_page_and_in_its_full_screen_view(site, reader):
    """The "Open full screen" buttons and the view they open (diagram-viewer.js), in both palettes."""
    page_file = site.heaviest()
    problems = []
    for scheme in ("default", "slate"):
        page = reader.open(site.url(page_file))
        set_palette(page, scheme)
        problems += [f"{page_file} ({scheme}): {v}" for v in violations(reader)]
        page.locator(".diagram-open").first.focus()
        page.keyboard.press("Enter")
        problems += [f"{page_file} ({scheme}), full screen: {v}"
                     for v in violations(reader, "dialog.diagram-viewer")]
    # On a phone: the compact drawings and their buttons, and the view fitted to a small screen.
    reader.page.set_viewport_size({"width": 390, "height": 844})
    page = reader.open(site.url(page_file))
    problems += [f"{page_file} (phone): {v}" for v in violations(reader, "article.md-content__inner")]
    page.locator(".diagram-open").first.click()
    problems += [f"{page_file} (phone), full screen: {v}" for v in violations(reader, "dialog.diagram-viewer")]
    assert not problems, "\n".join(problems)
