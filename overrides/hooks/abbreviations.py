"""Each abbreviation is marked up (dotted underline, tooltip with its expansion) at its first use
in each H2 section, not at every use.

includes/abbreviations.md is appended to every page, so Python-Markdown's abbr extension wraps every
occurrence: 260 to 410 `<abbr>` elements on a long page, and Material sets up a tooltip for each one
as the page opens, which took 0.3 s of a phone's main thread on the trade-off index. Once a section
is a reader's unit (they land on one from search or the contents), once per section is enough.
"""
import re

ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')
SECTION_START = re.compile(r"(?=<h2[ >])")


def first_use_only(section: str) -> str:
    seen = set()

    def mark_first(match: re.Match) -> str:
        term = match.group(1)
        if term in seen:
            return term
        seen.add(term)
        return match.group(0)

    return ABBR.sub(mark_first, section)


def on_page_content(html, **kwargs):
    return "".join(first_use_only(section) for section in SECTION_START.split(html))
