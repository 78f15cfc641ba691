"""The house assumptions and the one interview clock, kept once in data/house.yml.

The build writes them where a page asks for them:

- `<!-- house-assumptions -->` (the numbers page): the table of house assumptions;
- `<!-- interview-clock -->` (framework overview, playbook): the phase plan for 45- and 60-minute loops;
- `<!-- clock-step -->` (a step chapter's time budget): that step's minutes in both loops;
- a case study's `## Interview timeline` table (`Phase | What you do | On the board`, one row per
  clock phase, in order) gets its two minute columns from the clock;
- in running text, `<!-- clock-minutes: Wrap-up -->` (a phase of the clock, or `First to Last` for
  the span of several) becomes that phase's design minutes in both loops, "32–35 of a 45-minute
  loop, 46–50 of a 60-minute one", and `<!-- clock-length: Model -->` its length in both, "5 design
  minutes in a 45-minute loop, 8 in a 60-minute one": a page that gives minutes is right in either
  mode without typing them (overrides/hooks/mock_clock.py expands them in the timed mock too).

It also fails the build, with file and line, where a page states a house assumption with another
value on a line that does not name the house value (see `pattern` in data/house.yml), where a
case study's timeline does not follow the clock, and where a clock marker names no phase of it. `python overrides/hooks/house.py [FILE ...]`
runs the same checks without a build.
"""
import functools
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from guide_markdown import Source, page_source  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent.parent
HOUSE_FILE = "data/house.yml"
LOOPS = ("45", "60")
TIMELINE_HEADING = re.compile(r"^##[ \t]+Interview timeline[ \t]*$", re.M)
TIMELINE_COLUMNS = ["Phase", "What you do", "On the board"]
MARKERS = re.compile(r"<!--\s*(house-assumptions|interview-clock|clock-step)\s*-->")
CLOCK_TEXT = re.compile(r"<!--\s*clock-(minutes|length):\s*(.+?)\s*-->")


@dataclass
class Assumption:
    key: str
    name: str
    value: str
    why: str
    pattern: re.Pattern | None = None
    expect: str | None = None


@dataclass
class Phase:
    name: str
    step: int | None
    minutes: dict  # loop ("45", "60") -> (start, end) in design minutes


@dataclass
class House:
    assumptions: list
    loops: dict  # "45" -> design minutes
    phases: list


@functools.cache
def load_house(root: Path = ROOT) -> House:
    """Read and check data/house.yml; a bad entry raises ValueError naming the file and the entry."""
    where = HOUSE_FILE
    data = yaml.safe_load((root / HOUSE_FILE).read_text(encoding="utf-8"))
    assumptions = []
    for i, a in enumerate(data.get("assumptions") or []):
        missing = [k for k in ("key", "name", "value", "why") if not a.get(k)]
        if missing:
            raise ValueError(f"{where}: assumption {i + 1} lacks {', '.join(missing)}")
        if bool(a.get("pattern")) != bool(a.get("expect")):
            raise ValueError(f"{where}: assumption '{a['key']}' needs both `pattern` and `expect`, or neither")
        try:
            pattern = re.compile(a["pattern"], re.I) if a.get("pattern") else None
        except re.error as e:
            raise ValueError(f"{where}: assumption '{a['key']}' has a bad pattern: {e}") from None
        assumptions.append(Assumption(a["key"], a["name"], str(a["value"]), a["why"], pattern,
                                      str(a["expect"]) if a.get("expect") else None))
    clock = data.get("clock") or {}
    loops = {str(l["minutes"]): int(l["design"]) for l in clock.get("loops", [])}
    if set(loops) != set(LOOPS):
        raise ValueError(f"{where}: clock.loops must define the 45- and 60-minute loops")
    phases, end = [], {loop: 0 for loop in LOOPS}
    for p in clock.get("phases", []):
        minutes = {loop: tuple(p.get(loop) or ()) for loop in LOOPS}
        for loop, span in minutes.items():
            if len(span) != 2 or span[0] != end[loop] or span[1] <= span[0]:
                raise ValueError(f"{where}: clock phase '{p.get('name')}' must start at minute {end[loop]} "
                                 f"of the {loop}-minute loop and end after it, found {list(span)}")
            end[loop] = span[1]
        phases.append(Phase(p["name"], p.get("step"), minutes))
    for loop in LOOPS:
        if end[loop] != loops[loop]:
            raise ValueError(f"{where}: the {loop}-minute clock's phases end at {end[loop]}, "
                             f"not at its {loops[loop]} design minutes")
    return House(assumptions, loops, phases)


