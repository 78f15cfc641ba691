"""Timed mocks: the panel each case study and mock interview script gets (overrides/hooks/mock_clock.py)
and the clock that runs it (mock-clock.js), driven by Playwright's fake clock: phases change at the
minutes of data/house.yml in the 45- and 60-minute modes, pause stops the clock, the prompts shown are
the chapter's timeline row, the keys work, it runs after instant navigation and opened from disk,
fetches nothing from outside, and axe finds nothing wrong with the open panel."""
import html
import json
import re
from datetime import datetime, timedelta

import pytest
from mkdocs.exceptions import PluginError

import mock_clock
from conftest import ROOT
from every_page import axe_violations, set_palette
from guide_markdown import Source
from house import load_house, timeline_table
from test_offline import DiskReader, download  # noqa: F401  (the unzipped download, a fixture)

DOCS = ROOT / "docs"
CASE = "case-studies/news-feed"
SCRIPT = "practice/mock-interviews/search"
MIN = 60_000


def source(uri: str) -> Source:
    return Source.parse(uri, (DOCS / uri).read_text(encoding="utf-8"))


def test_every_case_study_and_mock_script_gets_the_clock_with_its_own_prompts():
    house = load_house()
    cases = [p for p in sorted((DOCS / "case-studies").glob("*.md")) if p.stem not in ("index", "_template")]
    for path in cases:
        page = source(f"case-studies/{path.name}")
        data = mock_clock.case_study_data(page, house)
        assert [p["name"] for p in data["phases"]] == [p.name for p in house.phases], path
        _, _, rows = timeline_table(page)
        for phase, row in zip(data["phases"], rows[2:]):
            assert phase["prompts"][0]["label"] == "What you do"
            assert re.sub(r"<[^>]+>", "", phase["prompts"][0]["html"]) == re.sub(r"[`*]", "", row[1]), path
        asked = len(re.findall(r'^\?\?\? question(?: step-[1-7])? "', page.body.split("## Follow-up questions")[1], re.M))
        assert sum(len(p["followUps"]) for p in data["phases"]) == asked, path
        assert data["at60"].startswith("<strong>At 60 minutes</strong>"), path
    scripts = [p for p in sorted((DOCS / "practice" / "mock-interviews").glob("*.md")) if p.stem != "index"]
    assert len(scripts) == 6
    for path in scripts:
        data = mock_clock.mock_data(source(f"practice/mock-interviews/{path.name}"), house)
        steps = [p for p in data["phases"] if p["step"]]
        assert all(p["prompts"] and p["followUps"] for p in steps), path
        assert not any("Design minutes" in x["html"] for p in data["phases"] for x in p["prompts"]), path
        assert any(f["html"].startswith("Curveball: ") for f in data["phases"][data["deep"]]["followUps"]), path


def placed(data: dict) -> dict:
    """Each follow-up's HTML title -> (the step of the phase it is in, or None in the deep dive)."""
    return {f["html"]: (None if f["deep"] else p["step"]) for p in data["phases"] for f in p["followUps"]}


def test_follow_ups_go_to_the_phase_their_marker_names_and_few_are_left_to_the_deep_dive():
    house = load_house()
    cases = [p for p in sorted((DOCS / "case-studies").glob("*.md")) if p.stem not in ("index", "_template")]
    total = deep = 0
    for path in cases:
        page = source(f"case-studies/{path.name}")
        where = placed(mock_clock.case_study_data(page, house))
        follow = page.body.split("## Follow-up questions")[1].split("\n## ")[0]
        for q in mock_clock.questions(follow):
            step = where[mock_clock.title_html(q.title)]
            if q.marks:
                assert step == int(q.marks[0].removeprefix("step-")), f"{path.name}: {q.title}"
            total, deep = total + 1, deep + (step is None)
    assert total >= 8 * len(cases) and deep < total / 4, f"{deep} of {total} follow-ups left to the deep dive"


