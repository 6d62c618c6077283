# The two commands a newcomer needs:
#   make run    set up everything and serve the portal with demo data on http://127.0.0.1:8000
#   make test   set up everything and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PYTEST_ARGS ?=
# Test processes (pytest-xdist): one per core; 0 runs the suite in this one process.
PYTEST_WORKERS ?= auto

.PHONY: run test setup system-run system-test system-bench bench-load lint migrations-check messages ci demo clean catalogs test-fast

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet ".[test,lint]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

system-run:
	scripts/install-system-packages.sh run

system-test:
	scripts/install-system-packages.sh test

system-bench:
	scripts/install-system-packages.sh bench

# Compiled catalogs are built from the .po sources, never committed.
CATALOGS := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
%.mo: %.po
	msgfmt --check-format -o $@ $<

catalogs: $(CATALOGS)

setup: $(VENV)/.installed node_modules/.installed catalogs

demo: system-run setup
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) seed_policy_demo

run: demo
	$(MANAGE) runserver_demo 127.0.0.1:8000

migrations-check: setup
	$(MANAGE) makemigrations --check --dry-run

# Types on the services, selectors, workflow and importer (mypy + django-stubs, [tool.mypy]);
# security findings (bandit, [tool.bandit]): each accepted one carries `# nosec BXXX  # why`.
TYPED := portal/services portal/lifecycle.py complaints/services.py complaints/selectors.py \
	review_board/services review_board/selectors.py review_board/workflow.py \
	misconduct_records/services.py misconduct_records/selectors.py misconduct_records/importing \
	policy/services.py policy/selectors.py reports/services
SCANNED := portal complaints review_board misconduct_records policy reports

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy $(TYPED)
	$(BIN)/bandit -q -c pyproject.toml -r $(SCANNED)

messages: setup
	$(MANAGE) makemessages -l es --ignore=.venv --ignore=node_modules
	$(MANAGE) makemessages -d djangojs -l es --ignore=.venv --ignore=node_modules --ignore=staticfiles
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules

test: system-test setup lint migrations-check
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The edit-test loop: everything that needs no browser, no Celery worker and no full data set.
test-fast: setup
	$(BIN)/pytest -q -n auto --no-migrations -m "not browser and not worker and not slow and not reliability" $(PYTEST_ARGS)

# The load benchmark: gunicorn + PostgreSQL (DATABASE_URL) + its own Redis, driven by wrk.
# BENCH_ARGS="--duration 10 --cache both"; BENCH_PORT, BENCH_REDIS_PORT choose the ports.
BENCH_ARGS ?=
bench-load: system-bench setup
	$(BIN)/python benchmarks/load.py $(BENCH_ARGS)

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) node_modules artifacts db.sqlite3 private-media staticfiles
