"""Every table is put in Material's scrolling box when the site is built, not as the page starts.

Material's script wraps each bare table of a page (`table:not([class])`) in
`<div class="md-typeset__scrollwrap"><div class="md-typeset__table">` as the page starts. Each wrap
takes the table out of the article and puts it back, and the browser then restyles and lays out the
whole article again: on the chat-serving case study (29 tables), 0.2 s of a phone's main thread on
every load, and every table's margins shift once the script has run. Here each bare table gets the
same box in the built page and the class `prewrapped`, which Material's script passes over; Material's
table styles, written for `table:not([class])`, are extended to it in Material's stylesheet.
"""
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

TABLE_TAG = re.compile(r"<table\b[^>]*>|</table>")
OPEN_BOX = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="prewrapped">'
BARE = "table:not([class])"
BARE_OR_PREWRAPPED = "table:is(:not([class]),.prewrapped)"


def prewrapped(html: str) -> str:
    """Each `<table>` without attributes boxed; a table with attributes (Pygments' line numbers) left
    as it is, and tables inside tables matched to their own closing tags."""
    bare, out, at = [], [], 0
    for tag in TABLE_TAG.finditer(html):
        out.append(html[at:tag.start()])
        at = tag.end()
        if tag.group() == "</table>":
            out.append("</table></div></div>" if bare and bare.pop() else "</table>")
        else:
            bare.append(tag.group() == "<table>")
            out.append(OPEN_BOX if bare[-1] else tag.group())
    out.append(html[at:])
    return "".join(out)


def with_prewrapped_tables(css: str) -> str:
    return css.replace(BARE, BARE_OR_PREWRAPPED)


def on_post_page(output, **kwargs):
    return prewrapped(output)


def on_post_build(config, **kwargs):
    sheets = list((Path(config["site_dir"]) / "assets" / "stylesheets").glob("main.*.css"))
    for sheet in sheets:
        css = sheet.read_text(encoding="utf-8")
        if BARE not in css:
            raise PluginError(f"{sheet}: Material's table styles no longer name {BARE}; "
                               f"overrides/hooks/tables.py must extend them to prewrapped tables another way")
        sheet.write_text(with_prewrapped_tables(css), encoding="utf-8")
