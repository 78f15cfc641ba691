"""Timed mocks: a "Run as a timed mock" panel on every case study and every mock interview script.

The build gives the panel, as a data attribute, the interview clock of data/house.yml (each phase's
minutes in the 45- and 60-minute loops, overrides/hooks/house.py) and what to show in each phase:

- a case study: its `## Interview timeline` row for the phase ("What you do", "On the board"), its
  `## Follow-up questions` each in the phase of its framework step, and its "**At 60 minutes**"
  note for the 60-minute mode. The panel goes at the end of the timeline section. A follow-up names
  its step with a class after `question`: `??? question step-5 "..."` (step-1 to step-7; the class
  is on the `<details>`, not in its text, so readers and search see nothing of it). Without one, the
  step is guessed (an answer linking a section of one numbered step, or a question naming one step's
  words only, STEP_WORDS); a follow-up neither marked nor guessed goes to the deep-dive phase the
  reader picks. Any other word after `question`, on any page, fails the build with file and line.
- a mock script (docs/practice/mock-interviews/): each `### N. Step` or `### The end-to-end sketch`
  subsection of `## Phases and follow-ups`, its opening paragraph (the interviewer's prompt, without
  its "Design minutes" lead, which the clock shows) and its `??? question` follow-ups; the
  `## Curveballs` go to the deep-dive phase, and their opening paragraph is the 60-minute note. The
  panel goes at the end of `## The prompt`. Minutes a script gives with a clock marker
  (`<!-- clock-minutes: Wrap-up -->`, house.py) are written out for both loops here as on the page.

docs/assets/javascripts/mock-clock.js runs the clock. Links in a prompt keep only their text: the
chapter they come from is the page the panel is on.
"""
import html
import json
import re
from dataclasses import dataclass

import markdown as markdown_lib
from mkdocs.exceptions import PluginError

from guide_markdown import LINK, page_source
from house import expand_clock_text, load_house, timeline_table

MOCKS = "practice/mock-interviews/"
DEPTH = (3, 4, 5, 6)  # the framework steps of the four depth phases
STEP_SECTION = re.compile(r"^([1-7])\.\s")
QUESTION = re.compile(r'^\?\?\?\+?[ \t]+question((?:[ \t]+[\w-]+)*)[ \t]+"(.*)"[ \t]*$')
STEP_MARK = re.compile(r"^step-([1-7])$")
# Words that place a follow-up question under one framework step; a question naming words of two
# steps, or of none, goes to the deep-dive phase.
STEP_WORDS = {
    1: r"requirement|scope|clarif",
    3: r"label|feature|training data|skew|annotat|sampl|cold.start|new user|position.bias",
    4: r"architecture|loss|two-tower|transformer|fine-tun|distil|embedding model",
    5: r"metric|a/b|offline|evaluat|ndcg|auc|holdout|experiment|interleav|precision|recall|ship|launch|worked",
    6: r"latency|p99|cache|shard|gpus?\b|serv(?:e|ing)|qps|fallback|cost|throughput|memory|region",
    7: r"drift|alert|monitor|retrain|dashboard|incident|drops?\b|spik|feedback loop|outage|degrad",
}


def inline_html(text: str) -> str:
    """One cell or paragraph of Markdown as HTML, links reduced to their text."""
    text = LINK.sub(r"\1", text.strip())
    out = markdown_lib.markdown(text, extensions=["sane_lists"])
    return re.sub(r"^<p>(.*)</p>$", r"\1", out, flags=re.S)


def title_html(title: str) -> str:
    return inline_html(title.replace('\\"', '"'))


def sections(body: str, level: int) -> list[tuple[str, str]]:
    """(heading text, section text) for each heading of `level` in `body`."""
    mark = "#" * level
    parts = re.split(rf"^{mark}[ \t]+(.+?)[ \t]*$", body, flags=re.M)
    return [(parts[i].strip(), parts[i + 1]) for i in range(1, len(parts), 2)]