def span(phase: Phase, loop: str) -> str:
    start, end = phase.minutes[loop]
    return f"{start}–{end}"


# Generated Markdown ----------------------------------------------------------------------------

def assumptions_markdown(house: House) -> str:
    rows = ["| Assumption | House value | Why |", "|---|---|---|"]
    rows += [f"| {a.name} | {a.value} | {a.why} |" for a in house.assumptions]
    data = yaml.safe_load((ROOT / HOUSE_FILE).read_text(encoding="utf-8"))
    names = ["", "Estimate blocks, the tables of arithmetic in the chapters, take these values by name "
             "(`house.gpu_hour`), so changing one here changes every chapter:", "", "| Name | Value | Assumption |", "|---|---|---|"]
    names += [f"| `house.{q['name']}` | `{q['value']}` | {q['label']} |" for q in data.get("quantities") or []]
    return "\n".join(rows + names)


def clock_markdown(house: House) -> str:
    rows = [f"| Phase | Framework step | {house.loops['45']} design minutes (45-minute loop) | "
            f"{house.loops['60']} design minutes (60-minute loop) |", "|---|---|---|---|"]
    for p in house.phases:
        step = str(p.step) if p.step else "—"
        rows.append(f"| {p.name} | {step} | {span(p, '45')} | {span(p, '60')} |")
    return "\n".join(rows)


def clock_step_markdown(house: House, step: int | None, where: str) -> str:
    phase = next((p for p in house.phases if p.step == step), None)
    if phase is None:
        raise PluginError(f"{where}: `<!-- clock-step -->` on a page whose front matter names no framework step")
    def minutes(loop):
        start, end = phase.minutes[loop]
        return f"**{end - start} of {house.loops[loop]}** design minutes in a {loop}-minute loop (minutes {start} to {end})"
    return f"This step gets {minutes('45')}, and {minutes('60')}, on the [one interview clock](index.md#how-time-splits)."


def clock_phases(house: House, names: str) -> list[Phase] | None:
    """The phases a clock marker names: one ("Model") or a span ("Data and features to Evaluation")."""
    by_name = {p.name.lower(): i for i, p in enumerate(house.phases)}
    first, _, last = names.lower().partition(" to ")
    if first not in by_name or (last and (last not in by_name or by_name[last] < by_name[first])):
        return None
    return house.phases[by_name[first]:by_name[last or first] + 1]


def clock_text(kind: str, phases: list[Phase], house: House) -> str:
    """Minutes for `<!-- clock-minutes: ... -->` or `<!-- clock-length: ... -->`, in both loops."""
    def part(loop):
        start, end = phases[0].minutes[loop][0], phases[-1].minutes[loop][1]
        return f"{start}–{end}" if kind == "minutes" else str(end - start)
    if kind == "minutes":
        return f"{part('45')} of a 45-minute loop, {part('60')} of a 60-minute one"
    return f"{part('45')} design minutes in a 45-minute loop, {part('60')} in a 60-minute one"


def expand_clock_text(text: str, house: House) -> str:
    """`text` with its clock markers written out (each has been checked by clock_text_problems)."""
    return CLOCK_TEXT.sub(lambda m: clock_text(m.group(1), clock_phases(house, m.group(2)), house), text)


def clock_text_problems(source: Source, house: House) -> list[str]:
    out = []
    for number, line in enumerate(source.without_code().split("\n"), 1):
        for m in CLOCK_TEXT.finditer(line):
            if clock_phases(house, m.group(2)) is None:
                out.append(f"{source.path}:{source.line(number)}: '{m.group(0)}' names no phase of the clock "
                           f"(or no span 'First to Last' in order); the phases are "
                           f"{', '.join(p.name for p in house.phases)} ({HOUSE_FILE})")
    return out


def timeline_table(source: Source) -> tuple[int, int, list[list[str]]] | None:
    """The body-line span of the timeline's table (first line, line after it) and its cells."""
    text = source.without_code()
    heading = TIMELINE_HEADING.search(text)
    if not heading:
        return None
    lines = text.split("\n")
    first = text.count("\n", 0, heading.end()) + 1
    while first < len(lines) and not lines[first].lstrip().startswith("|"):
        if lines[first].startswith("## "):
            return None
        first += 1
    end = first
    while end < len(lines) and lines[end].lstrip().startswith("|"):
        end += 1
    return first, end, [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines[first:end]]


