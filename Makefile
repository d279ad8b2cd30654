# Equalcity: `make run` to try it, `make test` to check it. Everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
LANGS := fr nl it sv de
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export EQUALCITY_ENV ?= development

.PHONY: system bench run test install install-test assets catalogues browser lint format messages migrations-check clean

# Debian packages the platform needs at run time (WeasyPrint renders PDFs with Pango).
RUNTIME_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core

run: system install assets catalogues
	$(BIN)/equalcity collectstatic --noinput -v0
	$(BIN)/equalcity migrate --noinput
	$(BIN)/equalcity load_demo
	PORT=$(PORT) $(BIN)/equalcity serve

test: system install-test assets catalogues browser lint migrations-check
	DJANGO_ALLOW_ASYNC_UNSAFE=true EQUALCITY_ENV=test $(BIN)/pytest $(PYTEST_ARGS)

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed

catalogues: install
	$(BIN)/equalcity build_catalogues

system:
	@missing=$$(for p in $(RUNTIME_DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# Browser tests drive Debian's Chromium (Playwright never downloads a browser); report
# tests look at rendered PDF pages through poppler's pdftoppm.
TEST_DEBS := chromium poppler-utils

browser:
	@missing=$$(for p in $(TEST_DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: install-test
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

migrations-check: install
	EQUALCITY_ENV=test $(BIN)/equalcity makemigrations --check --dry-run

# Refresh the catalogues after changing strings (needs gettext's xgettext).
messages: install
	cd src/equalcity && ../../$(BIN)/equalcity makemessages --no-obsolete --no-location \
	  $(foreach lang,$(LANGS),-l $(lang)) --ignore 'node_modules/*'

clean:
	rm -rf $(VENV) node_modules var/static .pytest_cache

# Benchmarks print figures and ratios at two sizes; they are not tests and CI does not run them.
bench: install assets catalogues
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done
