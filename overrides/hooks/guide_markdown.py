"""Reading the guide's Markdown: front matter, headings with their anchors, links, page kinds.

Shared by the hooks; not a hook itself. Line numbers are 1-based lines of the source file.
"""
import posixpath
import re
from dataclasses import dataclass, field

import yaml
from markdown.extensions.toc import slugify, unique
from mkdocs.utils.meta import get_data

FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^\1\2[ \t]*$", re.S | re.M)
HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
ATTR_ID = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")

STEPS = {1: "Clarify requirements", 2: "Frame as an ML task", 3: "Data and features", 4: "Model",
         5: "Evaluation", 6: "Deployment and serving", 7: "Monitoring and iteration"}


@dataclass
class Heading:
    level: int
    text: str
    anchor: str
    line: int


@dataclass
class Source:
    """A Markdown page split into front matter and body, with the body's line offset in the file."""
    path: str  # as shown in errors, e.g. docs/framework/evaluation.md
    uri: str  # relative to docs/, e.g. framework/evaluation.md
    meta: dict
    body: str
    offset: int
    _headings: list | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def parse(cls, uri: str, text: str, docs_dir: str = "docs") -> "Source":
        body, meta = get_data(text)
        offset = text.count("\n") - body.count("\n")
        return cls(posixpath.join(docs_dir, uri), uri, meta or {}, body, offset)

    def line(self, body_line: int) -> int:
        return body_line + self.offset

    @property
    def kind(self) -> str:
        folder, _, name = self.uri.rpartition("/")
        if name == "index.md" or name.startswith("_"):
            return "other"
        return {"tradeoffs": "tradeoff", "framework": "step" if "step" in self.meta else "other",
                "case-studies": "case-study", "patterns": "pattern"}.get(folder, "other")

    def without_code(self) -> str:
        """The body with fenced code blocks blanked out, line numbers kept."""
        return FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), self.body)

    def headings(self) -> list[Heading]:
        if self._headings is None:
            self._headings = self._find_headings()
        return self._headings

    def _find_headings(self) -> list[Heading]:
        found, used = [], set()
        text = self.without_code()
        for m in HEADING.finditer(text):
            raw = m.group(2)
            custom = ATTR_ID.search(raw)
            title = ATTR_ID.sub("", raw)
            plain = LINK.sub(r"\1", title).replace("`", "").replace("*", "")
            anchor = custom.group(1) if custom else unique(slugify(plain, "-"), used)
            used.add(anchor)
            found.append(Heading(len(m.group(1)), plain.strip(), anchor, self.line(text.count("\n", 0, m.start()) + 1)))
        return found

    @property
    def title(self) -> str:
        if self.meta.get("title"):
            return str(self.meta["title"])
        h1 = next((h for h in self.headings() if h.level == 1), None)
        return h1.text if h1 else posixpath.splitext(posixpath.basename(self.uri))[0]

    def step_of(self, anchor: str) -> int | None:
        """The framework step a section belongs to: the nearest enclosing heading numbered 'N.',
        else the page's own `step`."""
        headings = self.headings()
        index = next((i for i, h in enumerate(headings) if h.anchor == anchor), None)
        if index is not None:
            level = headings[index].level + 1
            for h in reversed(headings[: index + 1]):
                if h.level < level:
                    level = h.level
                    numbered = re.match(r"(\d)\.\s", h.text)
                    if numbered and int(numbered.group(1)) in STEPS:
                        return int(numbered.group(1))
        step = self.meta.get("step")
        return step if step in STEPS else None


def page_source(file, config) -> Source:
    """The Source of a MkDocs documentation file, its path shown relative to mkdocs.yml."""
    root = posixpath.dirname(config["config_file_path"])
    return Source.parse(file.src_uri, file.content_string, posixpath.relpath(config["docs_dir"], root))


def resolve(from_uri: str, target: str) -> tuple[str, str]:
    """Resolve a link written on page `from_uri` to (page uri, anchor). Empty page: same page."""
    path, _, anchor = target.partition("#")
    if not path:
        return from_uri, anchor
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_uri), path)), anchor


def relative_link(from_uri: str, to_uri: str, anchor: str = "") -> str:
    """A Markdown link target from page `from_uri` to `to_uri#anchor`."""
    path = "" if to_uri == from_uri else posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")
    return path + (f"#{anchor}" if anchor else "")


def rebase_links(markdown: str, from_uri: str, to_uri: str) -> str:
    """Rewrite the relative links of a snippet written on `from_uri` so they work on `to_uri`."""
    def fix(m: re.Match) -> str:
        text, target = m.group(1), m.group(2)
        if re.match(r"^[a-z]+:", target):
            return m.group(0)
        return f"[{text}]({relative_link(to_uri, *resolve(from_uri, target))})"
    return LINK.sub(fix, markdown)


class LineLoader(yaml.SafeLoader):
    """A YAML loader that records each mapping's 1-based line as `__line__`, for errors in data files."""
    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def load_entries(path, shown: str, noun: str) -> tuple[list, list[str]]:
    """The list of entries in a YAML data file, each mapping with its `__line__`, and the problems
    that stop reading it at all (not YAML, not a list) as `file:line: problem`."""
    try:
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=LineLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        return [], [f"{shown}:{mark.line + 1 if mark else 1}: not valid YAML: {getattr(e, 'problem', e)}"]
    if not isinstance(entries, list):
        return [], [f"{shown}:1: must be a list of {noun}"]
    return entries, []


def page_anchors(docs, uri: str, cache: dict) -> set | None:
    """The heading anchors of the page `uri` under the folder `docs`, or None if it does not exist."""
    if uri not in cache:
        path = docs / uri
        cache[uri] = {h.anchor for h in Source.parse(uri, path.read_text(encoding="utf-8")).headings()} \
            if path.is_file() else None
    return cache[uri]


def link_problem(docs, target: str, cache: dict, hint: str = "") -> str | None:
    """What is wrong with a link written relative to docs/ (a page it names that does not exist, then
    `hint`; or an anchor that page lacks), or None."""
    uri, anchor = resolve("index.md", target)
    found = page_anchors(docs, uri, cache)
    if found is None:
        return f"link '{target}' names no page in docs/{hint}"
    if anchor and anchor not in found:
        return f"link '{target}': no heading with anchor '#{anchor}' in docs/{uri}"
    return None
