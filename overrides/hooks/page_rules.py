"""One page shape per kind: a page of a known kind that lacks a required part fails the build.

The kinds and their sections are CONTENT.md's, spelled out in CONTRIBUTING.md.
"""
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from guide_markdown import Source, page_source

REQUIRED_H2 = {
    "tradeoff": ["The tension", "The knobs", "Worked example", "When to favour each side",
                 "Say it in an interview", "Related trade-offs"],
    "step": ["What the interviewer is probing", "Checklist", "Techniques", "Worked examples", "Time budget",
             "Pitfalls", "Drill questions", "Trade-off ledger"],
    "case-study": ["1. Clarify requirements", "2. Frame as an ML task", "3. Data and features", "4. Model",
                   "5. Evaluation", "6. Deployment and serving", "7. Monitoring and iteration",
                   "Back-of-the-envelope", "Trade-off ledger", "Interview timeline", "Follow-up questions",
                   "Pitfalls", "Further reading"],
    "pattern": ["The shape", "Decisions every instance makes", "The numbers that decide", "Where it appears",
                "Small data and startups", "What goes wrong"],
}
REQUIRED_META = {"tradeoff": ["title", "description", "synonyms", "symptoms"], "step": ["step", "description"],
                 "case-study": ["description"], "pattern": ["description"]}


def problems(source: Source) -> list[str]:
    """Every way a page falls short of its kind's shape, each as `file:line: what is wrong`."""
    kind = source.kind
    if kind not in REQUIRED_H2:
        return []
    out = [f"{source.path}:1: front matter lacks `{key}` (required on a {kind} page; see CONTRIBUTING.md)"
           for key in REQUIRED_META[kind] if not source.meta.get(key)]
    if kind == "tradeoff":
        out += [f"{source.path}:1: `{key}` must be a list of phrases" for key in ("synonyms", "symptoms")
                if source.meta.get(key) and not isinstance(source.meta[key], list)]
    h2 = [h for h in source.headings() if h.level == 2]
    titles = [h.text for h in h2]
    previous = None
    for want in REQUIRED_H2[kind]:
        if want not in titles:
            where = f"after '## {previous.text}' (line {previous.line})" if previous else "as the first H2"
            out.append(f"{source.path}:{previous.line if previous else 1}: missing section '## {want}', "
                       f"expected {where} on a {kind} page")
            continue
        found = h2[titles.index(want)]
        if previous and found.line < previous.line:
            out.append(f"{source.path}:{found.line}: section '## {want}' must come after '## {previous.text}'")
        previous = found
    if kind == "case-study" and "!!! abstract" not in source.body.split("\n## ", 1)[0]:
        out.append(f"{source.path}:1: a case study opens with an `!!! abstract \"Summary\"` admonition")
    return out


def on_files(files: Files, config, **kwargs):
    errors = []
    for file in files.documentation_pages():
        errors += problems(page_source(file, config))
    if errors:
        raise PluginError("Pages that do not have their required shape:\n  " + "\n  ".join(errors))
    return files
