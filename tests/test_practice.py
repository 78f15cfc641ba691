"""Practice: the questions as data, the pages and flashcards built from them, the Anki deck, the
spaced-repetition scheduler (scheduler.js, run under node), answer first with rubric points, and the
reader's weak spots."""
import html
import json
import re
import sqlite3
import subprocess
import zipfile
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

import practice
from conftest import ROOT, midday_timezone

DOCS = ROOT / "docs"
FIXTURE = ROOT / "tests" / "fixtures" / "questions"
RUBRICS = ROOT / "tests" / "fixtures" / "rubrics"
SCHEDULER = DOCS / "assets" / "javascripts" / "scheduler.js"
SRS, ANSWERS = "field-guide.srs", "field-guide.answers"


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
        f"{where}:9: question 'No Spaces Allowed': id must be lowercase words joined by '-'",
        f"{where}:9: question 'No Spaces Allowed': step must be 1 to 7, not 9",
        f"{where}:9: question 'No Spaces Allowed': difficulty must be one of easy, medium, hard",
        f"{where}:9: question 'No Spaces Allowed': link 'framework/evaluation.md#no-such-heading': "
        "no heading with anchor '#no-such-heading' in docs/framework/evaluation.md",
        f"{where}:17: question 'good-question': missing 'answer'",
        f"{where}:17: question 'good-question': unknown field 'colour'",
        f"{where}:17: question 'good-question': id already used at {where}:1",
        f"{where}:17: question 'good-question': case_study 'no-such-case' names no page docs/case-studies/no-such-case.md",
        f"{where}:17: question 'good-question': link 'framework/nowhere.md' names no page in docs/",
    ]
    with pytest.raises(PluginError, match=r"bad\.yml:9"):
        practice.on_config({"config_file_path": str(FIXTURE / "mkdocs.yml"), "docs_dir": str(DOCS)})


def test_pages_hold_every_question_with_its_answer_and_links(site, questions):
    by_step = site.html("practice/by-step/index.html")
    by_case = site.html("practice/by-case-study/index.html")
    assert by_step.count('<details class="question"') == len(questions)
    assert by_case.count('<details class="question"') == sum(1 for q in questions if q.case_study)
    summaries = re.findall(r'<details class="question">\s*<summary>(.*?)</summary>', by_step, re.S)
    assert len(summaries) == len(questions)
    assert "Learn it:" in by_step and "Learn it:" in by_case
    # Each question carries its id and step for answer-first.js; a rubric shows under its answer.
    assert by_step.count('class="practice-question" data-question=') == len(questions)
    with_rubric = [q for q in questions if q.rubric]
    assert len(with_rubric) == len(questions)
    assert by_step.count('<p class="rubric"><em>What a strong answer covers:</em></p>') == len(with_rubric)
    # Each question's last rubric point is on the page (compared as letters and digits: the page
    # renders `&#36;`, quotes and symbols).
    norm = lambda text: re.sub(r"[^0-9a-z]+", "", html.unescape(text).lower())
    page_text = norm(re.sub(r"<[^>]+>", " ", by_step))
    assert [q.id for q in with_rubric if norm(q.rubric[-1]) not in page_text] == []


def test_rubrics_are_checked_with_file_and_line_and_are_required(monkeypatch):
    monkeypatch.setattr(practice, "RUBRIC_REQUIRED", False)
    found, errors = practice.load_questions(RUBRICS, DOCS)
    where = "data/questions/rubrics.yml"
    assert [q.id for q in found] == ["with-a-rubric", "without-a-rubric"]
    assert found[0].rubric == ["Names the metric", "Gives the number that decides it"] and found[1].rubric == []
    assert errors == [
        f"{where}:18: question 'rubric-not-a-list': rubric must be a list of 2 to 5 points, not text",
        f"{where}:26: question 'rubric-too-short': rubric must have 2 to 5 points, not 1",
        f"{where}:34: question 'rubric-bad-points': rubric must have 2 to 5 points, not 6",
        f"{where}:34: question 'rubric-bad-points': rubric point 1 must be non-empty text",
        f"{where}:34: question 'rubric-bad-points': rubric point 2 must be text, not a mapping: put a point with ': ' in quotes",
        f"{where}:34: question 'rubric-bad-points': rubric point 3 must be one line of plain text, without links",
        f"{where}:34: question 'rubric-bad-points': rubric point 4 is 121 characters, over the 120 allowed",
    ]
    # Every question has a rubric, so the guide requires one: a missing rubric fails the build.
    monkeypatch.setattr(practice, "RUBRIC_REQUIRED", True)
    _, errors = practice.load_questions(RUBRICS, DOCS)
    assert errors[0] == f"{where}:11: question 'without-a-rubric': missing 'rubric'" and len(errors) == 8


