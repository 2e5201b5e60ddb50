# The commands the README gives. Each sets up what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run dev test check similarity load bench lock translations clean system-packages \
	test-packages server-packages \
	load-packages vendor-twitter-text

# Install, with apt, the packages of the commands that are missing: "command:package ...".
install-missing = missing=$$(for pair in $(1); do \
		command -v $${pair%%:*} >/dev/null || [ -x /usr/sbin/$${pair%%:*} ] || \
		echo $${pair\#*:}; done); \
	if [ -n "$$missing" ]; then \
		$(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq --no-install-recommends $$missing; fi

# WeasyPrint needs Pango (in the base image) and, to subset fonts, HarfBuzz's subsetter.
system-packages:
	@ldconfig -p | grep -q libharfbuzz-subset.so.0 || { \
		$(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq --no-install-recommends libharfbuzz-subset0; }

# The tests also render PDF pages to PNG (poppler's pdftoppm), share rate-limit counters
# through a throwaway Redis server, count letters in a throwaway PostgreSQL server (its
# programs live outside PATH: pg_ctlcluster, from the same packages, stands for them), drive
# Debian's Chromium with Playwright (its own browser download does not work here), check the
# HTML with the Nu Html Checker on Java, and read share kits' QR codes with zbar.
TEST_TOOLS := pdftoppm:poppler-utils redis-server:redis-server chromium:chromium \
	java:default-jre-headless pg_ctlcluster:postgresql zbarimg:zbar-tools
test-packages: server-packages
	@$(call install-missing,$(TEST_TOOLS))

$(VENV)/.run-installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev-installed: requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.run-installed

# The pages' translations: one catalogue per language (translations/<lang>/LC_MESSAGES/
# messages.po, kept in git), compiled (messages.mo, not kept) before the app starts. The app
# refuses to start with a catalogue whose compiled form is missing or older.
CATALOGUES := $(wildcard translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGUES:.po=.mo)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po | $(VENV)/.run-installed
	$(BIN)/pybabel compile -d translations -l $*

# Production serves through nginx (Debian's package), run unprivileged from the project.
SERVER_TOOLS := nginx:nginx
server-packages: system-packages
	@$(call install-missing,$(SERVER_TOOLS))

## run: set up and start the production server: nginx on CAMPAIGN_HOST:CAMPAIGN_PORT, in
## front of gunicorn on a private socket (see campaign/server)
run: server-packages $(VENV)/.run-installed $(COMPILED)
	$(BIN)/python -m campaign.server

## test: set up and run every check: lint, format, tests
# One pytest worker per core. Each test file runs whole on one worker, so a module fixture
# is made once; session fixtures (the browser tests' server and Chromium) once per worker.
test: test-packages $(VENV)/.dev-installed $(COMPILED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -n auto --dist loadfile

## dev: the Flask development server, reloading as templates, code and YAML change
dev: system-packages $(VENV)/.run-installed $(COMPILED)
	$(BIN)/flask --app campaign run --debug --port $${CAMPAIGN_PORT:-5000} \
		--extra-files "$$(ls actions/*.yaml recipients.yaml | tr '\n' ':')"

## check: review every action as start-up does, and more (tweets, fonts, one page, similarity)
check: system-packages $(VENV)/.run-installed $(COMPILED)
	$(BIN)/flask --app campaign actions check

## similarity: how alike 40 supporters' letters are, within `make check`
similarity: check

## lock: re-pin dependencies after editing pyproject.toml
lock: $(VENV)/.dev-installed
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links -o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --extra dev -o requirements-dev.lock pyproject.toml

## translations: gather the pages' messages (babel.cfg) into translations/messages.pot, bring
## every catalogue up to date with them, and compile the catalogues
translations: $(VENV)/.run-installed
	$(BIN)/pybabel extract -k lazy_gettext --add-location=file --sort-output -F babel.cfg -o translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching -i translations/messages.pot -d translations
	$(BIN)/pybabel compile --statistics -d translations

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info

# wrk drives the load, through nginx (the production set-up); the Redis attacks need
# redis-server. Install them when missing.
load-packages: server-packages
	@$(call install-missing,wrk:wrk redis-server:redis-server)

## load: the production server under a bounded load (req/s, p50/p99, errors per scenario)
load: load-packages $(VENV)/.dev-installed
	$(BIN)/python -m scripts.load

## bench: render overhead, page times, memory, cold start, throughput and the worst input
bench: load-packages $(VENV)/.dev-installed
	$(BIN)/python -m scripts.bench

## vendor-twitter-text: rebuild the tweets page's counter (twitter-text's parseTweet, with the
## server's emoji pattern) into campaign/static/vendor/, from pinned packages
vendor-twitter-text: $(VENV)/.run-installed
	cd scripts/twitter_text && npm ci --no-audit --no-fund
	$(BIN)/python scripts/twitter_text/emoji_regex.py > scripts/twitter_text/node_modules/emoji.js
	cd scripts/twitter_text && node_modules/.bin/esbuild entry.js --bundle --minify \
		--format=iife --target=es2020 --legal-comments=none \
		--alias:twemoji-parser=./node_modules/emoji.js \
		--outfile=../../campaign/static/vendor/twitter-text.min.js
	cp scripts/twitter_text/node_modules/twitter-text/LICENSE campaign/static/vendor/twitter-text.LICENSE
