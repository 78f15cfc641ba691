"""Estimate blocks: back-of-the-envelope arithmetic that the build computes and a reader can change.

A fenced block ```estimate declares named inputs and formulas (the language: estimate_language.py;
the syntax: CONTRIBUTING.md). The build evaluates every block of a page, with the house
assumptions of data/house.yml as `house.<name>`, and writes each block as a table: quantity, value,
and the arithmetic written out. In the page's text, `{{ name }}` quotes a value where it is stated
(`{{ name -> GB }}` in another unit) and `{{? condition }}` shows whether a ledger's condition
holds. docs/assets/javascripts/estimates.js lets the reader edit the inputs and recomputes the page.

Any problem (an unknown name, a cycle, units that do not match, a division by zero, a malformed
row) fails the build with the file and line.
"""
import functools
import html
import json
import posixpath
import re
import sys
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from estimate_language import (EstimateError, Quantity, arithmetic, evaluate, literal, literal_text,  # noqa: E402
                               parse, parse_block, parse_unit, show, shown_values, evaluate_rows, with_unit)
from guide_markdown import FENCE, Source, page_source  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent.parent
HOUSE_FILE = ROOT / "data" / "house.yml"
QUOTE = re.compile(r"\{\{(\?)?\s*(.+?)\s*\}\}")
INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.S)


def html_text(value: str) -> str:
    """HTML text of a shown value; `$` as an entity, or arithmatex reads two amounts on a line as math."""
    return html.escape(value).replace("$", "&#36;")


class HouseValue:
    def __init__(self, name: str, text: str, label: str, assumption: str):
        self.name, self.label, self.assumption = name, label, assumption
        node = parse(text)
        if node.kind != "number":
            raise EstimateError(f"house value '{name}' must be a number with its unit, like 3[$/h]")
        self.node, self.quantity = node, literal(node)
        self.text = with_unit(literal_text(node.text), node.unit)