def node(script: str):
    """Run `script` under node with the scheduler as `S`; what it prints, as JSON."""
    result = subprocess.run(["node", "-e", f"const S = require({json.dumps(str(SCHEDULER))});\n{script}"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# One card, answered on the day it is due each time, with Anki's default settings: learning steps of
# 1 and 10 minutes, graduating interval 1 day, easy interval 4 days, starting ease 2.5, Hard
# interval x1.2, Easy bonus x1.3; a lapse takes 0.2 off the ease, keeps 0% of the interval (at
# least 1 day) and relearns in one 10-minute step. A review interval is rounded to whole days and
# is at least one day longer than the grade below it (Hard at least the old interval + 1).
SEQUENCE = [
    # (days, minutes after the first answer, grade) -> (state, next interval, ease in thousandths): arithmetic
    ((0, 0, 3), ("learning", "10 min", None)),  # new card, Good: to the second learning step
    ((0, 10, 3), ("review", "1 day", 2500)),  # Good on the last step: graduates at 1 day, ease 2.5
    ((1, 10, 3), ("review", "3 days", 2500)),  # Hard = max(round(1 x 1.2) = 1, 1 + 1) = 2; Good = max(round(1 x 2.5) = 3, 2 + 1) = 3
    ((4, 10, 3), ("review", "8 days", 2500)),  # Hard = max(round(3 x 1.2) = 4, 3 + 1) = 4; Good = max(round(3 x 2.5 = 7.5) = 8, 4 + 1) = 8
    ((12, 10, 2), ("review", "10 days", 2350)),  # Hard = max(round(8 x 1.2 = 9.6) = 10, 8 + 1) = 10; ease 2.5 - 0.15 = 2.35
    ((22, 10, 4), ("review", "31 days", 2500)),  # Hard = 12; Good = max(round(10 x 2.35 = 23.5) = 24, 13) = 24;
    #                                               Easy = max(round(10 x 2.35 x 1.3 = 30.55) = 31, 24 + 1) = 31; ease 2.35 + 0.15 = 2.5
    ((53, 10, 1), ("relearning", "10 min", 2300)),  # Again, a lapse: ease 2.5 - 0.2 = 2.3; relearn in 10 min
    ((53, 20, 3), ("review", "1 day", 2300)),  # Good on the relearning step: interval max(31 x 0, 1) = 1 day
    ((54, 20, 3), ("review", "3 days", 2300)),  # Hard = max(round(1 x 1.2) = 1, 1 + 1) = 2; Good = max(round(1 x 2.3) = 2, 2 + 1) = 3
    ((57, 20, 3), ("review", "7 days", 2300)),  # Hard = max(round(3 x 1.2) = 4, 3 + 1) = 4; Good = max(round(3 x 2.3 = 6.9) = 7, 4 + 1) = 7
]


def test_the_scheduler_gives_the_intervals_sm2_gives_for_a_fixed_sequence_of_grades():
    steps = json.dumps([answer for answer, _ in SEQUENCE])
    got = node(f"""
// From 9 a.m. local time on 5 January 2026; days are counted by the calendar.
const at = (days, minutes) => new Date(2026, 0, 5 + days, 9, minutes).getTime();
let card = S.newCard();
const out = [];
for (const [days, minutes, grade] of {steps}) {{
  const now = at(days, minutes);
  card = S.answer(card, grade, now);
  const next = card.type === "review" ? card.ivl + (card.ivl > 1 ? " days" : " day") : (card.due - now) / 60000 + " min";
  out.push([card.type, next, card.ease === undefined ? null : card.ease]);
}}
const now = at(0, 0), first = [1, 2, 3, 4].map(g => S.answer(S.newCard(), g, now))
  .map(c => c.type === "review" ? c.ivl + " days" : (c.due - now) / 60000 + " min");
const today = S.dayNumber(now);
const late = {{type: "review", ivl: 8, ease: 2500, due: today - 4, last: today - 12, reps: 5, lapses: 0}};
const floor = {{type: "review", ivl: 10, ease: 1300, due: today, last: today - 10, reps: 9, lapses: 4}};
console.log(JSON.stringify({{out, first, late: [2, 3, 4].map(g => S.answer(late, g, now).ivl),
  floor: [S.answer(floor, 1, now).ease, S.answer(floor, 2, now).ease]}}));
""")
    assert got["out"] == [list(expected) for _, expected in SEQUENCE]
    # A new card: Again 1 min (the first step); Hard (60 + 600) / 2 = 330 s = 5.5 min; Good 10 min
    # (the second step); Easy graduates at once, 4 days.
    assert got["first"] == ["1 min", "5.5 min", "10 min", "4 days"]
    # Interval 8, ease 2.5, answered 4 days late: Hard ignores lateness, round(8 x 1.2 = 9.6) = 10;
    # Good round((8 + 4 / 2) x 2.5) = 25; Easy round((8 + 4) x 2.5 x 1.3) = 39.
    assert got["late"] == [10, 25, 39]
    # The ease never drops below 1.3, after Again or Hard.
    assert got["floor"] == [1300, 1300]


def test_the_queue_shows_learning_and_reviews_first_and_rations_new_cards():
    got = node("""
const now = new Date(2026, 0, 5, 9, 0).getTime(), today = S.dayNumber(now);
const ids = Array.from({length: 30}, (_, i) => "q" + i);
const fresh = S.queue(ids, {}, now);
const states = {q5: {type: "review", ivl: 3, ease: 2500, due: today, last: today - 3},
                q6: {type: "review", ivl: 3, ease: 2500, due: today + 1, last: today - 2},
                q7: {type: "learning", remaining: 1, due: now - 1000, first: today}};
for (let i = 10; i < 28; i++) states["q" + i] = {type: "learning", remaining: 1, due: now + 3600e3, first: today};
const mixed = S.queue(ids, states, now);
const later = S.queue(["q7"], {q7: {type: "learning", remaining: 1, due: now + 15 * 60e3, first: today}}, now);
console.log(JSON.stringify({fresh: [fresh.cards.length, fresh.newLeft], mixed: mixed.cards, counts: mixed.counts,
                            later: later.cards, none: S.queue(ids, states, now, {newPerDay: 0}).counts.new}));
""")
    assert got["fresh"] == [20, 20]  # 20 new cards a day, Anki's default
    # A learning card due now, then the review due today (not tomorrow's), then new cards: 19 started
    # today (q7, q10..q27) leave 1 of the 20.
    assert got["mixed"] == ["q7", "q5", "q0"]
    assert got["counts"] == {"learning": 19, "review": 1, "new": 1}
    assert got["later"] == ["q7"]  # nothing else due: a learning card within 20 minutes is shown
    assert got["none"] == 0


def start_reader(browser, origin, address=None, **context):
    from site_reader import Reader
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, **context)
    return Reader(ctx, origin, address=address)


def stored(page, key: str) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{key}')") or "{}")


def test_flashcards_schedule_by_grade_and_keep_progress(site, reader, questions):
    t0 = datetime(2026, 3, 2, 10, 0)
    reader.page.clock.set_fixed_time(t0)
    page = reader.open("/practice/flashcards/")
    status = page.locator(".flashcards__status")
    question = page.locator(".flashcards__question")
    answer = page.locator(".flashcards__answer")
    assert f"0 of {len(questions)} cards started" in status.inner_text()
    assert "20 new (20 new a day, 20 left today)" in status.inner_text()
    first = question.inner_text()
    page.keyboard.press("4")  # no grade before the answer is shown
    assert question.inner_text() == first and answer.is_hidden()
    page.keyboard.press("Space")
    assert answer.is_visible() and "Learn it:" in answer.inner_text()
    grades = page.locator(".flashcards__grades")
    assert [b.inner_text().split("\n") for b in grades.locator("button").all()] == [
        ["Again", "1 min"], ["Hard", "6 min"], ["Good", "10 min"], ["Easy", "4 days"]]
    page.keyboard.press("4")  # Easy: 4 days, out of today's queue
    assert question.inner_text() != first and answer.is_hidden()
    assert f"1 of {len(questions)} cards started" in status.inner_text() and "19 left today" in status.inner_text()
    cards = stored(page, "field-guide.srs")["cards"]
    (easy_id, easy), = cards.items()
    assert easy["type"] == "review" and easy["ivl"] == 4 and easy["ease"] == 2500

    second = question.inner_text()
    page.keyboard.press("Space")
    page.keyboard.press("3")  # Good on a new card: the 10-minute learning step, not due now
    assert "1 learning" in status.inner_text() and question.inner_text() != second
    page.keyboard.press("u")  # undo: the card is new again, and shown
    assert "0 learning" in status.inner_text() and question.inner_text() == second
    assert f"1 of {len(questions)} cards started" in status.inner_text()

    page.get_by_label("Step").select_option("5")
    step5 = [q for q in questions if q.step == 5]
    assert page.locator(".flashcards__meta").inner_text().startswith("Step 5.")
    page.keyboard.press("ArrowRight")  # skip: the next card of step 5
    assert page.locator(".flashcards__meta").inner_text().startswith("Step 5.")
    page.get_by_label("New cards a day").fill("1")
    page.get_by_label("New cards a day").press("Enter")
    page.get_by_label("New cards a day").blur()
    assert "Nothing due in this selection" in status.inner_text()  # the one new card today was the Easy one
    assert "The next card is due in 4 days" in status.inner_text()

    page.reload()
    assert page.get_by_label("Step").input_value() == "5" and page.get_by_label("New cards a day").input_value() == "1"
    assert f"1 of {len(questions)} cards started" in status.inner_text()

    # Four days later the Easy card is due, whatever the new-card ration.
    reader.page.clock.set_fixed_time(t0 + timedelta(days=4))
    page.reload()
    page.get_by_label("Step").select_option("")
    assert "Due now: 1 to review" in status.inner_text() and question.inner_text() == first
    assert len(step5) >= 10
    assert not reader.errors and not reader.outside


def test_export_then_import_restores_progress_in_a_fresh_browser(site, browser, origin, questions, tmp_path):
    first = start_reader(browser, origin, accept_downloads=True)
    page = first.open("/practice/flashcards/")
    # The question with a rubric first: answer it in the box, show the answer, tick two points.
    page.evaluate(f"localStorage.setItem('{SRS}', JSON.stringify({{order: ['f1-dau-to-average-qps']}}))")
    page.reload()
    page.keyboard.press("a")
    page.keyboard.type("30M x 6 = 180M a day, / 86,400 s: about 2,100 QPS")
    page.keyboard.press("Control+Enter")
    checklist = page.locator(".flashcards__answer .rubric-check input")
    assert checklist.count() == 4
    page.keyboard.press("Shift+Digit1")
    checklist.nth(1).check()
    assert "2 of 4 points: Hard" in page.locator(".flashcards__suggest").inner_text()
    page.keyboard.press("2")
    for grade in ("3", "1"):
        page.keyboard.press("Space")
        page.keyboard.press(grade)
    status = page.locator(".flashcards__status").inner_text()
    assert f"3 of {len(questions)} cards started" in status
    progress, answers = stored(page, SRS), stored(page, ANSWERS)
    assert answers["f1-dau-to-average-qps"]["covered"] == [0, 1] and "2,100 QPS" in answers["f1-dau-to-average-qps"]["text"]
    with page.expect_download() as download:
        page.keyboard.press("e")
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["format"] == "ml-system-design-field-guide.progress" and data["version"] == 1
    assert data["cards"] == progress["cards"] and data["answers"] == answers and len(data["cards"]) == 3
    first.page.context.close()

    fresh = start_reader(browser, origin)
    page = fresh.open("/practice/flashcards/")
    # Playwright turns on catching file choosers when the first listener is added, without waiting;
    # added only just before the key, it can come after the chooser opens (the chooser then is lost).
    page.on("filechooser", lambda chooser: None)
    assert f"0 of {len(questions)} cards started" in page.locator(".flashcards__status").inner_text()
    message = page.locator(".flashcards__message")
    bad = {"notes.txt": ("hello", "is not JSON"),
           "other.json": (json.dumps({"cards": {}}), "is not a progress file of this guide"),
           "broken.json": (json.dumps({"format": data["format"], "version": 1, "cards": {"x": {"type": "review", "ivl": -3}}}),
                           "the schedule of 1 card is not in the expected form (first: “x”)")}
    for name, (text, reason) in bad.items():
        (tmp_path / name).write_text(text)
        page.locator(".flashcards__file").set_input_files(tmp_path / name)
        page.wait_for_function("name => document.querySelector('.flashcards__message').textContent.startsWith(name)", arg=name)
        assert "Nothing was imported" in message.inner_text()
        assert reason in message.inner_text(), message.inner_text()
        assert f"0 of {len(questions)} cards started" in page.locator(".flashcards__status").inner_text()
    page.evaluate("document.activeElement.blur()")  # keys typed into a form control are not shortcuts
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("i")
    chooser.value.set_files(exported)
    page.wait_for_function("document.querySelector('.flashcards__message').textContent.startsWith('Imported')")
    assert stored(page, SRS)["cards"] == progress["cards"] and stored(page, ANSWERS) == answers
    assert page.locator(".flashcards__status").inner_text() == status
    assert "1. Clarify requirements" in page.locator(".weak-spots").inner_text()
    assert not fresh.errors and not fresh.outside
    fresh.page.context.close()


def test_answer_first_with_rubric_and_self_grade_feeds_the_weak_spots_across_instant_navigation(site, browser, origin):
    from mkdocs.config import load_config
    reader = start_reader(browser, origin, address=load_config(str(ROOT / "mkdocs.yml"))["site_url"],
                          timezone_id=midday_timezone())
    page = reader.start("/practice/")
    reader.follow(page.locator("article a[href*='by-step/']").first)
    question = page.locator("details.question:has([data-question='f1-dau-to-average-qps'])")
    question.locator("summary").click()
    model = question.locator(":scope > p").first
    assert model.is_hidden() and question.locator("textarea").is_visible()  # the answer waits for the reader's
    question.locator("textarea").fill("30M x 6 / 86,400: about 2,000 QPS")
    question.get_by_role("button", name="Show model answer").click()
    assert model.is_visible()
    boxes = question.locator(".rubric-check input")
    assert boxes.count() == 4 and question.locator(".rubric-check").inner_text().startswith("What a strong answer covers")
    boxes.nth(1).check()
    assert stored(page, ANSWERS)["f1-dau-to-average-qps"]["covered"] == [1]

    # A case study's follow-up question has no rubric: the reader grades it.
    reader.follow(question.locator("a[href*='framework/clarify-requirements/']").first)
    reader.follow(page.locator("article a[href*='case-studies/visual-search/']").first)
    follow_up = page.locator("h2#follow-up-questions ~ details.question").first
    follow_up.locator("summary").click()
    follow_up.locator("textarea").fill("HNSW would not fit in memory")
    follow_up.locator("textarea").press("Control+Enter")
    follow_up.get_by_role("button", name="Partly").click()
    assert follow_up.get_by_role("button", name="Partly").get_attribute("aria-pressed") == "true"

    reader.follow(page.locator(".md-tabs__link", has_text="Practice"))
    reader.follow(page.locator("article a[href*='flashcards/']").first)
    page.wait_for_function("document.querySelector('[data-flashcards]').flashcards")  # the deck's own script loaded
    weak = page.locator(".weak-spots")
    step = weak.locator("tr", has_text="1. Clarify requirements")
    assert "0.75 of 1 (75%)" in step.inner_text()  # 3 of the 4 points unticked
    assert step.locator("a", has_text="From DAU to QPS").get_attribute("href").endswith(
        "framework/clarify-requirements/#from-dau-to-qps")
    assert "0.5 of 1 (50%)" in weak.locator("tr", has_text="Visual search").inner_text()
    status = page.locator(".flashcards__status")
    page.keyboard.press("Space")
    page.keyboard.press("3")  # the deck works on a page swapped in: one card graded, not two
    assert "1 learning" in status.inner_text() and "cards started" in status.inner_text()
    assert weak.inner_text().startswith("3 answers graded")  # the bank's question, the follow-up, the card
    reader.follow(step.locator("a", has_text="From DAU to QPS"))
    assert page.url.endswith("#from-dau-to-qps")

    reader.back()  # to the flashcards, then the question bank: the question remembers how it went
    reader.follow(page.locator(".md-sidebar--primary a[href*='by-step/']").first)
    page.locator("details.question:has([data-question='f1-dau-to-average-qps']) summary").click()
    assert "1 of 4 points covered" in page.locator("details.question:has([data-question='f1-dau-to-average-qps']) .answer-first__last").inner_text()
    assert not reader.errors, reader.errors
    assert not reader.outside, reader.outside
    reader.page.context.unroute_all(behavior="ignoreErrors")
    reader.page.context.close()


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
    backs = {fields.split("\x1f")[1] for fields, _ in notes}
    assert sum("What a strong answer covers:" in b for b in backs) == sum(1 for q in questions if q.rubric)


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
