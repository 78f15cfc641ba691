"""The trade-off ledgers, read from every page and turned into the trade-off index.

Every `## Trade-off ledger` table (`Decision | Trade-off | Choice | Why`) is parsed once per build.
A row whose Trade-off cell links no catalog page, or an unknown one, and any malformed table, fail
the build with the file, the line and what is wrong. From the rows the build writes:

- on each catalog page (`tradeoffs/<slug>.md`), its synonyms under the title and a generated
  "Where it shows up" section listing every decision that uses it;
- on `tradeoffs/index.md`, at `<!-- ledger-index -->`, every trade-off with its count;
- on `tradeoffs/decisions/index.md`, at `<!-- ledger-decisions -->`, the full, filterable list of decisions
  (its own page: 280 rows made the index slow to open on a phone);
- on `tradeoffs/matrix/index.md`, at `<!-- ledger-matrix -->`, chapters × trade-offs.
"""
import difflib
import posixpath
import re
from dataclasses import dataclass, field

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from estimates import plain
from guide_markdown import LINK, STEPS, Source, page_source, rebase_links, relative_link, resolve
from ledger_filter import CHAPTER, STEP, TRADE_OFF, filter_box

COLUMNS = ["Decision", "Trade-off", "Choice", "Why"]
CATALOG_DIR = "tradeoffs"
LEDGER_HEADING = re.compile(r"^##[ \t]+Trade-off ledger[ \t]*$", re.M)
DELIMITER = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


@dataclass
class TradeOff:
    slug: str
    title: str
    description: str
    synonyms: list[str]
    symptoms: list[str]  # how the trade-off sounds before anyone names it
    uri: str


@dataclass
class Decision:
    uri: str  # the chapter that makes it
    chapter: str
    kind: str
    line: int
    decision: str
    anchor: str
    tradeoffs: list[str]
    choice: str
    why: str
    step: int | None = None


@dataclass
class Ledger:
    catalog: dict[str, TradeOff] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)

    def using(self, slug: str) -> list[Decision]:
        return [d for d in self.decisions if slug in d.tradeoffs]


LEDGER = Ledger()


def phrases(meta: dict, key: str) -> list[str]:
    values = meta.get(key) or []
    return [str(v) for v in values] if isinstance(values, list) else []


def catalog_entry(source: Source) -> TradeOff:
    slug = posixpath.splitext(posixpath.basename(source.uri))[0]
    return TradeOff(slug, source.title, str(source.meta.get("description", "")),
                    phrases(source.meta, "synonyms"), phrases(source.meta, "symptoms"), source.uri)


def split_row(line: str) -> list[str]:
    """The cells of a Markdown table row; `\\|` is a literal bar."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", inner)]


def parse_ledger(source: Source, catalog: dict[str, TradeOff]) -> tuple[list[Decision], list[str]]:
    """The decisions in a page's ledger, and every problem found, each as `file:line: problem`."""
    text = source.without_code()
    heading = LEDGER_HEADING.search(text)
    if not heading:
        return [], []
    lines = text[heading.end():].split("\n")[1:]
    first = source.line(text.count("\n", 0, heading.end()) + 2)  # file line of lines[0]
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    where = f"{source.path}:{source.line(text.count(chr(10), 0, heading.start()) + 1)}"
    if start is None or not lines[start].lstrip().startswith("|"):
        return [], [f"{where}: '## Trade-off ledger' must be followed by a table with the columns "
                    f"{' | '.join(COLUMNS)}"]
    table = []
    for i in range(start, len(lines)):
        if not lines[i].lstrip().startswith("|"):
            break
        table.append((first + i, lines[i]))
    (header_line, header), rest = table[0], table[1:]
    if split_row(header) != COLUMNS:
        return [], [f"{source.path}:{header_line}: ledger columns must be exactly "
                    f"'{' | '.join(COLUMNS)}', found '{' | '.join(split_row(header))}'"]
    if not rest or not DELIMITER.match(rest[0][1]):
        return [], [f"{source.path}:{header_line + 1}: malformed ledger table: the header must be followed "
                    f"by a delimiter row such as '|---|---|---|---|'"]
    if len(rest) == 1:
        return [], [f"{source.path}:{header_line}: the ledger has no rows"]
    decisions, errors = [], []
    for line_no, line in rest[1:]:
        cells = split_row(line)
        at = f"{source.path}:{line_no}"
        if len(cells) != len(COLUMNS):
            errors.append(f"{at}: ledger row has {len(cells)} cells, expected {len(COLUMNS)} "
                          f"({' | '.join(COLUMNS)})")
            continue
        empty = [name for name, cell in zip(COLUMNS, cells) if not cell]
        if empty:
            errors.append(f"{at}: ledger row has an empty {' and '.join(empty)} cell")
            continue
        decision, tradeoff_cell, choice, why = cells
        slugs, row_errors = catalog_links(source.uri, tradeoff_cell, catalog)
        errors += [f"{at}: {e}" for e in row_errors]
        if row_errors:
            continue
        links = LINK.findall(decision)
        anchor = next((resolve(source.uri, target)[1] for _, target in links
                       if resolve(source.uri, target)[0] == source.uri), "") or "trade-off-ledger"
        decisions.append(Decision(source.uri, source.title, source.kind, line_no, LINK.sub(r"\1", decision),
                                  anchor, slugs, choice, why, source.step_of(anchor)))
    return decisions, errors


