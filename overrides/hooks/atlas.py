"""The prompt atlas: interview prompts the guide has no chapter for, each mapped to its closest
patterns and case studies and to what differs from them. One source of truth in data/atlas/<family>.yml,
one page per family at docs/atlas/<family>.md (its title and introduction; `<!-- atlas:prompts -->`
marks where the entries go), and a filterable list of every prompt at `<!-- atlas:index -->`.

Each YAML file is a list of prompts:

    - id: pool-rider-matching                # unique across all files, lowercase words joined by '-'
      title: Pool-rider matching             # the entry's heading
      prompt: Design the matching for a shared ride where two riders split one car.
      patterns: [matching-and-allocation]    # docs/patterns/<slug>.md, closest first
      case_studies: [delivery-eta]           # docs/case-studies/<slug>.md, closest first
      differs:                               # 3 to 6 decisions that differ from the closest case
        - decision: How long to hold a request before matching
          tradeoff: throughput-vs-latency    # a catalog page (or a list of them)
          choice: Batch for 10 to 30 s
          decided_by: each second of wait ... (the number or condition that tips it)
      questions: [..., ..., ...]             # the first three questions to ask
      estimate: The one estimate to make, with its arithmetic (Markdown).

Pattern pages list the prompts that use them (after their `## Where it appears`), and case studies
the prompts that build on them (before their `## Pitfalls`). A bad entry fails the build with the
file, the line and what is wrong.
"""
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from guide_markdown import link_problem, load_entries, Source, page_anchors, relative_link, resolve
from ledger_filter import FAMILY, PATTERN, filter_box

ATLAS_DIR = "data/atlas"
FIELDS = ["id", "title", "prompt", "patterns", "case_studies", "differs", "questions", "estimate"]
DIFFERS_FIELDS = ["decision", "tradeoff", "choice", "decided_by"]
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MARKER = re.compile(r"<!--\s*atlas:(prompts|index)\s*-->")
LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")


@dataclass
class Difference:
    decision: str
    tradeoffs: list
    choice: str
    decided_by: str


@dataclass
class Prompt:
    id: str
    family: str  # the data file's stem, which is also its page's
    title: str
    prompt: str
    patterns: list
    case_studies: list
    differs: list
    questions: list
    estimate: str
    where: str  # file:line


