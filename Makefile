# The README's two commands are `make generate` and `make test`; both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8765
SECRET ?= dev-secret
export PYTHONPATH := $(CURDIR)/devserver:$(CURDIR)/generated

# `make dist`: gio-codegen's own wheel + sdist (not the generated client's: that is `make build`, into dist/).
GENERATOR_DIST ?= dist/generator

.PHONY: help install generate check validate test lint typecheck serve demo watch bench fuzz build publish dist clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/' | column -t -s "$$(printf '\t')"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)  ## Create .venv with gio-codegen and the test tools

generate: $(STAMP)  ## Validate queries/ against schema.graphql and (re)write generated/
	$(BIN)/gio-codegen generate

check: $(STAMP)  ## Exit 1 if generated/ is stale (what CI's drift check runs)
	$(BIN)/gio-codegen check

validate: $(STAMP)  ## Validate schema and operations only
	$(BIN)/gio-codegen validate

test: $(STAMP)  ## Drift check, lint, mypy --strict over the generator and generated/, the test suite
	$(BIN)/gio-codegen check --no-diff
	$(BIN)/ruff check generator tests devserver
	$(BIN)/mypy --strict generator/gio_codegen
	$(BIN)/mypy --strict generated/growingio_client
	$(BIN)/python -m pytest -n 2

lint: $(STAMP)  ## ruff over the generator, tests and dev server; mypy --strict over the generator; ruff + mypy over generated/
	$(BIN)/ruff check generator tests devserver
	$(BIN)/mypy --strict generator/gio_codegen
	$(BIN)/ruff check --isolated --line-length 100 --select I,F generated
	$(BIN)/mypy --strict generated/growingio_client

serve: $(STAMP)  ## Run the local GrowingIO-compatible server (PORT=8765 SECRET=dev-secret)
	$(BIN)/python -m gio_devserver --port $(PORT) --secret $(SECRET)

demo: $(STAMP)  ## Start the local server, export a segment with the `growingio` command, show the file, stop
	PORT=$(PORT) SECRET=$(SECRET) scripts/demo.sh

watch: $(STAMP)  ## Regenerate generated/ on every change to the schema, queries or config
	$(BIN)/gio-codegen watch

bench: $(STAMP)  ## Generation + client benchmarks vs baselines in the same run; writes benchmarks/results.md
	$(BIN)/python benchmarks/run.py

fuzz: $(STAMP)  ## Long fuzz run (300 random schemas + operations) and the 50 MB huge-schema case
	GIO_FUZZ_EXAMPLES=300 GIO_HUGE_SCHEMA_MB=50 $(BIN)/python -m pytest -q tests/fuzz tests/test_bad_input_corpus.py -k "fuzz or huge"

.PHONY: corpus
corpus: $(STAMP)  ## Every downstream corpus set (tests/corpus/): generate, import, mypy --strict; failures in tests/corpus/FAILURES.md
	GIO_CORPUS=all $(BIN)/python -m pytest -q tests/test_downstream_corpus.py

build: $(STAMP)  ## Reproducible wheel + sdist of generated/ in dist/
	$(BIN)/gio-codegen build

publish: build  ## Upload dist/ to REPOSITORY_URL=… (credentials: TWINE_USERNAME/TWINE_PASSWORD)
	@test -n "$(REPOSITORY_URL)" || { echo "usage: make publish REPOSITORY_URL=https://index.example.com/"; exit 2; }
	$(BIN)/gio-codegen publish --repository-url $(REPOSITORY_URL)

dist: $(STAMP)  ## Reproducible wheel + sdist of gio-codegen itself in dist/generator/ (GENERATOR_DIST=…)
	@mkdir -p $(GENERATOR_DIST) && rm -f $(GENERATOR_DIST)/gio_codegen-*
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || echo 315532800)} \
		$(BIN)/python -m build --no-isolation --outdir $(GENERATOR_DIST) .
	@$(BIN)/python -c 'import hashlib, pathlib, sys; [print(hashlib.sha256(p.read_bytes()).hexdigest(), p) for p in sorted(pathlib.Path(sys.argv[1]).glob("gio_codegen-*"))]' $(GENERATOR_DIST)

clean:  ## Remove the virtualenv and caches
	rm -rf $(VENV) .gio-codegen .pytest_cache .mypy_cache dist