def test_a_marker_moves_a_follow_up_and_an_unknown_one_fails_the_build_with_file_and_line():
    house = load_house()
    page = source(f"{CASE}.md")
    lines = page.body.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("??? question")
              and i > lines.index("## Follow-up questions"))
    title = mock_clock.QUESTION.match(lines[at]).group(2)

    def with_marker(marker: str) -> Source:
        changed = lines[:at] + [f'??? question {marker} "{title}"'] + lines[at + 1:]
        return Source(page.path, page.uri, page.meta, "\n".join(changed), page.offset)

    for step in range(1, 8):
        assert placed(mock_clock.case_study_data(with_marker(f"step-{step}"), house))[mock_clock.title_html(title)] == step
    for bad in ("step-9", "step-data", "stepp-3", "step-3 step-4"):
        with pytest.raises(PluginError) as failed:
            mock_clock.case_study_data(with_marker(bad), house)
        assert f"{page.path}:{page.line(at + 1)}: follow-up marker '{bad}'" in str(failed.value), bad
    # On any page, not only in a case study's follow-ups.
    other = Source.parse("framework/evaluation.md", '---\nstep: 5\n---\n\n# 5. Evaluation\n\n??? question note "Why?"\n    Because.\n')
    assert mock_clock.marker_problems(other) == [
        "docs/framework/evaluation.md:7: follow-up marker 'note' on \"Why?\" is not a framework step: "
        "write one of step-1 to step-7 after `question`"]


def test_mock_scripts_take_their_minutes_from_the_clock_so_both_modes_read_right():
    """A minute a script types is the 45-minute clock's; the 60-minute mode would show it wrong."""
    house = load_house()
    wrap = house.phases[-1]
    for path in sorted((DOCS / "practice" / "mock-interviews").glob("*.md")):
        text = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
        typed = re.findall(r"(?:design minutes?|minutes) \d+(?:[–-]| to )\d+|\b\d+ design minutes", text, re.I)
        assert not typed, f"{path.name}: {typed}"
        if path.stem == "index":
            continue
        data = mock_clock.mock_data(source(f"practice/mock-interviews/{path.name}"), house)
        for loop in ("45", "60"):  # the 60-minute note (the curveballs) gives the wrap-up of both loops
            assert "{}–{}".format(*wrap.minutes[loop]) in data["at60"], path.name


T0 = datetime(2026, 3, 2, 10, 0)


def freeze(page):
    """Playwright's fake clock (installed before the page opens, so every timer of the page is on it),
    now standing still: time moves only when the test moves it."""
    page.clock.pause_at(T0 + timedelta(hours=1))


def open_panel(page):
    page.get_by_role("button", name="Run as a timed mock").click()
    dialog = page.locator("dialog.mock-clock__dialog[open]")
    dialog.wait_for()
    return dialog


def phase_name(dialog) -> str:
    return re.sub(r"^\d+ of \d+\. ", "", dialog.locator(".mock-clock__phase-name").inner_text())


def timeline_rows(page) -> dict:
    """The rendered timeline table: phase -> (What you do, On the board)."""
    rows = page.locator("xpath=//h2[@id='interview-timeline']/following::table[1]").locator("tbody tr")
    out = {}
    for i in range(rows.count()):
        cells = [c.inner_text().strip() for c in rows.nth(i).locator("td").all()]
        out[cells[2]] = (cells[3], cells[4])
    return out


@pytest.mark.parametrize("mode", ["45", "60"])
def test_the_clock_moves_through_the_house_phases_pauses_and_shows_the_timeline_row(site, reader, mode):
    house = load_house()
    reader.page.clock.install(time=T0)
    page = reader.open(f"/{CASE}/")
    freeze(page)
    rows = timeline_rows(page)
    dialog = open_panel(page)
    if mode == "60":
        dialog.get_by_label("60 minutes").check()
    assert phase_name(dialog) == house.phases[0].name
    page.keyboard.press("Space")  # start
    assert dialog.get_by_role("button", name="Pause").is_visible()
    now = 0
    for i, phase in enumerate(house.phases):
        start, end = phase.minutes[mode]
        page.clock.fast_forward((end * MIN - 2000) - now)  # 2 s before the phase ends
        now = end * MIN - 2000
        assert phase_name(dialog) == phase.name, f"{mode}: minute {end - 1}"
        do, board = rows[phase.name]
        shown = [d.inner_text().strip() for d in dialog.locator(".mock-clock__prompts dd").all()]
        assert shown == [do, board], phase.name
        if i:
            assert phase.name in dialog.locator(".mock-clock__announce").inner_text()
        note = dialog.locator(".mock-clock__note")
        assert note.is_visible() == (mode == "60" and phase.step == 4), phase.name  # news feed: Model is the pick
        if i == 3:  # pause: the clock stands still, then resumes where it stopped
            page.keyboard.press("Space")
            assert "Paused at" in dialog.locator(".mock-clock__announce").inner_text()
            frozen = dialog.locator(".mock-clock__elapsed").inner_text()
            page.clock.fast_forward(10 * MIN)
            assert dialog.locator(".mock-clock__elapsed").inner_text() == frozen
            assert phase_name(dialog) == phase.name
            dialog.get_by_role("button", name="Resume").click()
        page.clock.fast_forward(4000)  # 2 s into the next phase
        now += 4000
    assert "Time is up" in dialog.locator(".mock-clock__announce").inner_text()
    assert dialog.locator(".mock-clock__elapsed").inner_text() == f"{house.loops[mode]}:00"
    dialog.get_by_role("button", name="Reset").click()
    assert dialog.locator(".mock-clock__elapsed").inner_text() == "0:00"
    assert phase_name(dialog) == house.phases[0].name
    assert not reader.errors and not reader.outside