def _slugs(value) -> list:
    return [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []


def check_entry(entry: dict, docs: Path, anchors: dict) -> list[str]:
    """What is wrong with one entry, each as a phrase."""
    problems = [f"missing '{f}'" for f in FIELDS if not entry.get(f)]
    problems += [f"unknown field '{f}'" for f in sorted(set(entry) - set(FIELDS))]
    problems += [f"'{f}' must be text (YAML read it as {type(entry[f]).__name__}: quote it)"
                 for f in ("id", "title", "prompt", "estimate") if f in entry and not isinstance(entry[f], str)]
    if entry.get("id") and not ID.match(str(entry["id"])):
        problems.append("id must be lowercase words joined by '-'")
    for field, folder in (("patterns", "patterns"), ("case_studies", "case-studies")):
        value = entry.get(field)
        if value and not isinstance(value, list):
            problems.append(f"{field} must be a list of slugs")
            continue
        for slug in value or []:
            if page_anchors(docs, f"{folder}/{slug}.md", anchors) is None:
                problems.append(f"{field}: '{slug}' names no page docs/{folder}/{slug}.md")
    differs = entry.get("differs") or []
    if not isinstance(differs, list) or not 3 <= len(differs) <= 6:
        problems.append("differs must list 3 to 6 decisions")
        differs = differs if isinstance(differs, list) else []
    for n, d in enumerate(differs, 1):
        if not isinstance(d, dict):
            problems.append(f"differs item {n} must be a mapping with {', '.join(DIFFERS_FIELDS)}")
            continue
        item = f"differs item {n} (line {d.pop('__line__', '?')})"
        problems += [f"{item}: missing '{f}'" for f in DIFFERS_FIELDS if not d.get(f)]
        problems += [f"{item}: unknown field '{f}'" for f in sorted(set(d) - set(DIFFERS_FIELDS))]
        problems += [f"{item}: '{f}' must be text (YAML read it as {type(d[f]).__name__}: quote it)"
                     for f in ("decision", "choice", "decided_by") if f in d and not isinstance(d[f], str)]
        for slug in _slugs(d.get("tradeoff")):
            if page_anchors(docs, f"tradeoffs/{slug}.md", anchors) is None:
                problems.append(f"{item}: trade-off '{slug}' names no catalog page docs/tradeoffs/{slug}.md")
    questions = entry.get("questions")
    if questions and (not isinstance(questions, list) or len(questions) != 3):
        problems.append("questions must list exactly 3 questions")
    elif questions and not all(isinstance(q, str) for q in questions):
        problems.append("every question must be text (a question with ': ' in it needs quotes)")
    text = yaml.safe_dump({k: v for k, v in entry.items() if k != "__line__"})
    for target in LINK_TARGET.findall(text):
        if re.match(r"^[a-z]+:", target):
            continue
        if problem := link_problem(docs, target, anchors, hint=" (write links relative to docs/)"):
            problems.append(problem)
    return problems


def load_prompts(root: Path, docs: Path) -> tuple[list[Prompt], list[str]]:
    """Every prompt of data/atlas/*.yml, and every problem found as `file:line: problem`."""
    prompts, errors, seen, anchors = [], [], {}, {}
    data_files = sorted((root / ATLAS_DIR).glob("*.yml"))
    pages = {p.stem for p in (docs / "atlas").glob("*.md") if p.stem != "index"}
    for stem in sorted(pages - {p.stem for p in data_files}):
        errors.append(f"docs/atlas/{stem}.md:1: a family page needs its prompts in {ATLAS_DIR}/{stem}.yml")
    for path in data_files:
        shown = str(path.relative_to(root))
        if path.stem not in pages:
            errors.append(f"{shown}:1: a family needs its page docs/atlas/{path.stem}.md (title, introduction, "
                          "`<!-- atlas:prompts -->`)")
        entries, problems = load_entries(path, shown, "prompts")
        errors += problems
        for entry in entries:
            if not isinstance(entry, dict):
                errors.append(f"{shown}: every item must be a mapping with the fields {', '.join(FIELDS)}")
                continue
            where = f"{shown}:{entry.pop('__line__')}"
            problems = check_entry(entry, docs, anchors)
            pid = str(entry.get("id", ""))
            if pid in seen:
                problems.append(f"id already used at {seen[pid]}")
            seen.setdefault(pid, where)
            if problems:
                errors += [f"{where}: prompt '{pid or '?'}': {p}" for p in problems]
                continue
            prompts.append(Prompt(
                pid, path.stem, str(entry["title"]).strip(), str(entry["prompt"]).strip(), entry["patterns"],
                entry["case_studies"],
                [Difference(str(d["decision"]).strip(), _slugs(d["tradeoff"]), str(d["choice"]).strip(),
                            str(d["decided_by"]).strip()) for d in entry["differs"]],
                [str(q).strip() for q in entry["questions"]], str(entry["estimate"]).strip(), where))
    return prompts, errors


# Rendering ---------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _title(docs: Path, uri: str) -> str:
    return Source.parse(uri, (docs / uri).read_text(encoding="utf-8")).title


def _links(folder: str, slugs: list, page_uri: str, docs: Path) -> str:
    return " · ".join(f"[{_title(docs, f'{folder}/{s}.md')}]({relative_link(page_uri, f'{folder}/{s}.md')})"
                      for s in slugs)


def _rebased(text: str, page_uri: str) -> str:
    """Links written relative to docs/, made relative to the page they appear on."""
    def fix(m):
        target = m.group(1)
        return m.group(0) if re.match(r"^[a-z]+:|^#", target) else f"]({relative_link(page_uri, *resolve('index.md', target))})"
    return LINK_TARGET.sub(fix, text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def entry_markdown(p: Prompt, page_uri: str, docs: Path) -> str:
    out = [f"## {p.title} {{#{p.id}}}", "", f"> {_one_line(_rebased(p.prompt, page_uri))}", "",
           f"**Closest patterns:** {_links('patterns', p.patterns, page_uri, docs)}  ",
           f"**Closest case studies:** {_links('case-studies', p.case_studies, page_uri, docs)}", "",
           "**What differs from the closest case**", ""]
    for d in p.differs:
        out.append(f"- **{_one_line(_rebased(d.decision, page_uri))}:** {_one_line(_rebased(d.choice, page_uri))}. "
                   f"*Decided by* {_one_line(_rebased(d.decided_by, page_uri))} "
                   f"({_links('tradeoffs', d.tradeoffs, page_uri, docs)})")
    out += ["", "**Ask first**", ""] + [f"{n}. {_one_line(_rebased(q, page_uri))}" for n, q in enumerate(p.questions, 1)]
    out += ["", f"**The one estimate.** {_rebased(p.estimate, page_uri)}", ""]
    return "\n".join(out)


def family_markdown(prompts: list[Prompt], family: str, page_uri: str, docs: Path) -> str:
    return "\n".join(entry_markdown(p, page_uri, docs) for p in prompts if p.family == family)


def index_markdown(prompts: list[Prompt], page_uri: str, docs: Path, order: list[str]) -> str:
    """One table per family in the order of `order` (the nav's), filterable by family, pattern and
    text. Excluded from search: the entries themselves are what a search should find."""
    out = [filter_box([FAMILY, PATTERN], "prompts", "e.g. churn", len(prompts)), "", '<div data-search-exclude markdown>', ""]
    families = dict.fromkeys(p.family for p in prompts)
    for family in sorted(families, key=lambda f: order.index(f) if f in order else len(order)):
        uri = f"atlas/{family}.md"
        chosen = [p for p in prompts if p.family == family]
        out += [f"## {_title(docs, uri)}", "", f"{len(chosen)} of the atlas's prompts, on [the family page]({relative_link(page_uri, uri)}).", "",
                "| Prompt | Patterns | Closest case studies |", "|---|---|---|"]
        out += [f"| [{p.title}]({relative_link(page_uri, uri, p.id)}): {_one_line(p.prompt).replace('|', '&#124;')} | "
                f"{_links('patterns', p.patterns, page_uri, docs)} | {_links('case-studies', p.case_studies, page_uri, docs)} |"
                for p in chosen]
        out.append("")
    return "\n".join(out + ["</div>", ""])


def using_list(prompts: list[Prompt], page_uri: str, lead: str) -> str:
    if not prompts:
        return ""
    items = ", ".join(f"[{p.title}]({relative_link(page_uri, f'atlas/{p.family}.md', p.id)})" for p in prompts)
    return f"{lead} {items}.\n\n"


def insert_before_heading(markdown: str, heading: str, text: str) -> str:
    m = re.search(rf"^## {re.escape(heading)}[ \t]*$", markdown, re.M)
    return markdown if not m or not text else markdown[:m.start()] + text + markdown[m.start():]


def _nav_families(nav) -> list[str]:
    """The atlas family pages' names in the order the nav lists them."""
    if isinstance(nav, str):
        return [nav[len("atlas/"):-len(".md")]] if nav.startswith("atlas/") else []
    items = nav.values() if isinstance(nav, dict) else nav or []
    return [name for item in items for name in _nav_families(item)]


# MkDocs hooks ------------------------------------------------------------------------------------

_prompts: list[Prompt] = []


def on_config(config):
    global _prompts
    _title.cache_clear()  # `mkdocs serve` rebuilds after edits
    prompts, errors = load_prompts(Path(config["config_file_path"]).parent, Path(config["docs_dir"]))
    if errors:
        raise PluginError("prompt atlas:\n" + "\n".join(errors))
    _prompts = prompts
    return config


def on_page_markdown(markdown, page, config, **kwargs):
    docs = Path(config["docs_dir"])
    uri = page.file.src_uri
    folder, _, name = uri.rpartition("/")
    slug = name.removesuffix(".md")
    if folder == "patterns":
        using = [p for p in _prompts if slug in p.patterns]
        return insert_before_heading(markdown, "Small data and startups",
                                     using_list(using, uri, "**Atlas prompts with this shape:**"))
    if folder == "case-studies":
        using = [p for p in _prompts if slug in p.case_studies]
        return insert_before_heading(markdown, "Pitfalls",
                                     using_list(using, uri, "**Prompts in the [atlas](../atlas/index.md) that build on this case:**"))
    if folder != "atlas":
        return markdown
    return MARKER.sub(lambda m: index_markdown(_prompts, uri, docs, _nav_families(config["nav"])) if m.group(1) == "index"
                      else family_markdown(_prompts, slug, uri, docs), markdown)


if __name__ == "__main__":  # python overrides/hooks/atlas.py: check the atlas without a build
    here = Path(__file__).resolve().parents[2]
    found, problems = load_prompts(here, here / "docs")
    print("\n".join(problems) or f"{len(found)} prompts in {len({p.family for p in found})} families, no problems")
    raise SystemExit(1 if problems else 0)
