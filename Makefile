# The two commands a newcomer needs: `make serve` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
VENDOR := docs/assets/vendor

.PHONY: setup serve build pdf test check-diagrams bench clean

setup: $(VENV)/.installed $(VENDOR)/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

# Mermaid and KaTeX come from the npm registry at the versions package-lock.json pins, and are
# copied into docs/ so the site serves them itself. Nothing is loaded from a CDN.
$(VENDOR)/.installed: package.json package-lock.json scripts/vendor_assets.py $(VENV)/.installed
	npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python scripts/vendor_assets.py
	touch $@

serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# The site, strict, into site/, with the offline download (site/download/, a zip of the build of
# mkdocs-offline.yml that works opened from disk) linked from the home page.
build: setup
	$(BIN)/python scripts/build_site.py site

# One PDF per chapter, the trade-off catalog and the whole guide, under site/pdf/ (the site's
# "Download PDF" links). Rebuilds the site first only if a source changed since the last build.
pdf: setup
	$(BIN)/python scripts/make_pdf.py site

check-diagrams: setup
	$(BIN)/python scripts/check_mermaid.py docs

test: setup
	$(BIN)/python -m pytest tests

bench: setup
	$(BIN)/python scripts/benchmark.py

clean:
	rm -rf site $(VENDOR) .pytest_cache .cache