def catalog_links(uri: str, cell: str, catalog: dict[str, TradeOff]) -> tuple[list[str], list[str]]:
    """The catalog slugs a Trade-off cell links to, and what is wrong with the cell."""
    slugs, errors = [], []
    for text, target in LINK.findall(cell):
        page, _ = resolve(uri, target)
        folder, _, name = page.rpartition("/")
        if folder != CATALOG_DIR:
            continue
        slug = posixpath.splitext(name)[0]
        if slug in catalog:
            slugs.append(slug)
        else:
            close = difflib.get_close_matches(slug, catalog, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            errors.append(f"the Trade-off cell links '{target}', which is not a catalog page{hint}")
    if not slugs and not errors:
        errors.append(f"the Trade-off cell '{cell}' links no catalog page; link one, e.g. "
                      f"[Memory vs latency](../tradeoffs/memory-vs-latency.md)")
    return list(dict.fromkeys(slugs)), errors


def read_ledgers(sources: list[Source]) -> tuple[Ledger, list[str]]:
    """The catalog and every decision of the site, and every ledger problem found."""
    ledger = Ledger()
    for source in sources:
        if source.kind == "tradeoff":
            entry = catalog_entry(source)
            ledger.catalog[entry.slug] = entry
    errors = []
    for source in sources:
        source.body = plain(source)  # `{{ name }}` quotes as the values they stand for
        decisions, problems = parse_ledger(source, ledger.catalog)
        ledger.decisions += decisions
        errors += problems
    ledger.decisions.sort(key=lambda d: (d.step or 9, d.kind != "step", d.chapter, d.line))
    return ledger, errors


def on_files(files: Files, config, **kwargs):
    global LEDGER
    LEDGER, errors = read_ledgers([page_source(f, config) for f in files.documentation_pages()])
    if errors:
        raise PluginError("Trade-off ledger errors:\n  " + "\n  ".join(errors))
    return files


# Generated Markdown ----------------------------------------------------------------------------

def step_label(step: int | None) -> str:
    return f"{step}. {STEPS[step]}" if step else "Across steps"


def cell(markdown: str) -> str:
    return markdown.replace("|", "\\|").replace("\n", " ")


def decision_link(d: Decision, on_uri: str) -> str:
    return f"[{cell(d.decision)}]({relative_link(on_uri, d.uri, d.anchor)})"


def tradeoff_links(slugs: list[str], on_uri: str) -> str:
    return ", ".join(f"[{LEDGER.catalog[s].title}]({relative_link(on_uri, LEDGER.catalog[s].uri)})" for s in slugs)


def where_it_shows_up(entry: TradeOff) -> str:
    rows = LEDGER.using(entry.slug)
    out = ["## Where it shows up", ""]
    if not rows:
        return "\n".join(out + ["No chapter records a decision on this trade-off yet.", ""])
    many = len(rows) != 1
    out += [f"{len(rows)} decision{'s' if many else ''} in the guide turn{'' if many else 's'} on this trade-off. "
            f"Each links to the section that argues it.", "",
            "| Chapter | Step | Decision | Choice |", "|---|---|---|---|"]
    for d in rows:
        chapter = f"[{d.chapter}]({relative_link(entry.uri, d.uri)})"
        out.append(f"| {chapter} | {step_label(d.step)} | {decision_link(d, entry.uri)} | "
                   f"{cell(rebase_links(d.choice, d.uri, entry.uri))} |")
    return "\n".join(out + [""])


def index_markdown(uri: str) -> str:
    catalog = sorted(LEDGER.catalog.values(), key=lambda t: (-len(LEDGER.using(t.slug)), t.title))
    out = ["## Trade-offs by how often they decide", "",
           f"{len(LEDGER.catalog)} trade-offs, {len(LEDGER.decisions)} recorded decisions.", "",
           "| Trade-off | Decisions | The tension |", "|---|---:|---|"]
    out += [f"| [{t.title}]({relative_link(uri, t.uri)}) | {len(LEDGER.using(t.slug))} | {cell(t.description)} |"
            for t in catalog]
    return "\n".join(out + [""])


def decisions_markdown(uri: str) -> str:
    """Every decision, one section and table per framework step (the page opens on the first
    section instead of laying out 280 rows, and the contents list the steps)."""
    out = [filter_box([TRADE_OFF, STEP, CHAPTER], "decisions", "e.g. IVF-PQ", len(LEDGER.decisions)), ""]
    for step in sorted({d.step for d in LEDGER.decisions}, key=lambda s: s or 9):
        out += [f"## {step_label(step)}", "", "| Decision | Chapter | Trade-off | Choice | Why |", "|---|---|---|---|---|"]
        for d in (d for d in LEDGER.decisions if d.step == step):
            out.append(f"| {decision_link(d, uri)} | [{cell(d.chapter)}]({relative_link(uri, d.uri)}) | "
                       f"{tradeoff_links(d.tradeoffs, uri)} | {cell(rebase_links(d.choice, d.uri, uri))} | "
                       f"{cell(rebase_links(d.why, d.uri, uri))} |")
        out.append("")
    return "\n".join(out)


MATRIX_COLUMNS = 8


def matrix_markdown(uri: str) -> str:
    out = []
    for kind, heading in (("step", "Framework chapters"), ("case-study", "Case studies")):
        chapters = list(dict.fromkeys((d.uri, d.chapter) for d in LEDGER.decisions if d.kind == kind))
        out += [f"## {heading}", ""]
        if not chapters:
            out += [f"No {heading.lower()} record decisions yet.", ""]
            continue
        out += ["Each cell counts the decisions a chapter makes on a trade-off and links to its ledger.", ""]
        # At most MATRIX_COLUMNS chapters a table, so a table fits a phone's scroll and a printed page.
        for start in range(0, len(chapters), MATRIX_COLUMNS):
            part = chapters[start:start + MATRIX_COLUMNS]
            out += ["| Trade-off | " + " | ".join(f"[{cell(t)}]({relative_link(uri, u)})" for u, t in part) + " |",
                    "|---|" + "---:|" * len(part)]
            for t in sorted(LEDGER.catalog.values(), key=lambda t: t.title):
                counts = [sum(1 for d in LEDGER.using(t.slug) if d.uri == u) for u, _ in part]
                if any(counts):
                    cells = [f"[{n}]({relative_link(uri, u, 'trade-off-ledger')})" if n else "" for n, (u, _) in
                             zip(counts, part)]
                    out.append(f"| [{t.title}]({relative_link(uri, t.uri)}) | " + " | ".join(cells) + " |")
            out.append("")
    return "\n".join(out)


def on_page_markdown(markdown, page, **kwargs):
    uri = page.file.src_uri
    if uri == "tradeoffs/index.md":
        return markdown.replace("<!-- ledger-index -->", index_markdown(uri))
    if uri == "tradeoffs/decisions/index.md":
        return markdown.replace("<!-- ledger-decisions -->", decisions_markdown(uri))
    if uri == "tradeoffs/matrix/index.md":
        return markdown.replace("<!-- ledger-matrix -->", matrix_markdown(uri))
    slug = posixpath.splitext(posixpath.basename(uri))[0]
    entry = LEDGER.catalog.get(slug) if posixpath.dirname(uri) == CATALOG_DIR else None
    if entry is None:
        return markdown
    # The synonyms readers type, and the everyday words the trade-off comes up in, are part of the
    # page's opening text, so search finds the page by them. Not as Material `tags`: those weigh a
    # million times the text and made every section of the page outrank the pages that answer the query.
    opening = [f"*{label}* " + " · ".join(values) for label, values in
               (("Also searched as:", entry.synonyms), ("Heard as:", entry.symptoms)) if values]
    if opening:
        markdown = re.sub(r"^(# .+)$", lambda m: m.group(1) + "\n\n" + "\n\n".join(opening) + "\n",
                          markdown, count=1, flags=re.M)
    return markdown.rstrip() + "\n\n" + where_it_shows_up(entry)
