"""Parse every Mermaid diagram in the docs with the real Mermaid, in headless Chromium.

usage: python scripts/check_mermaid.py [PATH ...]   (files or folders; default: docs)

Prints `file:line: message` for each diagram Mermaid rejects, where line is the line of the diagram's
opening fence (Mermaid's own line numbers do not map onto the source reliably; its message quotes the
offending text), and exits 1 if any was rejected. The diagrams are checked as
the site renders them, with the house classDefs appended (overrides/hooks/house_styles.py).
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
from house_styles import mermaid_blocks, with_house_styles  # noqa: E402

from browser import MERMAID_ESM, chromium  # noqa: E402
from site_reader import serve  # noqa: E402


def diagrams(paths):
    """Yield (file, fence line, source) for every Mermaid block under the given paths."""
    for path in paths:
        files = sorted(path.rglob("*.md")) if path.is_dir() else [path]
        for file in files:
            for line, source in mermaid_blocks(file.read_text(encoding="utf-8")):
                yield file, line, source


def parse_errors(paths) -> list[str]:
    """Return one `file:line: message` string per diagram that Mermaid cannot parse."""
    found = list(diagrams(paths))
    errors = []
    server, origin = serve(MERMAID_ESM.parent)  # the ESM build imports its chunks over HTTP
    with chromium() as browser:
        page = browser.new_page()
        page.goto(origin + "/")
        page.evaluate(f"async () => {{ window.mermaid = (await import('/{MERMAID_ESM.name}')).default; }}")
        # The source as written first, so Mermaid's message quotes the author's text; then as the
        # site renders it, with the house classDefs appended.
        messages = page.evaluate(
            """async pairs => {
                 const out = [];
                 for (const [written, styled] of pairs) {
                   let message = null;
                   for (const source of [written, styled]) {
                     try { await mermaid.parse(source); }
                     catch (e) { message = String(e && e.message || e); break; }
                   }
                   out.push(message);
                 }
                 return out;
               }""",
            [[source, with_house_styles(source)] for _, _, source in found],
        )
    server.shutdown()
    for (file, fence_line, _), message in zip(found, messages):
        if message is None:
            continue
        name = file.relative_to(ROOT) if file.is_relative_to(ROOT) else file
        errors.append(f"{name}:{fence_line}: Mermaid cannot parse this diagram: " + " ".join(message.split()))
    return errors


def main() -> int:
    paths = [Path(a).resolve() for a in sys.argv[1:]] or [ROOT / "docs"]
    errors = parse_errors(paths)
    for error in errors:
        print(error)
    count = sum(1 for _ in diagrams(paths))
    print(f"{count} diagrams checked, {len(errors)} with errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
