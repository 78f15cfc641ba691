"""Build the site and its offline download: what `make build` runs.

usage: python scripts/build_site.py [SITE_DIR]    (default: site)

1. Builds mkdocs-offline.yml, the guide that works opened from disk (file://), into a temporary
   folder and zips it, under one folder named like the zip.
2. Builds mkdocs.yml into SITE_DIR with OFFLINE_ZIP naming that zip: the home page links it with its
   size beside the whole guide's PDF, and the build copies it to SITE_DIR/download/.

Both builds are strict. The second draws no diagram: the first left every drawing in .cache/diagrams.
"""
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "ml-system-design-field-guide"
# What a page opened from disk never reads: the search index as JSON (Material reads the copy the
# offline plugin writes as search_index.js), what is for a web server or search engines, source maps.
LEFT_OUT = {"search/search_index.json", "search/search_config.json", "404.html", "sitemap.xml", "sitemap.xml.gz"}


def mkdocs_build(config: str, site_dir: Path, env: dict[str, str]):
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(ROOT / config),
                    "-d", str(site_dir)], cwd=ROOT, env=env, check=True)


def zip_site(site_dir: Path, zip_path: Path):
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site_dir.rglob("*")):
            name = path.relative_to(site_dir).as_posix()
            if path.is_file() and name not in LEFT_OUT and not name.endswith(".map"):
                archive.write(path, f"{NAME}/{name}")


def build_site(site_dir: Path):
    env = {k: v for k, v in os.environ.items() if k != "OFFLINE_ZIP"}
    with tempfile.TemporaryDirectory(prefix="offline-") as tmp:
        started = time.monotonic()
        mkdocs_build("mkdocs-offline.yml", Path(tmp) / NAME, env)
        zip_path = Path(tmp) / f"{NAME}.zip"
        zip_site(Path(tmp) / NAME, zip_path)
        print(f"offline download: {zip_path.stat().st_size / 1e6:.1f} MB, built and zipped in "
              f"{time.monotonic() - started:.1f} s")
        mkdocs_build("mkdocs.yml", site_dir, {**env, "OFFLINE_ZIP": str(zip_path)})


if __name__ == "__main__":
    try:
        build_site(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site").resolve())
    except subprocess.CalledProcessError as failed:
        raise SystemExit(failed.returncode)
