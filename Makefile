# mailops.smartermail: the only entry points. `make demo` and `make test` work on a fresh machine
# that has Python 3 and make.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BUILD := .build
COLL := $(BUILD)/ansible_collections/mailops/smartermail
export ANSIBLE_COLLECTIONS_PATH := $(CURDIR)/$(BUILD)
export ANSIBLE_LOCAL_TEMP := $(CURDIR)/$(BUILD)/tmp
export ANSIBLE_PYTHON_INTERPRETER := $(CURDIR)/$(BIN)/python
export LC_ALL := C.UTF-8
export PYTHONDONTWRITEBYTECODE := 1
PYTEST := $(BIN)/python -m pytest -p no:cacheprovider
PYPATH := PYTHONPATH=$(CURDIR)/$(BUILD):$(CURDIR)/tests/emulator
EMULATOR_PORT ?= 9998
PLESK_PORT ?= 8443
EMULATOR_STATE ?= .emulator/state.json

.PHONY: help venv collection emulator demo test test-unit test-integration test-sanity test-lint test-docs test-molecule test-oldest bench docs build clean

help:
	@echo "make demo      create the venv, start the emulator, run playbooks/demo.yml twice, stop it"
	@echo "make test      run every test suite (unit, emulator, integration, sanity, lint)"
	@echo "make venv      create .venv with the pinned dependencies"
	@echo "make emulator  run the emulator in the foreground: SOAP on 127.0.0.1:$(EMULATOR_PORT), Plesk (HTTPS) on 127.0.0.1:$(PLESK_PORT)"

$(VENV)/.installed: requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

collection: venv
	@$(BIN)/python scripts/sync_collection.py

emulator: collection
	@mkdir -p $(dir $(EMULATOR_STATE))
	$(PYPATH) $(BIN)/python -m mailops_emulator --host 127.0.0.1 --port $(EMULATOR_PORT) --plesk-port $(PLESK_PORT) --state $(EMULATOR_STATE) --admin-user admin --admin-password admin

demo: collection
	@$(PYPATH) $(BIN)/python scripts/demo.py

test: test-unit test-integration test-sanity test-lint test-docs test-molecule test-oldest
	@echo "make test: every suite passed"

test-unit: collection
	$(PYPATH) $(PYTEST) -q tests/unit

test-integration: collection
	$(PYPATH) $(PYTEST) -q -n 2 tests/integration

test-sanity: collection
	@$(BIN)/python scripts/ansible_test_bootstrap.py
	cd $(COLL) && $(CURDIR)/$(BIN)/ansible-test sanity --venv --python 3.11 --color no $(SANITY_ARGS)

# ansible-lint puts ~/.ansible/collections first, where molecule leaves a copy of the collection
# from its last run: a home of its own makes it lint against the working tree only.
test-lint: collection
	@mkdir -p $(BUILD)/lint-home
	HOME=$(CURDIR)/$(BUILD)/lint-home $(BIN)/ansible-lint --offline -q playbooks roles

# Every molecule scenario under extensions/molecule (no container engine: the emulator is the target).

test-molecule: collection
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/molecule test --all

build: collection
	@mkdir -p build
	$(BIN)/ansible-galaxy collection build --force --output-path build .

docs: collection
	@scripts/build_docs.sh

# Generated docs must lint clean; the changelog must be consistent.
test-docs: collection
	cd $(COLL) && PATH=$(CURDIR)/$(BIN):$$PATH $(CURDIR)/$(BIN)/antsibull-docs lint-collection-docs --plugin-docs .
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/antsibull-changelog lint

# The oldest ansible-core that requires_ansible admits: unit and integration suites again.
OLDEST := .venv-oldest
$(OLDEST)/.installed: requirements-oldest.txt
	$(PYTHON) -m venv $(OLDEST)
	$(OLDEST)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-oldest.txt
	touch $@

test-oldest: collection $(OLDEST)/.installed
	@$(OLDEST)/bin/python -c "import ansible.release as r; print('oldest admitted ansible-core:', r.__version__)"
	$(PYPATH) $(OLDEST)/bin/python -m pytest -p no:cacheprovider -q -n 2 tests/unit/plugins tests/integration/test_playbooks.py

bench: collection
	@$(PYPATH) $(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(BUILD) build .emulator tests/output
