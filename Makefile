# The README's two commands: `make run` and `make test`. Everything they need is installed on the way.
PYTHON ?= /usr/bin/python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test lint format check-migrations worker beat messages translations clean

$(BIN)/python:
	./scripts/system-deps.sh run
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	./scripts/system-deps.sh test
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

messages: $(VENV)/.installed
	$(BIN)/python manage.py compilemessages --ignore=.venv -v 0

# After adding or changing user-facing strings: refresh the English catalogue, then fill the new msgstr lines.
translations: $(VENV)/.installed
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=static/vendor -v 0

run: $(VENV)/.installed messages
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_demo
	@echo "Cổng đối thoại đang chạy tại http://$(HOST)/ (Ctrl+C để dừng)"
	$(BIN)/python manage.py runserver $(HOST)

# One pytest worker per core (pytest-xdist): each has its own test database and Redis database.
test: $(VENV)/.installed-dev messages
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

worker: $(VENV)/.installed
	$(BIN)/celery -A dialogue_portal worker -Q celery,documents,notifications --loglevel=INFO

beat: $(VENV)/.installed
	$(BIN)/celery -A dialogue_portal beat --loglevel=INFO

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts
