"""The practice questions: one source of truth in data/questions/*.yml, turned at build time into the
question-bank pages, the flashcards page and an Anki deck.

Each YAML file is a list of questions:

    - id: pr-auc-for-rare-harms          # unique across all files, lowercase words joined by '-'
      question: Why report PR-AUC rather than ROC-AUC for a 0.1% positive class?
      answer: |                          # Markdown; links are relative to docs/
        ...
      step: 5                            # framework step 1-7
      difficulty: medium                 # easy | medium | hard
      links: [framework/evaluation.md#roc-auc-pr-auc-and-the-operating-point]   # where the guide teaches it
      case_study: harmful-content-detection   # optional: docs/case-studies/<slug>.md
      tradeoff: precision-vs-recall           # optional: docs/tradeoffs/<slug>.md
      rubric:                                 # what a strong answer must contain: 2-5 short points
        - Names PR-AUC, or precision at a fixed recall, as the metric
        - ROC-AUC counts true negatives, which swamp a 0.1% class

Every question has a rubric (RUBRIC_REQUIRED makes a missing one an error). A rubric point is plain text (inline Markdown such as `code` is fine, links are not), at most
RUBRIC_POINT_CHARS characters. The question pages show the rubric under the model answer, the
flashcards and the answer-first boxes (answer-first.js) turn it into boxes the reader ticks, and the
Anki deck shows it on the back of the card.

A page marks where generated content goes with `<!-- practice:by-step -->`,
`<!-- practice:by-case-study -->`, `<!-- practice:flashcards -->` or `<!-- practice:weak-spots -->`
(the reader's weak spots, filled in the browser from what they answered). A bad entry fails the
build with the file, the line and what is wrong.
"""
import functools
import html
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import markdown as markdown_lib
import yaml
from mkdocs.exceptions import PluginError

from guide_markdown import STEPS, load_entries, link_problem, Source, page_anchors, rebase_links, relative_link, resolve

QUESTIONS_DIR = "data/questions"
DECK = "practice/ml-system-design-field-guide.apkg"
FIELDS = {"id", "question", "answer", "step", "difficulty", "links", "case_study", "tradeoff", "rubric"}
REQUIRED = ["id", "question", "answer", "step", "difficulty", "links"]
DIFFICULTIES = ["easy", "medium", "hard"]
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MARKER = re.compile(r"<!--\s*practice:(by-step|by-case-study|flashcards|weak-spots)\s*-->")
# Every question has its rubric: a question without one fails the build like one without an answer.
RUBRIC_REQUIRED = True
RUBRIC_POINTS = (2, 5)
RUBRIC_POINT_CHARS = 120
RUBRIC_TITLE = "What a strong answer covers:"
STEP_PAGES = {1: "clarify-requirements", 2: "frame-the-problem", 3: "data-and-features", 4: "model-development",
              5: "evaluation", 6: "deployment-and-serving", 7: "monitoring-and-iteration"}


@dataclass
class Question:
    id: str
    question: str
    answer: str
    step: int
    difficulty: str
    links: list
    case_study: str | None
    tradeoff: str | None
    where: str  # file:line
    rubric: list = None  # the points a strong answer must contain; empty while rubrics are optional


def load_questions(root: Path, docs: Path) -> tuple[list[Question], list[str]]:
    """Every question of data/questions/*.yml, and every problem found as `file:line: problem`."""
    questions, errors, seen, anchors = [], [], {}, {}
    for path in sorted((root / QUESTIONS_DIR).glob("*.yml")):
        shown = str(path.relative_to(root))
        entries, problems = load_entries(path, shown, "questions")
        errors += problems
        for entry in entries:
            if not isinstance(entry, dict):
                errors.append(f"{shown}: every item must be a mapping with the fields {', '.join(REQUIRED)}")
                continue
            where = f"{shown}:{entry.pop('__line__')}"
            label = f"question '{entry.get('id', '?')}'"
            problems = [f"missing '{f}'" for f in REQUIRED if not entry.get(f)]
            problems += [f"unknown field '{f}'" for f in sorted(set(entry) - FIELDS)]
            qid = str(entry.get("id", ""))
            if qid and not ID.match(qid):
                problems.append("id must be lowercase words joined by '-'")
            if qid in seen:
                problems.append(f"id already used at {seen[qid]}")
            seen.setdefault(qid, where)
            if entry.get("step") and entry["step"] not in STEPS:
                problems.append(f"step must be 1 to 7, not {entry['step']!r}")
            problems += rubric_problems(entry)
            if entry.get("difficulty") and entry["difficulty"] not in DIFFICULTIES:
                problems.append(f"difficulty must be one of {', '.join(DIFFICULTIES)}")
            for field, folder in (("case_study", "case-studies"), ("tradeoff", "tradeoffs")):
                if entry.get(field) and page_anchors(docs, f"{folder}/{entry[field]}.md", anchors) is None:
                    problems.append(f"{field} '{entry[field]}' names no page docs/{folder}/{entry[field]}.md")
            links = entry.get("links") or []
            if not isinstance(links, list):
                problems.append("links must be a list")
                links = []
            answer_links = re.findall(r"\]\(([^)\s]+)\)", str(entry.get("answer", "")))
            for target in [*links, *(t for t in answer_links if not re.match(r"^[a-z]+:", t))]:
                if problem := link_problem(docs, str(target), anchors):
                    problems.append(problem)
            if problems:
                errors += [f"{where}: {label}: {p}" for p in problems]
                continue
            questions.append(Question(qid, str(entry["question"]).strip(), str(entry["answer"]).strip(),
                                      entry["step"], entry["difficulty"], links, entry.get("case_study"),
                                      entry.get("tradeoff"), where, [str(p).strip() for p in entry.get("rubric") or []]))
    return questions, errors


def rubric_problems(entry: dict) -> list[str]:
    """What is wrong with an entry's `rubric:`: a list of 2 to 5 short, non-empty strings."""
    if "rubric" not in entry:
        return ["missing 'rubric'"] if RUBRIC_REQUIRED else []
    rubric = entry["rubric"]
    low, high = RUBRIC_POINTS
    if not isinstance(rubric, list):
        kind = {"str": "text", "dict": "a mapping"}.get(type(rubric).__name__, type(rubric).__name__)
        return [f"rubric must be a list of {low} to {high} points, not {kind}"]
    problems = []
    if not low <= len(rubric) <= high:
        problems.append(f"rubric must have {low} to {high} points, not {len(rubric)}")
    for n, point in enumerate(rubric, 1):
        if isinstance(point, dict):  # `- Names X: Y` is YAML for a mapping
            problems.append(f"rubric point {n} must be text, not a mapping: put a point with ': ' in quotes")
        elif not isinstance(point, str) or not point.strip():
            problems.append(f"rubric point {n} must be non-empty text")
        elif len(point.strip()) > RUBRIC_POINT_CHARS:
            problems.append(f"rubric point {n} is {len(point.strip())} characters, over the {RUBRIC_POINT_CHARS} allowed")
        elif re.search(r"\]\(|<a\s|\n", point.strip()):
            problems.append(f"rubric point {n} must be one line of plain text, without links")
    return problems


@functools.lru_cache(maxsize=None)
def _source(docs: Path, uri: str) -> Source:
    return Source.parse(uri, (docs / uri).read_text(encoding="utf-8"))


def _title(uri: str, anchor: str, docs: Path) -> str:
    source = _source(docs, uri)
    heading = next((h.text for h in source.headings() if h.anchor == anchor), None)
    return f"{source.title} › {heading}" if heading and heading != source.title else source.title


def question_markdown(q: Question, page_uri: str, docs: Path, case_titles: dict) -> str:
    title = q.question.replace('"', "“", 1).replace('"', "”", 1).replace('"', "'")
    answer = rebase_links(q.answer, "index.md", page_uri)
    # Learn-it links carry the class `learn`, and the line carries the question's id, step and
    # trade-off: answer-first.js reads them to file what the reader missed under the right step.
    learn = ", ".join(f"[{_title(*resolve('index.md', t), docs)}]({relative_link(page_uri, *resolve('index.md', t))}){{ .learn }}"
                      for t in q.links)
    tags = [f"step {q.step}", q.difficulty]
    if q.case_study:
        tags.append(f"[{case_titles[q.case_study]}]({relative_link(page_uri, f'case-studies/{q.case_study}.md')})")
    if q.tradeoff:
        tags.append(f"[{q.tradeoff.replace('-', ' ')}]({relative_link(page_uri, f'tradeoffs/{q.tradeoff}.md')})")
    data = f'data-question="{q.id}" data-step="{q.step}" data-step-name="{STEPS[q.step]}"'
    if q.tradeoff:
        data += f' data-tradeoff="{q.tradeoff}"'
    rubric = ""
    if q.rubric:
        rubric = f"*{RUBRIC_TITLE}*\n{{ .rubric }}\n\n" + "\n".join(f"- {point}" for point in q.rubric) + "\n\n"
    body = f"{answer}\n\n{rubric}*Learn it:* {learn} · {' · '.join(tags)}\n{{ .practice-question {data} }}"
    indented = "\n".join("    " + line if line.strip() else "" for line in body.splitlines())
    return f'??? question "{title}"\n{indented}\n'


