# Kopienu ziņas — the two commands are `make html` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
BENCH_STAMP := $(VENV)/.installed-bench
VNU_VERSION := 26.9.27
VNU_JAR := .cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar
ICALJS_VERSION := 2.2.1
ICALJS := .cache/icaljs/node_modules/ical.js/dist/ical.js
# The browser editor (docs/cms.md): the pinned Decap CMS bundle (published at /admin/ by the
# build) and its local git backend (make cms).
DECAP_VERSION := 3.16.3
DECAP := .cache/decap-cms/package/dist/decap-cms.js
DECAP_SERVER_VERSION := 3.11.3
DECAP_SERVER := .cache/decap-server/node_modules/.bin/decap-server
BUILD := $(PY) -m kopienu_zinas.tools.build
BUILD_ARGS := $(if $(BUILD_DATE),--build-date $(BUILD_DATE)) $(if $(CONTENT),--content $(CONTENT)) $(if $(OUTPUT),--output $(OUTPUT))

.PHONY: html check serve cms publish new hooks test lint bench clean system-test-deps strip-location npm

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

## html: install into .venv and build the site into output/
html: $(STAMP) $(DECAP)
	$(BUILD) $(BUILD_ARGS)

## check: validate all content and build strictly (every warning is a failure)
check: $(STAMP) $(DECAP)
	$(BUILD) --strict $(BUILD_ARGS)

## serve: preview on http://localhost:8000 (or PORT=…), rebuilt on every change; problems shown on the pages
serve: $(STAMP) $(DECAP)
	$(PY) -m kopienu_zinas.tools.serve $(BUILD_ARGS) $(if $(PORT),--port $(PORT))

## cms: edit in the browser: http://localhost:8000/admin/ (or PORT=…); saving commits to this clone
# decap-server listens on 8081, the address the generated config gives (CMS["local_backend"]).
cms: $(STAMP) $(DECAP) $(DECAP_SERVER)
	@echo "Redaktors (editor): $(if $(PORT),http://localhost:$(PORT),http://localhost:8000)/admin/"
	trap 'kill 0' EXIT; MODE=git PORT=8081 GIT_REPO_DIRECTORY=$(CURDIR) $(DECAP_SERVER) & \
	  $(PY) -m kopienu_zinas.tools.serve $(BUILD_ARGS) $(if $(PORT),--port $(PORT))

## publish: build with publishconf.py (public address) into output/
publish: $(STAMP) $(DECAP)
	$(BUILD) --strict --settings publishconf.py $(BUILD_ARGS)

## new: start an article, event or gallery (asks, or: make new KIND=article TITLE="…" REGION=Latgale)
# The editor's words reach the command unexpanded: make would read `$5` in TITLE='Cena $5' as
# its own (empty) variable.
new: export NEW_TITLE := $(value TITLE)
new: export NEW_REGION := $(value REGION)
new: $(STAMP)
	@$(PY) -m kopienu_zinas.tools.new $(if $(KIND),--kind "$$KIND") $(if $(TITLE),--title "$$NEW_TITLE") \
	  $(if $(REGION),--region "$$NEW_REGION") $(if $(CONTENT),--content "$(CONTENT)") $(if $(TODAY),--today "$(TODAY)")

## strip-location: remove GPS position and camera data from the pictures in content/ (in place, no re-encoding)
strip-location: $(STAMP)
	$(PY) -m kopienu_zinas.tools.strip_location $(if $(CONTENT),--content "$(CONTENT)")

## hooks: run the content check before every git commit (installs pre-commit into .venv)
hooks: $(STAMP)
	$(PY) -m pip install --quiet 'pre-commit>=3.5'
	$(VENV)/bin/pre-commit install

## test: install what the tests need (Python extras, Chromium, Java, Nu checker, ical.js) and run them all
test: $(TEST_STAMP) system-test-deps $(VNU_JAR) $(ICALJS) $(DECAP) $(DECAP_SERVER)
	VNU_JAR=$(abspath $(VNU_JAR)) ICALJS=$(abspath $(ICALJS)) DECAP_SERVER=$(abspath $(DECAP_SERVER)) CHROMIUM=$$(command -v chromium) $(PY) -m pytest

## lint: ruff, mypy and vulture as configured in pyproject.toml (also part of make test)
lint: $(TEST_STAMP)
	$(PY) -m pytest -q tests/unit/test_code_habits.py

system-test-deps:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || { echo "The browser tests need Chromium: install Debian's 'chromium' package (apt-get install chromium)."; exit 1; }
	@command -v java >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; } \
	  || { echo "The HTML checker needs Java: install a Java runtime (apt-get install default-jre-headless)."; exit 1; }
	@command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; } \
	  || { echo "The HTML checker and ical.js are installed with npm: install Node.js and npm (apt-get install npm)."; exit 1; }

$(VNU_JAR):
	npm install --silent --no-save --no-audit --no-fund --prefix .cache/vnu vnu-jar@$(VNU_VERSION)

$(ICALJS):
	npm install --silent --no-save --no-audit --no-fund --prefix .cache/icaljs ical.js@$(ICALJS_VERSION)

npm:
	@command -v npm >/dev/null || { echo "The browser editor (/admin/) is installed with npm: install Node.js and npm (apt-get install npm)."; exit 1; }

# Only the package's own files (its dist/ bundle has everything inside): no dependency tree.
$(DECAP): | npm
	mkdir -p .cache/decap-cms
	cd .cache/decap-cms && npm pack --silent decap-cms@$(DECAP_VERSION) >/dev/null \
	  && tar -xzf decap-cms-$(DECAP_VERSION).tgz && rm decap-cms-$(DECAP_VERSION).tgz
	touch $@

$(DECAP_SERVER): | npm
	npm install --silent --no-save --no-audit --no-fund --prefix .cache/decap-server decap-server@$(DECAP_SERVER_VERSION)

$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	touch $@

## bench: time our build against Hugo on 4,000 synthetic articles, scaling to 16,000, the preview (BENCH_ARGS=… for other options)
bench: $(BENCH_STAMP) $(DECAP)
	$(PY) -m bench.bench $(or $(BENCH_ARGS),--scaling 1000,4000,16000)
	$(PY) -m bench.bench_images

## clean: remove build output and caches (never content)
clean:
	rm -rf output .output.build-* .output.old-* .cache .pytest_cache
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