@dataclass
class Question:
    title: str
    answer: str
    marks: list  # the words between `question` and the title, e.g. ["step-5"]
    line: int  # 1-based line of the `??? question` line in the text it was found in


def questions(text: str) -> list[Question]:
    """Each `??? question` block in `text`."""
    found, lines = [], text.split("\n")
    for i, line in enumerate(lines):
        m = QUESTION.match(line)
        if m:
            body = []
            for follow in lines[i + 1:]:
                if follow.strip() and not follow.startswith((" ", "\t")):
                    break
                body.append(follow)
            found.append(Question(m.group(2), "\n".join(body), m.group(1).split(), i + 1))
    return found


def marker_problems(source) -> list[str]:
    """`file:line: problem` for each `??? question` line whose words after `question` are not one
    step marker (step-1 to step-7)."""
    out = []
    for q in questions(source.without_code()):
        if q.marks and (len(q.marks) > 1 or not STEP_MARK.match(q.marks[0])):
            out.append(f"{source.path}:{source.line(q.line)}: follow-up marker '{' '.join(q.marks)}' on "
                       f"\"{q.title}\" is not a framework step: write one of step-1 to step-7 after `question`")
    return out


def marked_step(q: Question) -> int | None:
    return int(STEP_MARK.match(q.marks[0]).group(1)) if q.marks else None


def first_paragraph(text: str) -> str:
    for block in re.split(r"\n[ \t]*\n", text.strip()):
        if block.strip() and not block.lstrip().startswith(("???", "!!!", "|", "<")):
            return block.strip()
    return ""


def step_of(title: str, answer: str, anchor_steps: dict) -> int | None:
    for target in re.findall(r"\]\(#([\w-]+)\)", answer):
        if target in anchor_steps:
            return anchor_steps[target]
    named = [step for step, words in STEP_WORDS.items() if re.search(rf"\b(?:{words})", title, re.I)]
    return named[0] if len(named) == 1 else None


def anchor_steps(source) -> dict:
    """Each heading anchor of the page mapped to the numbered step section (`## 3. ...`) it is in."""
    out, step = {}, None
    for h in source.headings():
        if h.level == 2:
            m = STEP_SECTION.match(h.text)
            step = int(m.group(1)) if m else None
        if step:
            out[h.anchor] = step
    return out


def clock_phases(house) -> list[dict]:
    return [{"name": p.name, "step": p.step, "m45": list(p.minutes["45"]), "m60": list(p.minutes["60"]),
             "prompts": [], "followUps": []} for p in house.phases]


def default_deep(phases: list[dict], rows: dict) -> int:
    """The depth phase the chapter calls the usual pick, else Model."""
    for i, p in enumerate(phases):
        if p["step"] in DEPTH and re.search(r"\bthe pick\b|extra minutes", rows.get(p["name"], ""), re.I):
            return i
    return next(i for i, p in enumerate(phases) if p["step"] == 4)


def case_study_data(source, house) -> dict | None:
    found = timeline_table(source)
    if not found:
        return None
    _, end, rows = found
    phases = clock_phases(house)
    texts = {}
    for phase, row in zip(phases, rows[2:]):
        do, board = (row + ["", ""])[1:3]
        texts[phase["name"]] = do
        phase["prompts"] = [{"label": label, "html": inline_html(cell)}
                            for label, cell in (("What you do", do), ("On the board", board)) if cell.strip()]
    after = "\n".join(source.body.split("\n")[end:])
    after = re.split(r"^## ", after, maxsplit=1, flags=re.M)[0]
    note = next((b for b in re.split(r"\n[ \t]*\n", after) if b.strip().startswith("**At 60 minutes**")), "")
    deep = default_deep(phases, texts)
    problems = marker_problems(source)
    if problems:
        raise PluginError("Follow-up step markers:\n  " + "\n  ".join(problems))
    steps = anchor_steps(source)
    follow = dict(sections(source.without_code(), 2)).get("Follow-up questions", "")
    for q in questions(follow):
        step = marked_step(q) or step_of(q.title, q.answer, steps)
        index = next((i for i, p in enumerate(phases) if step and p["step"] == step), None)
        phases[deep if index is None else index]["followUps"].append(
            {"html": title_html(q.title), "deep": index is None})
    return {"kind": "case study", "phases": phases, "deep": deep, "at60": inline_html(note) if note else "",
            "loops": house.loops}