def _case_titles(docs: Path) -> dict:
    return {p.stem: _source(docs, f"case-studies/{p.name}").title
            for p in sorted((docs / "case-studies").glob("*.md")) if not p.name.startswith("_") and p.stem != "index"}


def by_step(questions: list[Question], page_uri: str, docs: Path) -> str:
    titles = _case_titles(docs)
    parts = []
    for step in STEPS:
        name = re.sub(r"^\d\.\s*", "", _source(docs, f"framework/{STEP_PAGES[step]}.md").title)
        chosen = sorted((q for q in questions if q.step == step), key=lambda q: DIFFICULTIES.index(q.difficulty))
        parts.append(f"## {step}. {name}\n\n{len(chosen)} questions, easiest first. The chapter: "
                     f"[{name}]({relative_link(page_uri, f'framework/{STEP_PAGES[step]}.md')}).\n")
        parts += [question_markdown(q, page_uri, docs, titles) for q in chosen]
    return "\n".join(parts)


def by_case_study(questions: list[Question], page_uri: str, docs: Path, nav_order: list[str]) -> str:
    titles = _case_titles(docs)
    parts = []
    for slug in [s for s in nav_order if s in titles] + sorted(set(titles) - set(nav_order)):
        chosen = sorted((q for q in questions if q.case_study == slug), key=lambda q: (q.step, q.id))
        if not chosen:
            continue
        parts.append(f"## {titles[slug]}\n\n{len(chosen)} questions in the order of the seven steps. The case "
                     f"study: [{titles[slug]}]({relative_link(page_uri, f'case-studies/{slug}.md')}).\n")
        parts += [question_markdown(q, page_uri, docs, titles) for q in chosen]
    return "\n".join(parts)


def _page_url(target: str, base: str, directory_urls: bool = True) -> str:
    """The URL of a docs-relative link target (`framework/evaluation.md#x`) under `base`: a path to
    the site root from the flashcards page, or the hosted site for the deck. Outside links stay.
    Without directory URLs (the offline download) a page is its .html file."""
    if re.match(r"^[a-z]+:", target):
        return target
    uri, anchor = resolve("index.md", target)
    stem = uri.removesuffix(".md")
    if not directory_urls:
        url = stem + ".html"
    else:
        url = "" if stem == "index" else stem.removesuffix("index") if stem.endswith("/index") else stem + "/"
    return base + url + (f"#{anchor}" if anchor else "")


def _html(markdown_text: str, base: str, directory_urls: bool = True) -> str:
    """Markdown to HTML for a flashcard or an Anki card, its links made URLs under `base`."""
    text = re.sub(r"\]\(([^)\s]+)\)", lambda m: f"]({_page_url(m.group(1), base, directory_urls)})", markdown_text)
    return markdown_lib.markdown(text, extensions=["tables", "sane_lists"])


def _inline_html(text: str) -> str:
    """One line of Markdown (a rubric point) as HTML without its paragraph."""
    return re.sub(r"^<p>(.*)</p>$", r"\1", markdown_lib.markdown(text), flags=re.S)


# The cards of each flashcards page, written beside it as a script (on_post_build): {site path: script}.
_card_scripts: dict[str, str] = {}


