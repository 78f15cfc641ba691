"""The house assumptions and the one interview clock (data/house.yml): chapters that disagree with
them fail the build with file and line, and the built pages show the values from the one source."""
import re

import pytest

from guide_markdown import Source
from house import load_house, problems

HOUSE = load_house()

OFF_CLOCK = """---
description: x
---

# A case study

Inference runs on GPUs at $2 an hour.
The same GPUs at $2 an hour, instead of the house $3, because this team owns its hardware.

## Interview timeline

| Phase | What you do | On the board |
|---|---|---|
| Clarify requirements | a | b |
| Model | a | b |
"""


def test_a_house_value_stated_differently_and_a_timeline_off_the_clock_are_named_with_file_and_line():
    source = Source.parse("case-studies/off-clock.md", OFF_CLOCK)
    found = problems(source, HOUSE)
    assert len(found) == 2, found
    assert found[0].startswith("docs/case-studies/off-clock.md:7: states gpu price as 'GPUs at $2 an hour'; "
                               "the house value is $3 per H100-hour")
    assert found[1].startswith("docs/case-studies/off-clock.md:15: the timeline's phases must be the clock's, in order")
    assert "row 2 is 'Model', expected 'Frame as an ML task'" in found[1]


def test_clock_markers_write_minutes_for_both_loops_from_the_clock_and_a_wrong_phase_is_named():
    from house import expand_clock_text
    wrap, model = HOUSE.phases[-1], next(p for p in HOUSE.phases if p.step == 4)
    assert expand_clock_text("Leave <!-- clock-minutes: Wrap-up --> to the candidate.", HOUSE) == (
        f"Leave {wrap.minutes['45'][0]}–{wrap.minutes['45'][1]} of a 45-minute loop, "
        f"{wrap.minutes['60'][0]}–{wrap.minutes['60'][1]} of a 60-minute one to the candidate.")
    assert expand_clock_text("<!-- clock-minutes: clarify requirements to Wrap-up -->", HOUSE) == \
        f"0–{HOUSE.loops['45']} of a 45-minute loop, 0–{HOUSE.loops['60']} of a 60-minute one"
    lengths = [model.minutes[loop][1] - model.minutes[loop][0] for loop in ("45", "60")]
    assert expand_clock_text("<!-- clock-length: Model -->", HOUSE) == \
        f"{lengths[0]} design minutes in a 45-minute loop, {lengths[1]} in a 60-minute one"
    source = Source.parse("practice/x.md", "# X\n\nAt <!-- clock-minutes: Wrapup -->, then\n"
                                          "<!-- clock-length: Model to Clarify requirements -->.\n")
    found = problems(source, HOUSE)
    assert [f.split(": '")[0] for f in found] == ["docs/practice/x.md:3", "docs/practice/x.md:4"], found
    assert "names no phase of the clock" in found[0]


def test_every_page_uses_the_house_values_and_the_clock():
    from test_content import sources
    assert [p for s in sources() for p in problems(s, HOUSE)] == []


def test_the_clock_fits_each_loop():
    for loop, design in HOUSE.loops.items():
        spans = [p.minutes[loop] for p in HOUSE.phases]
        assert spans[0][0] == 0 and spans[-1][1] == design
        sketch = next(p for p in HOUSE.phases if p.name == "End-to-end sketch")
        assert sketch.minutes[loop][1] <= 10  # the end-to-end sketch is on the board by about minute 10


def text(site, page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", site.html(page)))


def test_the_built_pages_show_the_house_values_and_the_clock(site):
    numbers = text(site, "reference/numbers/index.html")
    for a in HOUSE.assumptions:
        assert a.name in numbers
    clock = text(site, "framework/index.html")
    assert all(p.name in clock for p in HOUSE.phases)
    step = text(site, "framework/data-and-features/index.html")
    data = next(p for p in HOUSE.phases if p.step == 3)
    assert re.search(rf"{data.minutes['45'][1] - data.minutes['45'][0]}\s+of\s+35\s+design minutes", step)
    timeline = site.html("case-studies/visual-search/index.html").split('id="interview-timeline"')[1]
    first_row = re.search(r"<tbody>\s*<tr>(.*?)</tr>", timeline, re.S).group(1)
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", first_row, re.S)]
    assert cells[:3] == ["0–4", "0–5", "Clarify requirements"]
