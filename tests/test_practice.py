"""Practice: the questions as data, the pages and flashcards built from them, and the Anki deck."""
import re
import sqlite3
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

import practice
from conftest import ROOT

DOCS = ROOT / "docs"
FIXTURE = ROOT / "tests" / "fixtures" / "questions"


@pytest.fixture(scope="module")
def questions():
    found, errors = practice.load_questions(ROOT, DOCS)
    assert not errors, "\n".join(errors)
    return found


def test_the_bank_holds_200_questions_over_every_step_and_case_study(questions):
    assert len(questions) >= 200
    steps = Counter(q.step for q in questions)
    assert all(steps[s] >= 10 for s in range(1, 8)), steps
    assert set(Counter(q.difficulty for q in questions)) == {"easy", "medium", "hard"}
    cases = {p.stem for p in (DOCS / "case-studies").glob("*.md") if p.stem not in ("index", "_template")}
    drilled = Counter(q.case_study for q in questions if q.case_study)
    assert not [c for c in cases if drilled[c] < 5], f"case studies with fewer than 5 questions: {drilled}"
    assert all(len(q.answer.split()) >= 40 for q in questions), [q.id for q in questions if len(q.answer.split()) < 40]


def test_a_bad_entry_is_named_with_file_line_and_problem():
    _, errors = practice.load_questions(FIXTURE, DOCS)
    where = "data/questions/bad.yml"
    assert errors == [
        f"{where}:8: question 'No Spaces Allowed': id must be lowercase words joined by '-'",
        f"{where}:8: question 'No Spaces Allowed': step must be 1 to 7, not 9",
        f"{where}:8: question 'No Spaces Allowed': difficulty must be one of easy, medium, hard",
        f"{where}:8: question 'No Spaces Allowed': link 'framework/evaluation.md#no-such-heading': "
        "no heading with anchor '#no-such-heading' in docs/framework/evaluation.md",
        f"{where}:15: question 'good-question': missing 'answer'",
        f"{where}:15: question 'good-question': unknown field 'colour'",
        f"{where}:15: question 'good-question': id already used at {where}:1",
        f"{where}:15: question 'good-question': case_study 'no-such-case' names no page docs/case-studies/no-such-case.md",
        f"{where}:15: question 'good-question': link 'framework/nowhere.md' names no page in docs/",
    ]
    with pytest.raises(PluginError, match=r"bad\.yml:8"):
        practice.on_config({"config_file_path": str(FIXTURE / "mkdocs.yml"), "docs_dir": str(DOCS)})


def test_pages_hold_every_question_with_its_answer_and_links(site, questions):
    by_step = site.html("practice/by-step/index.html")
    by_case = site.html("practice/by-case-study/index.html")
    assert by_step.count('<details class="question"') == len(questions)
    assert by_case.count('<details class="question"') == sum(1 for q in questions if q.case_study)
    summaries = re.findall(r'<details class="question">\s*<summary>(.*?)</summary>', by_step, re.S)
    assert len(summaries) == len(questions)
    assert "Learn it:" in by_step and "Learn it:" in by_case


def test_flashcards_flip_move_filter_and_keep_progress(site, reader, questions):
    page = reader.open("/practice/flashcards/")
    status = page.locator(".flashcards__status")
    question = page.locator(".flashcards__question")
    answer = page.locator(".flashcards__answer")
    assert f"0 of {len(questions)} cards known" in status.inner_text()
    first = question.inner_text()
    assert answer.is_hidden()
    page.keyboard.press("Space")
    assert answer.is_visible() and "Learn it:" in answer.inner_text()
    page.keyboard.press("ArrowRight")
    assert question.inner_text() != first and answer.is_hidden()
    page.keyboard.press("s")  # shuffle, not Material's search shortcut
    assert not page.evaluate("document.activeElement.matches('input.md-search__input')")

    page.get_by_label("Step").select_option("5")
    step5 = sum(1 for q in questions if q.step == 5)
    assert f"of {step5} in this selection" in status.inner_text()
    assert page.locator(".flashcards__meta").inner_text().startswith("Step 5.")
    page.get_by_role("button", name="I know this").click()
    assert f"1 of {len(questions)} cards known" in status.inner_text()
    known = question.inner_text()

    page.reload()
    assert f"1 of {len(questions)} cards known" in status.inner_text()
    assert page.get_by_label("Step").input_value() == "5"
    page.get_by_label("Only cards I do not know yet").check()
    assert f"of {step5 - 1} in this selection" in status.inner_text()
    assert question.inner_text() != known
    assert not reader.errors and not reader.outside


def test_the_anki_deck_holds_every_question_with_tags(site, questions, tmp_path):
    deck = site.root / practice.DECK
    with zipfile.ZipFile(deck) as package:
        package.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    notes = db.execute("select flds, tags from notes").fetchall()
    db.close()
    assert len(notes) == len(questions)
    fronts = {fields.split("\x1f")[0] for fields, _ in notes}
    assert all(any(q.question[:40] in f.replace("&#x27;", "'").replace("&quot;", '"') for f in fronts) for q in questions[:20])
    tags = " ".join(t for _, t in notes)
    assert all(f"step-{s}" in tags for s in range(1, 8)) and "case::" in tags
    assert 'href="ml-system-design-field-guide.apkg"' in site.html("practice/index.html")


MOCK_SECTIONS = ["The prompt", "Phases and follow-ups", "Curveballs", "Scoring rubric", "Where the guide teaches it"]


def test_mock_interviews_cover_six_families_with_follow_ups_and_a_rubric_by_level():
    from guide_markdown import Source
    pages = sorted(p for p in (DOCS / "practice" / "mock-interviews").glob("*.md") if p.stem != "index")
    assert len(pages) >= 6
    problems = []
    for path in pages:
        source = Source.parse(f"practice/mock-interviews/{path.name}", path.read_text(encoding="utf-8"))
        h2 = [h.text for h in source.headings() if h.level == 2]
        steps = [h.text for h in source.headings() if h.level == 3 and re.match(r"[1-7]\. ", h.text)]
        if h2 != MOCK_SECTIONS:
            problems.append(f"{path.name}: sections {h2}")
        if len(steps) != 7:
            problems.append(f"{path.name}: {len(steps)} phases, not the 7 steps")
        if source.body.count('??? question "') < 7 * 3 + 3:
            problems.append(f"{path.name}: fewer than 3 follow-ups per phase plus 3 curveballs")
        if "| Dimension | Mid-level | Senior | Staff |" not in source.body:
            problems.append(f"{path.name}: no rubric table by level")
    assert not problems, "\n".join(problems)