def flashcards(questions: list[Question], page_uri: str, docs: Path, directory_urls: bool, dest_uri: str) -> str:
    titles = _case_titles(docs)
    # Served as practice/flashcards/ (index.html), or as practice/flashcards.html without directory URLs.
    base = "../" * (page_uri.count("/") + directory_urls)
    cards = [{
        "id": q.id, "q": html.escape(q.question), "a": _html(q.answer, base, directory_urls),
        "learn": [{"title": _title(*resolve("index.md", t), docs), "href": _page_url(t, base, directory_urls)}
                  for t in q.links],
        "step": q.step, "stepName": STEPS[q.step], "difficulty": q.difficulty,
        "case": q.case_study or "", "caseName": titles.get(q.case_study, ""),
        "tradeoff": q.tradeoff or "", "tradeoffName": (q.tradeoff or "").replace("-", " "),
        "tradeoffHref": _page_url(f"tradeoffs/{q.tradeoff}.md", base, directory_urls) if q.tradeoff else "",
        "rubric": [_inline_html(point) for point in q.rubric],
    } for q in questions]
    # The cards (a megabyte) are a script of their own that sets a global, which flashcards.js loads
    # once the page is parsed, so the page paints without waiting for them. A script, not JSON to
    # fetch: the offline download is opened from disk, where a page cannot fetch. ASCII (json's
    # escapes), so it reads the same whatever encoding a host declares for it.
    script = posixpath.splitext(dest_uri)[0] + "-cards.js"
    _card_scripts[script] = f"window.fieldGuideFlashcards = {json.dumps(cards)};\n"
    cases = sorted({(c["case"], c["caseName"]) for c in cards if c["case"]}, key=lambda c: c[1])
    options = lambda pairs: "".join(f'<option value="{html.escape(str(v))}">{html.escape(t)}</option>' for v, t in pairs)
    grades = "".join(
        f'<button type="button" class="md-button" data-action="grade" data-grade="{n}" aria-keyshortcuts="{n}">'
        f'{name} <span class="flashcards__when"></span></button>'
        for n, name in enumerate(["Again", "Hard", "Good", "Easy"], 1))
    return f"""<div class="flashcards" data-flashcards="{html.escape(posixpath.basename(script))}" markdown="0">
<form class="flashcards__filters" aria-label="Choose cards">
<label>Step <select name="step"><option value="">All steps</option>{options((s, f"{s}. {n}") for s, n in STEPS.items())}</select></label>
<label>Case study <select name="case"><option value="">All case studies</option>{options(cases)}</select></label>
<label>Difficulty <select name="difficulty"><option value="">Any difficulty</option>{options((d, d) for d in DIFFICULTIES)}</select></label>
</form>
<p class="flashcards__status" role="status" aria-live="polite">Loading {len(cards)} cards…</p>
<section class="flashcards__card" aria-label="Flashcard" tabindex="-1">
<p class="flashcards__meta"></p>
<h2 class="flashcards__question"></h2>
<div class="flashcards__attempt">
<label for="flashcards-attempt">Your answer, before you look</label>
<textarea id="flashcards-attempt" rows="4" aria-keyshortcuts="a" aria-describedby="flashcards-attempt-hint"></textarea>
<p class="flashcards__hint" id="flashcards-attempt-hint">Type it, or dictate with your phone keyboard's microphone. It stays on this device.</p>
</div>
<div class="flashcards__answer" hidden></div>
</section>
<div class="flashcards__controls">
<button type="button" class="md-button md-button--primary" data-action="flip" aria-keyshortcuts="Space" aria-expanded="false">Show answer</button>
<div class="flashcards__grades" role="group" aria-label="Grade your answer" hidden>{grades}</div>
<button type="button" class="md-button" data-action="skip" aria-keyshortcuts="ArrowRight">Skip</button>
<button type="button" class="md-button" data-action="undo" aria-keyshortcuts="u">Undo</button>
</div>
<div class="flashcards__tools">
<label>New cards a day <input type="number" name="newPerDay" min="0" max="9999" step="1" inputmode="numeric"></label>
<button type="button" class="md-button" data-action="shuffle" aria-keyshortcuts="s">Shuffle new cards</button>
<button type="button" class="md-button" data-action="export" aria-keyshortcuts="e">Export progress</button>
<button type="button" class="md-button" data-action="import" aria-keyshortcuts="i">Import progress</button>
<input type="file" class="flashcards__file" accept=".json,application/json" aria-label="Progress file to import" hidden>
<button type="button" class="md-button" data-action="reset">Reset progress</button>
</div>
<p class="flashcards__message" role="status" aria-live="polite"></p>
<p class="flashcards__keys">Keys. Answer: <kbd>a</kbd> write, <kbd>Ctrl</kbd>+<kbd>Enter</kbd> (in the box) or <kbd>Space</kbd> show the answer, <kbd>Esc</kbd> leave the box. Grade: <kbd>1</kbd> Again, <kbd>2</kbd> Hard, <kbd>3</kbd> Good, <kbd>4</kbd> Easy; <kbd>Shift</kbd>+<kbd>1</kbd> to <kbd>5</kbd> tick a rubric point. Move: <kbd>→</kbd> skip, <kbd>u</kbd> undo, <kbd>s</kbd> shuffle new cards. Progress: <kbd>e</kbd> export, <kbd>i</kbd> import.</p>
</div>"""


def weak_spots(page_uri: str, docs: Path, directory_urls: bool = True) -> str:
    """The box the reader's weak spots go in (answer-first.js fills it from local storage), with each
    framework chapter's title and address, so a step links its chapter."""
    base = "../" * (page_uri.count("/") + directory_urls)
    steps = {s: {"name": f"{s}. {n}", "href": _page_url(f"framework/{STEP_PAGES[s]}.md", base, directory_urls)}
             for s, n in STEPS.items()}
    data = html.escape(json.dumps(steps, ensure_ascii=False))
    return (f'<div class="weak-spots" data-weak-spots="{data}" markdown="0">\n'
            '<p class="weak-spots__empty">Nothing answered yet on this device. Write an answer to a flashcard, '
            'or to a question on any page, reveal the model answer and tick what you covered: what you '
            'missed is gathered here by step and trade-off, with the sections to reread.</p>\n</div>')