def timeline_problems(source: Source, house: House) -> list[str]:
    found = timeline_table(source)
    at = source.path
    if found is None:
        return [f"{at}: '## Interview timeline' must hold a table with the columns "
                f"{' | '.join(TIMELINE_COLUMNS)} (the build adds the minutes from {HOUSE_FILE})"]
    first, _, rows = found
    if rows[0] != TIMELINE_COLUMNS:
        return [f"{at}:{source.line(first + 1)}: the timeline's columns must be exactly "
                f"'{' | '.join(TIMELINE_COLUMNS)}', found '{' | '.join(rows[0])}'"]
    names = [r[0] for r in rows[2:]]
    want = [p.name for p in house.phases]
    if names != want:
        bad = next((i for i, (a, b) in enumerate(zip(names + [""] * 20, want + [""] * 20)) if a != b), 0)
        return [f"{at}:{source.line(first + 3 + bad)}: the timeline's phases must be the clock's, in order "
                f"({', '.join(want)}); row {bad + 1} is '{names[bad] if bad < len(names) else '(missing)'}', "
                f"expected '{want[bad] if bad < len(want) else '(no more rows)'}'"]
    return []


def timeline_markdown(source: Source, house: House) -> str:
    """The page's Markdown with the timeline table given its two minute columns."""
    first, end, rows = timeline_table(source)
    lines = source.body.split("\n")
    out = ["| 45 min | 60 min | " + " | ".join(rows[0]) + " |", "|---|---|" + "---|" * len(rows[0])]
    for phase, row in zip(house.phases, rows[2:]):
        out.append(f"| {span(phase, '45')} | {span(phase, '60')} | " + " | ".join(row) + " |")
    lines[first:end] = out
    return "\n".join(lines)


def deviations(source: Source, house: House) -> list[str]:
    """Lines that state a house assumption with another value and do not name the house value."""
    out = []
    text = source.without_code()
    for number, line in enumerate(text.split("\n"), 1):
        if "house" in line.lower():
            continue
        for a in house.assumptions:
            if not a.pattern:
                continue
            for m in a.pattern.finditer(line):
                stated = next(g for g in m.groups() if g is not None)
                if float(stated) != float(a.expect):
                    out.append(f"{source.path}:{source.line(number)}: states {a.name.lower()} as "
                               f"'{m.group(0)}'; the house value is {a.value} ({HOUSE_FILE}). Use it, or say "
                               f"why this chapter deviates on the same line, naming the house value")
    return out


def problems(source: Source, house: House) -> list[str]:
    out = deviations(source, house) + clock_text_problems(source, house)
    if source.kind == "case-study":
        out += timeline_problems(source, house)
    return out


# Hooks -----------------------------------------------------------------------------------------

def on_files(files, config, **kwargs):
    try:
        house = load_house()
    except (OSError, ValueError, yaml.YAMLError) as e:
        raise PluginError(f"House assumptions: {e}") from None
    errors = []
    for f in files.documentation_pages():
        errors += problems(page_source(f, config), house)
    if errors:
        raise PluginError("House assumptions and interview clock:\n  " + "\n  ".join(errors))
    return files


def on_page_markdown(markdown, page, config, **kwargs):
    house = load_house()
    source = page_source(page.file, config)
    source.body = markdown  # as earlier hooks left it
    if source.kind == "case-study" and timeline_table(source):
        markdown = timeline_markdown(source, house)

    def expand(m):
        if m.group(1) == "house-assumptions":
            return assumptions_markdown(house)
        if m.group(1) == "interview-clock":
            return clock_markdown(house)
        return clock_step_markdown(house, page.meta.get("step"), source.path)
    return expand_clock_text(MARKERS.sub(expand, markdown), house)


def main(paths: list[str]) -> int:
    house = load_house()
    docs = ROOT / "docs"
    files = [Path(p).resolve() for p in paths] or sorted(docs.rglob("*.md"))
    errors = []
    for path in files:
        for file in (sorted(path.rglob("*.md")) if path.is_dir() else [path]):
            uri = file.relative_to(docs).as_posix()
            errors += problems(Source.parse(uri, file.read_text(encoding="utf-8")), house)
    print("\n".join(errors) or "no problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