@functools.cache
def house_values(path: Path = HOUSE_FILE) -> dict:
    """`quantities` of data/house.yml: name -> HouseValue."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    values = {}
    for i, entry in enumerate(data.get("quantities") or []):
        try:
            values[entry["name"]] = HouseValue(entry["name"], str(entry["value"]), entry["label"], entry["assumption"])
        except (KeyError, TypeError, EstimateError) as e:
            raise PluginError(f"{path.relative_to(ROOT)}: quantities entry {i + 1}: {e}") from None
    return values


def code_spans(markdown: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in FENCE.finditer(markdown)]
    return spans + [m.span() for m in INLINE_CODE.finditer(markdown) if not any(a <= m.start() < b for a, b in spans)]


class Page:
    """Every estimate of one page: its blocks, their rows evaluated, and how each value reads."""

    def __init__(self, markdown: str, path: str, offset: int = 0, uri: str = ""):
        self.path, self.offset, self.markdown = path, offset, markdown
        self.numbers = posixpath.relpath("reference/numbers.md", posixpath.dirname(uri) or ".")
        try:
            self.blocks = Page.find_blocks(markdown, self.line_at)
        except EstimateError as e:
            raise self.error(e) from None
        self.rows = [row for _, block in self.blocks for row in block.rows]
        self.house = house_values()
        try:
            self.values, _ = evaluate_rows(self.rows, {k: v.quantity for k, v in self.house.items()})
        except EstimateError as e:
            raise self.error(e) from None
        self.shown = shown_values(self.rows, self.values)
        for row in self.rows:
            if row.house:
                node = self.house[row.house].node
                self.shown[row.name] = with_unit(literal_text(node.text), node.unit, row.words)
        self.by_name = {row.name: row for row in self.rows}

    @staticmethod
    def find_blocks(markdown: str, line_at=lambda position: 0) -> list:
        """(span in markdown, Block) of every ```estimate fence."""
        blocks = []
        for m in FENCE.finditer(markdown):
            if m.group(0).split("\n", 1)[0].strip().lstrip("`~").strip().split(" ")[0] != "estimate":
                continue
            body = m.group(0).split("\n", 1)[1].rsplit("\n", 1)[0]
            blocks.append((m.span(), parse_block(body, line_at(m.start()) + 1)))
        return blocks

    def line_at(self, position: int) -> int:
        return self.offset + self.markdown.count("\n", 0, position) + 1

    def error(self, e: EstimateError) -> PluginError:
        return PluginError(f"{self.path}:{getattr(e, 'line', '?')}: estimate: {e}")

    # Writing -----------------------------------------------------------------------------------

    def table(self, block) -> str:
        rows = []
        for row in block.rows:
            value = f'<span data-est="{row.name}">{html_text(self.shown[row.name])}</span>'
            if row.is_input:
                value = self.field(row) + value.replace("<span ", '<span class="estimate-shown" ', 1)
                how = (f"house assumption ([numbers]({self.numbers}#house-assumptions))" if row.house else row.source)
                kind = "estimate-input"
            else:
                how = f'<span data-est-arithmetic="{row.name}">{html_text(arithmetic(row.node, self.shown))}</span>'
                kind = "estimate-result"
            rows.append(f'| <span class="{kind}" id="est-{row.name}">{html.escape(row.label)}</span> | {value} | {how} |')
        caption = f"<p class=\"estimate-title\"><strong>{html.escape(block.title)}</strong></p>\n\n" if block.title else ""
        # The reset button and its status line, written here with the inputs so that the page is laid
        # out once in its final shape; estimates.js wires them, and without it they are hidden.
        bar = ('<p class="estimate-bar" data-search-exclude=""><button type="button" class="md-button">'
               "Reset to the chapter's values</button> <span role=\"status\"></span></p>")
        return (f'<div class="estimate" markdown>\n\n{caption}| Quantity | Value | Arithmetic or source |\n'
                f'|---|---|---|\n' + "\n".join(rows) + f"\n\n{bar}\n\n</div>")

    def input_text(self, row) -> tuple[str, str]:
        """An input row's value as the chapter writes it, and its unit."""
        node = self.house[row.house].node if row.house else row.node
        return node.text, node.unit

    def field(self, row) -> str:
        """The text field a reader edits an input in, with its unit after it."""
        text, unit = self.input_text(row)
        label = row.label + (f", in {unit}" if unit else "")
        shown_unit = " ".join(part for part in (unit, row.words) if part)
        field = (f'<input type="text" inputmode="decimal" autocomplete="off" value="{html.escape(text)}" '
                 f'size="{max(4, len(text) + 1)}" data-est="{row.name}" aria-label="{html_text(label)}">')
        return field + (f'<span class="estimate-unit" data-unit="{html_text(shown_unit)}"></span>' if shown_unit else "")

    def quote(self, m: re.Match) -> str:
        condition, text = m.group(1), m.group(2)
        try:
            if condition:
                node = parse(text)
                holds = evaluate(node, self.env(node))
                if not isinstance(holds, bool):
                    raise EstimateError(f"'{text}' is not a comparison")
                return (f'<span class="estimate-condition" data-est-condition="{html.escape(text)}" '
                        f'data-holds="{str(holds).lower()}">{html_text(arithmetic(node, self.shown))}: '
                        f'<span data-est-verdict>{"holds" if holds else "does not hold"}</span></span>')
            name, _, shown_as = (part.strip() for part in text.partition("->"))
            if name not in self.by_name:
                raise EstimateError(f"unknown name '{name}' quoted")
            if not shown_as:
                return f'<span data-est="{name}">{html_text(self.shown[name])}</span>'
            unit, _, words = shown_as.partition('"')
            unit, words = unit.strip(), words.rstrip('"').strip()
            parse_unit(unit)
            shown = show(self.values[name], unit, words)
            return (f'<span data-est="{name}" data-est-unit="{html.escape(unit)}" data-est-words="{html.escape(words)}">'
                    f'{html_text(shown)}</span>')
        except EstimateError as e:
            e.line = self.line_at(m.start())
            raise self.error(e) from None

    def env(self, node) -> dict:
        names = node.names()
        unknown = sorted(n for n in names if n not in self.values)
        if unknown:
            raise EstimateError(f"unknown name '{unknown[0]}' in a condition")
        return {n: self.values[n] for n in names}

    def data(self) -> str:
        """What estimates.js needs to recompute the page."""
        rows = []
        for r in self.rows:
            text, unit = self.input_text(r) if r.is_input else (None, None)
            rows.append({"name": r.name, "expr": r.expr, "unit": r.unit, "words": r.words, "label": r.label,
                         "input": r.is_input, "house": r.house, "inputUnit": unit, "inputText": text})
        return json.dumps(rows, ensure_ascii=False)

    def quotes(self) -> str:
        """The page's Markdown with every quote filled in (lines unchanged)."""
        skip = code_spans(self.markdown)
        pieces, last = [], 0
        for m in QUOTE.finditer(self.markdown):
            if any(a <= m.start() < b for a, b in skip):
                continue
            pieces += [self.markdown[last:m.start()], self.quote(m)]
            last = m.end()
        return "".join(pieces) + self.markdown[last:]

    def render(self) -> str:
        """The page's Markdown with every quote filled in and every block as a table."""
        markdown = self.quotes()
        out, last = [], 0
        for (start, end), block in Page.find_blocks(markdown):
            out += [markdown[last:start], self.table(block)]
            last = end
        markdown = "".join(out) + markdown[last:]
        if self.rows:
            # An attribute, not a <script>: instant navigation re-runs a page's scripts and drops their type.
            markdown += f'\n\n<div class="estimate-data" hidden data-rows="{html.escape(self.data())}"></div>\n'
        return markdown


def plain(source: Source) -> str:
    """The page's body with quotes replaced by their values as text, lines unchanged (for the
    trade-off index, which copies ledger rows onto other pages)."""
    if "{{" not in source.body:
        return source.body
    return re.sub(r"<[^>]+>", "", Page(source.body, source.path, source.offset, source.uri).quotes())


def on_page_markdown(markdown, page, config, **kwargs):
    if "```estimate" not in markdown and "{{" not in markdown:
        return markdown
    source = page_source(page.file, config)
    return Page(markdown, source.path, source.offset, source.uri).render()


def main(paths: list[str]) -> int:
    """`python overrides/hooks/estimates.py docs/<page>.md ...`: each page's estimates as text, or its
    first problem with file and line, without a build."""
    failed = 0
    for path in paths:
        file = Path(path).resolve()
        source = Source.parse(file.relative_to(ROOT / "docs").as_posix(), file.read_text(encoding="utf-8"))
        try:
            rendered = Page(source.body, source.path, source.offset, source.uri).render()
        except PluginError as e:
            print(e)
            failed = 1
            continue
        for line in rendered.split('\n\n<div class="estimate-data"')[0].splitlines():
            if "data-est" in line:
                print(html.unescape(re.sub(r"<[^>]+>", "", line)))
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