def deck_bytes(questions: list[Question], site_url: str, docs: Path) -> bytes:
    """An Anki package of every question, tagged by step, difficulty, case study and trade-off."""
    import tempfile

    import genanki
    model = genanki.Model(
        1607392319, "ML System Design Field Guide card",
        fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Learn"}],
        templates=[{"name": "Card", "qfmt": "{{Question}}",
                    "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}<p class=learn>{{Learn}}</p>"}],
        css=".card{font-family:sans-serif;font-size:18px;text-align:left;color:#111;background:#fff}"
            ".learn{font-size:14px;color:#555}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px}")
    deck = genanki.Deck(2059400110, "ML System Design Field Guide")
    base = site_url if site_url.endswith("/") else site_url + "/"
    for q in questions:
        learn = " · ".join(f'<a href="{_page_url(t, base)}">{html.escape(_title(*resolve("index.md", t), docs))}</a>'
                           for t in q.links)
        tags = [f"step-{q.step}", q.difficulty] + ([f"case::{q.case_study}"] if q.case_study else []) + \
               ([f"tradeoff::{q.tradeoff}"] if q.tradeoff else [])
        answer = _html(q.answer, base)
        if q.rubric:
            answer += (f'<p class=rubric><b>{RUBRIC_TITLE}</b></p><ul class=rubric>'
                       + "".join(f"<li>{_inline_html(p)}</li>" for p in q.rubric) + "</ul>")
        deck.add_note(genanki.Note(model=model, fields=[html.escape(q.question), answer, learn],
                                   tags=tags, guid=genanki.guid_for(q.id)))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "deck.apkg"
        genanki.Package(deck).write_to_file(str(path))
        return path.read_bytes()


# MkDocs hooks ----------------------------------------------------------------------------------

_questions: list[Question] = []


def _root(config) -> Path:
    return Path(config["config_file_path"]).parent


def on_config(config):
    global _questions
    _source.cache_clear()  # `mkdocs serve` rebuilds after edits
    _card_scripts.clear()
    questions, errors = load_questions(_root(config), Path(config["docs_dir"]))
    if errors:
        raise PluginError("practice questions:\n" + "\n".join(errors))
    _questions = questions
    return config


def _nav_case_studies(config) -> list[str]:
    found = []

    def walk(items):
        for item in items or []:
            if isinstance(item, str):
                if item.startswith("case-studies/"):
                    found.append(posixpath.splitext(posixpath.basename(item))[0])
            elif isinstance(item, dict):
                for value in item.values():
                    walk([value] if isinstance(value, str) else value)
    walk(config["nav"])
    return found


def on_page_markdown(markdown, page, config, **kwargs):
    if "practice:" not in markdown:
        return markdown
    docs = Path(config["docs_dir"])
    uri = page.file.src_uri

    def generate(m):
        kind = m.group(1)
        if kind == "by-step":
            return by_step(_questions, uri, docs)
        if kind == "by-case-study":
            # The same questions as by-step; search finds this page by its own text, the answers once.
            return ('<div data-search-exclude markdown>\n\n'
                    + by_case_study(_questions, uri, docs, _nav_case_studies(config)) + '\n\n</div>')
        if kind == "weak-spots":
            return weak_spots(uri, docs, config["use_directory_urls"])
        return flashcards(_questions, uri, docs, config["use_directory_urls"], page.file.dest_uri)
    return MARKER.sub(generate, markdown)


def on_post_build(config, **kwargs):
    for path, script in _card_scripts.items():
        target = Path(config["site_dir"]) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(script, encoding="utf-8")


def on_files(files, config):
    """The Anki deck is a file of the site, so pages can link it and the build checks those links."""
    from mkdocs.structure.files import File
    files.append(File.generated(config, DECK, content=deck_bytes(_questions, config["site_url"] or "/",
                                                                   Path(config["docs_dir"]))))
    return files


if __name__ == "__main__":  # python overrides/hooks/practice.py: check the questions without a build
    here = Path(__file__).resolve().parents[2]
    found, problems = load_questions(here, here / "docs")
    print("\n".join(problems) or f"{len(found)} questions, no problems")
    raise SystemExit(1 if problems else 0)
