"""House style for diagrams: the same colours for the same kinds of thing on every page.

Authors tag flowchart nodes with `:::user`, `:::model`, `:::online`, `:::offline`, `:::queue` or
`:::human` (CONTRIBUTING.md); this hook appends the matching `classDef` lines to each flowchart, so
no page defines its own. Translucent fills with mid-tone strokes read on both palettes.

It also keeps diagram source out of the search index: arrows and class names are noise in results.
"""
import html
import re

HOUSE_CLASSES = {
    "default": "fill:#78909c1f,stroke:#78909c,stroke-width:1px",  # services, jobs, steps: neutral
    "user": "fill:#8e24aa26,stroke:#8e24aa,stroke-width:1.5px",
    "model": "fill:#1e88e526,stroke:#1e88e5,stroke-width:1.5px",
    "online": "fill:#43a04726,stroke:#43a047,stroke-width:1.5px",
    "offline": "fill:#8d6e6326,stroke:#8d6e63,stroke-width:1.5px",
    "queue": "fill:#fb8c0026,stroke:#fb8c00,stroke-width:1.5px",
    "human": "fill:#e5393526,stroke:#e53935,stroke-width:1.5px",
}

MERMAID_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})mermaid[^\n]*\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
                           re.S | re.M)
USES_CLASS = re.compile(r":::(\w+)|^\s*class\s+[^\n]*?\s(\w+)\s*;?\s*$", re.M)
FLOWCHART = re.compile(r"^\s*(?:flowchart|graph)\b")
XYCHART = re.compile(r"^\s*xychart(?:-beta)?\b")
# Mermaid's default bar and line colour is a pale lavender that vanishes on white paper and on the
# dark palette; mid-tone series colours read on both and in greyscale print.
XYCHART_COLOURS = '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#5c6bc0, #ef6c00, #2e7d32, #8e24aa"}}}}%%'


def with_house_styles(source: str) -> str:
    """Return a diagram's source in the house style: a flowchart with the classDefs of the house
    classes it uses appended, an xychart with the house series colours."""
    first = next((line for line in source.splitlines() if line.strip() and not line.strip().startswith("%%")), "")
    if XYCHART.match(first) and "plotColorPalette" not in source:
        return XYCHART_COLOURS + "\n" + source
    if not FLOWCHART.match(first):
        return source
    used = ({a or b for a, b in USES_CLASS.findall(source)} | {"default"}) & HOUSE_CLASSES.keys()
    lines = [f"  classDef {name} {HOUSE_CLASSES[name]}" for name in sorted(used)]
    return source.rstrip("\n") + "\n" + "\n".join(lines) + "\n"


def _dedent(body: str, indent: str) -> str:
    return "".join(line[len(indent):] if line.startswith(indent) else line for line in body.splitlines(keepends=True))


def mermaid_blocks(markdown: str):
    """Yield (line number of the fence, diagram source) for each Mermaid fence, nested ones included."""
    for m in MERMAID_FENCE.finditer(markdown):
        yield markdown.count("\n", 0, m.start()) + 1, _dedent(m.group("body"), m.group("indent"))


def _style_fence(m: re.Match) -> str:
    # mermaid2's fence writes the source into the page unescaped, so HTML in a label (`<br/>`, `<b>`)
    # would become markup and never reach Mermaid: escape it here, and the page's text is the source.
    indent, body = m.group("indent"), m.group("body")
    plain = _dedent(body, indent)
    styled = "".join(indent + html.escape(line, quote=False) if line.strip() else line
                     for line in with_house_styles(plain).splitlines(keepends=True))
    return m.group(0).replace(body, styled, 1)


def on_page_markdown(markdown, **kwargs):
    return MERMAID_FENCE.sub(_style_fence, markdown)


MERMAID_PRE = re.compile(r'<pre\s+class="mermaid">')


def on_page_content(html, **kwargs):
    return MERMAID_PRE.sub('<pre class="mermaid" data-search-exclude>', html)
