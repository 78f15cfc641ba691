"""Each abbreviation is marked up (dotted underline, tooltip with its expansion) at its first use
in each H2 section, not at every use.

Each one is also marked `data-preview`, which Material's script passes over when it sets up a tooltip
for every element with a title: abbreviations.js draws the tooltip of the one a reader points at,
with Material's look, from one listener. Set up one by one, the 174 of the longest case study took
0.16 s of a phone's main thread as the page opened.

includes/abbreviations.md is appended to every page, so Python-Markdown's abbr extension wraps every
occurrence: 260 to 410 `<abbr>` elements on a long page, and Material sets up a tooltip for each one
as the page opens, which took 0.3 s of a phone's main thread on the trade-off index. Once a section
is a reader's unit (they land on one from search or the contents), once per section is enough.

The definitions are appended here, one per paragraph. Appended as the file's single block of 318
lines, they made Python-Markdown try every block parser on the rest of the block once per definition
it took off, on every page: 13 of a 21 s build.
"""
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

DEFINITIONS = Path(__file__).resolve().parents[2] / "includes" / "abbreviations.md"
DEFINITION = re.compile(r"^\*\[[^\]]+\]:.*$", re.M)

ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')
SECTION_START = re.compile(r"(?=<h2[ >])")


def first_use_only(section: str) -> str:
    seen = set()

    def mark_first(match: re.Match) -> str:
        term = match.group(1)
        if term in seen:
            return term
        seen.add(term)
        return match.group(0).replace("<abbr ", "<abbr data-preview ", 1)

    return ABBR.sub(mark_first, section)


def repeated(text: str) -> list[str]:
    """Each abbreviation defined a second time, as `file:line: ...` (the abbr extension would keep
    whichever came last, silently)."""
    first, out = {}, []
    for number, line in enumerate(text.splitlines(), 1):
        if m := re.match(r"^\*\[([^\]]+)\]:", line):
            if m.group(1) in first:
                out.append(f"includes/abbreviations.md:{number}: '{m.group(1)}' is already defined at line {first[m.group(1)]}")
            first.setdefault(m.group(1), number)
    return out


def definitions() -> str:
    """Every definition in includes/abbreviations.md, each a paragraph of its own."""
    text = DEFINITIONS.read_text(encoding="utf-8")
    if problems := repeated(text):
        raise PluginError("abbreviations defined twice:\n  " + "\n  ".join(problems))
    return "\n\n".join(DEFINITION.findall(text))


_definitions = None


def on_config(config, **kwargs):
    global _definitions
    _definitions = definitions()


def on_page_markdown(markdown, **kwargs):
    return markdown.rstrip("\n") + "\n\n" + _definitions + "\n"


def on_page_content(html, **kwargs):
    return "".join(first_use_only(section) for section in SECTION_START.split(html))
