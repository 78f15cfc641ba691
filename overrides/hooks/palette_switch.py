"""Material's palette stylesheet turns every transition off while the palette switches, with one rule
over every element of the page: `[data-md-color-switching] *`. Material's script puts that attribute
on <body> as every page starts and takes it off a moment later, although nothing switches: two
restyles of the whole page on every load. On the heaviest case study that was 45 of the 125 ms the
main thread spent on style over a load, before Lighthouse's 4x CPU slowdown. The build removes the
rule; switching the palette then fades the header's and links' colours over Material's own transition
times (0.25 s at most) instead of cutting to them.
"""
import re
from pathlib import Path

SWITCHING = re.compile(r"\[data-md-color-switching\][^{}]*\{[^}]*\}")


def without_switching_rule(css: str) -> str:
    return SWITCHING.sub("", css)


def on_post_build(config, **kwargs):
    for sheet in (Path(config["site_dir"]) / "assets" / "stylesheets").glob("palette.*.css"):
        sheet.write_text(without_switching_rule(sheet.read_text(encoding="utf-8")), encoding="utf-8")
