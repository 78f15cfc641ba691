"""Every Mermaid block in docs/ parses with the real Mermaid; a broken one is named by file and line.

The checks run `scripts/check_mermaid.py` as `make check-diagrams` does, in its own process (it
drives its own Chromium, which cannot share this session's Playwright)."""
import subprocess
import sys
from pathlib import Path

from check_mermaid import diagrams

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "diagrams" / "broken.md"


def check_mermaid(path: Path) -> tuple[int, list[str]]:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_mermaid.py"), str(path)],
                            cwd=ROOT, capture_output=True, text=True)
    lines = result.stdout.strip().splitlines()
    return result.returncode, [line for line in lines if "Mermaid cannot parse" in line]


def test_every_diagram_in_the_docs_parses():
    assert len(list(diagrams([ROOT / "docs"]))) >= 3
    assert check_mermaid(ROOT / "docs") == (0, [])


def test_a_broken_diagram_is_reported_with_file_line_and_message():
    code, errors = check_mermaid(FIXTURE)
    assert code == 1 and len(errors) == 1
    assert errors[0].startswith("tests/fixtures/diagrams/broken.md:12: Mermaid cannot parse this diagram: ")
    assert "Parse error" in errors[0] and "B[Model" in errors[0]


def test_every_diagram_has_an_accessible_title_description_and_caption():
    missing = []
    for file in sorted((ROOT / "docs").rglob("*.md")):
        if file.name.startswith("_"):
            continue
        lines = file.read_text(encoding="utf-8").splitlines()
        for _, line, source in diagrams([file]):
            if "accTitle" not in source or "accDescr" not in source:
                missing.append(f"{file.relative_to(ROOT)}:{line}: no accTitle/accDescr")
            end = line + source.count("\n") + 1  # the closing fence's line
            after = [text.strip() for text in lines[end:end + 2] if text.strip()]
            if not after or after[0] != "/// caption":
                missing.append(f"{file.relative_to(ROOT)}:{line}: no '/// caption' under the diagram")
    assert not missing, "\n".join(missing)
