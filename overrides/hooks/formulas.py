"""Formulas typeset when the site is built: every formula pymdownx.arithmatex marks becomes KaTeX's
HTML in its page, so a reader's browser runs no KaTeX; it only needs KaTeX's stylesheet and fonts,
which the site serves (docs/assets/vendor/katex/).

arithmatex (generic mode) writes `<span class="arithmatex">\\(tex\\)</span>` for `$tex$` and
`<div class="arithmatex">\\[tex\\]</div>` for `$$tex$$`. The hook notes each page's formulas as it is
read, typesets all of them at once in one `node` process (formulas.mjs, with the KaTeX that
package-lock.json pins) before the pages are written, and puts KaTeX's HTML inside each wrapper as
the page is written. The search index is made in between, so it holds each formula's TeX, as an
author wrote it, not KaTeX's markup (whose MathML would repeat every formula two more times).

A formula KaTeX cannot parse, or prose that two prices made a formula ("$40 a month ($12 more)"),
fails the build with its file, its line (approximately: the first line of the page's Markdown that
holds its TeX) and the message. Typeset formulas are kept in .cache/formulas.json, so a build whose
formulas are all known starts no `node` (about 0.5 s of a build).
"""
import hashlib
import html
import json
import os
import re
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
TYPESETTER = Path(__file__).with_name("formulas.mjs")
KATEX = ROOT / "node_modules" / "katex" / "package.json"
CACHE = ROOT / ".cache" / "formulas.json"
FORMULA = re.compile(r'<(span|div) class="arithmatex">(?:\\\(|\\\[)(.*?)(?:\\\)|\\\])</\1>', re.S)
# Prose that two prices made a formula, as in "costs $40 a month ($12 more)" (KaTeX would set "40 a
# month (" as one italic run of letters): outside TeX commands, two words side by side, or a number
# and then a word.
COMMAND = re.compile(r"\\[A-Za-z]+(?:\{[^{}]*\})?")
PROSE = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}|^\s*\d[\d,.]*\W*\s+[A-Za-z]")
PROSE_MESSAGE = ("this is prose between two dollar signs, not a formula: write an amount's dollar sign as "
                 "&#36; (&#36;40 a month)")


def find_formulas(page_html: str) -> list[tuple[str, bool]]:
    """Each formula of a page's HTML as (TeX, display)."""
    return [(html.unescape(m.group(2)), m.group(1) == "div") for m in FORMULA.finditer(page_html)]


def _key(formula: tuple[str, bool]) -> str:
    return ("display:" if formula[1] else "inline:") + formula[0]


def _run_katex(formulas: list[tuple[str, bool]]) -> list[dict]:
    if not formulas:
        return []
    try:
        result = subprocess.run(["node", str(TYPESETTER)], input=json.dumps(formulas), capture_output=True,
                                text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        raise PluginError(f"Could not typeset formulas with {TYPESETTER.name} (is `npm ci` done?): "
                          f"{getattr(e, 'stderr', '') or e}")
    return json.loads(result.stdout)


def typeset(found: list[tuple[str, bool]]) -> tuple[dict, dict]:
    """KaTeX's HTML for each distinct (TeX, display), and the message for each that cannot be typeset."""
    distinct = list(dict.fromkeys(found))
    errors = {f: PROSE_MESSAGE for f in distinct if PROSE.search(COMMAND.sub(" ", f[0]))}
    renderer = hashlib.sha256(TYPESETTER.read_bytes() + KATEX.read_bytes()).hexdigest() if KATEX.is_file() else ""
    try:
        cache = json.loads(CACHE.read_text(encoding="utf-8"))
        cache = cache["formulas"] if cache["renderer"] == renderer else {}
    except (OSError, ValueError, KeyError, TypeError):
        cache = {}
    todo = [f for f in distinct if f not in errors and _key(f) not in cache]
    for formula, out in zip(todo, _run_katex(todo)):
        if "error" in out:
            errors[formula] = out["error"]
        else:
            cache[_key(formula)] = out["html"]
    if todo:
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_text(json.dumps({"renderer": renderer, "formulas": cache}), encoding="utf-8")
    return {f: cache[_key(f)] for f in distinct if f not in errors}, errors


def line_of(tex: str, markdown: str) -> int:
    """The first line of the Markdown holding the formula's first line of TeX; 1 if none does."""
    first = next((line.strip() for line in tex.splitlines() if line.strip()), tex)
    at = markdown.find(first)
    return markdown.count("\n", 0, at) + 1 if at >= 0 else 1


def with_typeset(page_html: str, typeset_: dict) -> str:
    """The page with each formula's TeX replaced by KaTeX's HTML."""
    def put(match: re.Match) -> str:
        tag = match.group(1)
        return f'<{tag} class="arithmatex">{typeset_[(html.unescape(match.group(2)), tag == "div")]}</{tag}>'
    return FORMULA.sub(put, page_html)


def errors_message(errors: dict, where: dict) -> str:
    return "Formulas that cannot be typeset:\n  " + "\n  ".join(
        f"{place}: {message}" for formula, message in errors.items() for place in where[formula])


# The hook.
_where = {}  # (TeX, display) -> ["file:line", ...]
_typeset = {}


def on_config(config, **kwargs):
    _where.clear()
    _typeset.clear()


def on_page_content(html_, page, config, **kwargs):
    docs = os.path.relpath(config["docs_dir"], os.path.dirname(config["config_file_path"]))
    for formula in find_formulas(html_):
        _where.setdefault(formula, []).append(
            f"{os.path.join(docs, page.file.src_uri)}:{line_of(formula[0], page.file.content_string)}")
    return html_


def on_env(env, config, **kwargs):
    typeset_, errors = typeset(list(_where))
    if errors:
        raise PluginError(errors_message(errors, _where))
    _typeset.update(typeset_)
    return env


def on_post_page(output, **kwargs):
    return with_typeset(output, _typeset)