def mock_data(source, house) -> dict | None:
    body = expand_clock_text(source.without_code(), house)  # minutes for both loops, from the clock
    top = dict(sections(body, 2))
    if "Phases and follow-ups" not in top:
        return None
    phases = clock_phases(house)
    for heading, text in sections(top["Phases and follow-ups"], 3):
        m = STEP_SECTION.match(heading)
        index = next((i for i, p in enumerate(phases)
                      if (m and p["step"] == int(m.group(1))) or (not m and p["name"].lower() in heading.lower())), None)
        if index is None:
            continue
        lead = first_paragraph(text)
        # The script's lead minutes ("**Design minutes 0–4 of a 45-minute loop, ...**", "**Depth: 4
        # design minutes ...**") are the clock's to show, in the mode chosen.
        lead = re.sub(r"^\*\*[^*]*minutes?[^*]*\*\*\s*", "", lead, flags=re.I)
        if lead:
            phases[index]["prompts"].append({"label": "Interviewer's script", "html": inline_html(lead)})
        phases[index]["followUps"] += [{"html": title_html(q.title), "deep": False} for q in questions(text)]
    deep = default_deep(phases, {})
    curve = top.get("Curveballs", "")
    phases[deep]["followUps"] += [{"html": "Curveball: " + title_html(q.title), "deep": True} for q in questions(curve)]
    note = first_paragraph(curve)
    return {"kind": "mock interview", "phases": phases, "deep": deep,
            "at60": f"<strong>Curveballs.</strong> {inline_html(note)}" if note else "",
            "loops": house.loops}


def panel(data: dict) -> str:
    attr = html.escape(json.dumps(data, ensure_ascii=False))
    design = data["loops"]
    return (f'<div class="mock-clock" data-mock-clock="{attr}" data-search-exclude markdown="0">\n'
            f'<p><button type="button" class="md-button md-button--primary mock-clock__open" aria-haspopup="dialog">'
            f'Run as a timed mock</button> <span class="mock-clock__lead">A clock for this {data["kind"]}: '
            f'{design["45"]} or {design["60"]} design minutes, each phase announced with its prompts and '
            f'likely follow-ups.</span></p>\n</div>')


def insert_before_next_heading(markdown: str, heading: re.Pattern, block: str) -> str:
    m = heading.search(markdown)
    if not m:
        return markdown
    nxt = re.compile(r"^## ", re.M).search(markdown, m.end())
    at = nxt.start() if nxt else len(markdown)
    return markdown[:at].rstrip("\n") + "\n\n" + block + "\n\n" + markdown[at:]


def on_page_markdown(markdown, page, config, **kwargs):
    uri = page.file.src_uri
    is_mock = uri.startswith(MOCKS) and not uri.endswith("index.md")
    source = page_source(page.file, config)
    problems = marker_problems(source)
    if problems:
        raise PluginError("Follow-up step markers:\n  " + "\n  ".join(problems))
    if source.kind != "case-study" and not is_mock:
        return markdown
    house = load_house()
    if is_mock:
        data = mock_data(source, house)
        where = re.compile(r"^##[ \t]+The prompt[ \t]*$", re.M)
    else:
        data = case_study_data(source, house)
        where = re.compile(r"^##[ \t]+Interview timeline[ \t]*$", re.M)
    if not data:
        return markdown
    # The rows come from the source, where a quoted number is still `{{ name }}`; the estimates hook
    # (which runs first) has put each value in this page's Markdown as <span data-est="name">.
    values = dict(re.findall(r'<span data-est="([^"]+)">([^<]*)</span>', markdown))
    block = re.sub(r"\{\{\s*([\w.]+)\s*\}\}", lambda m: values.get(m.group(1), m.group(0)), panel(data))
    return insert_before_next_heading(markdown, where, block)