def test_keys_and_the_follow_ups_of_a_mock_script_after_instant_navigation(site, browser, origin):
    from mkdocs.config import load_config
    from site_reader import Reader
    context = browser.new_context(viewport={"width": 390, "height": 844})
    reader = Reader(context, origin, address=load_config(str(ROOT / "mkdocs.yml"))["site_url"])
    page = reader.start("/practice/mock-interviews/")
    reader.follow(page.locator("article table a", has_text="Search").first)
    dialog = open_panel(page)
    assert dialog.bounding_box()["width"] <= 390
    script = mock_clock.mock_data(source(f"{SCRIPT}.md"), load_house())
    first = script["phases"][0]
    assert dialog.locator(".mock-clock__prompts dd").inner_text().strip() == \
        re.sub(r"<[^>]+>", "", html.unescape(first["prompts"][0]["html"])).replace("\n", " ")
    assert dialog.locator(".mock-clock__follow-ups li").count() == len(first["followUps"])
    page.keyboard.press("n")  # next phase, before the clock starts
    assert phase_name(dialog) == script["phases"][1]["name"]
    page.keyboard.press("n")
    page.keyboard.press("n")
    deep = script["phases"][3]
    assert phase_name(dialog) == deep["name"]
    dialog.get_by_label("Go deep on").select_option(label="Data and features")
    assert dialog.locator(".mock-clock__follow-ups li", has_text="Curveball:").count() == 3
    dialog.get_by_role("button", name="Next phase").focus()
    page.keyboard.press("Escape")
    assert page.locator("dialog.mock-clock__dialog[open]").count() == 0
    # Instant navigation to a case study: its own panel, with its own timeline.
    reader.follow(page.locator("article a[href*='case-studies/product-search-ranking/']").first)
    dialog = open_panel(page)
    assert dialog.locator(".mock-clock__prompts dt").first.inner_text() == "What you do"
    page.keyboard.press("Space")
    assert dialog.get_by_role("button", name="Pause").is_visible()
    page.keyboard.press("n")
    assert phase_name(dialog) == "Frame as an ML task"
    assert "Frame as an ML task" in dialog.locator(".mock-clock__announce").inner_text()
    assert not reader.errors, reader.errors
    assert not reader.outside, reader.outside
    context.close()


def test_the_clock_runs_in_the_offline_download(browser, download):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    disk = DiskReader(context, download.root)
    disk.page.clock.install(time=T0)
    page = disk.open(f"{CASE}.html")
    freeze(page)
    dialog = open_panel(page)
    page.keyboard.press("Space")
    page.clock.fast_forward(4 * MIN + 1000)
    assert phase_name(dialog) == "Frame as an ML task"
    assert not disk.problems(), disk.problems()
    context.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_violation_on_the_open_panel(site, reader, scheme):
    page = reader.open(f"/{CASE}/")
    set_palette(page, scheme)
    dialog = open_panel(page)
    dialog.get_by_label("60 minutes").check()
    dialog.get_by_role("button", name="Next phase").click()
    page.wait_for_timeout(500)
    found = axe_violations(page, "dialog.mock-clock__dialog")
    assert not found, found


def test_the_panel_data_is_in_the_page_not_fetched(site):
    page = site.html(f"{CASE}/index.html")
    data = json.loads(html.unescape(re.search(r'data-mock-clock="([^"]+)"', page)[1]))
    assert data["loops"] == {"45": 35, "60": 50}
    assert "guide.js" in page and "// assets/javascripts/mock-clock.js" in (site.root / "assets/javascripts/guide.js").read_text()
