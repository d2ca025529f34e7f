# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# mailops.smartermail: the only entry points. `make demo` and `make test` work on a fresh machine
# that has make, Python 3.11 (python3) and Python 3.12 (python3.12 on PATH or under ~/.pyenv).
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
# make test runs its four groups two at a time (the machines have 2 cores); JOBS=1 runs them in turn.
JOBS ?= 2

# ---- the ansible-core matrix -----------------------------------------------------------------
# The tested range is ansible-core 2.18 (the oldest requires_ansible admits) to 2.21 (the newest).
#   leg   virtualenv         Python  pins                     make test runs
#   2.18  .build/venv-2.18   3.11    requirements-oldest.txt  ansible-test sanity, units, integration
#   2.19  .venv              3.11    requirements-dev.txt     ansible-test units (emulator's too), the
#                                                             pytest drivers, ansible-lint, docs, molecule
#   2.20  .build/venv-2.20   3.12    requirements-2.20.txt    ansible-test units
#   2.21  .build/venv-2.21   3.12    requirements-newest.txt  ansible-test sanity, units, integration, all
#                                                             on the copy installed from the built tarball
# Each leg runs ansible-test in a collection copy of its own (.build/leg-<core>/ansible_collections/
# mailops/smartermail; 2.21: .build/installed-2.21/...), so legs can run side by side.
# ansible-core 2.20 and 2.21 need Python >= 3.12: python3.12 from PATH, else pyenv's newest 3.12.x.
ifeq ($(origin PY312),undefined)
PY312 := $(shell for p in python3.12 $$(ls -d $(HOME)/.pyenv/versions/3.12.*/bin/python3.12 2>/dev/null | sort -rV); do \
	"$$p" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' 2>/dev/null && { command -v "$$p"; break; }; done)
endif
leg_python = $(if $(filter 2.20 2.21,$(1)),3.12,3.11)
leg_bin = $(if $(filter 2.19,$(1)),$(CURDIR)/$(BIN),$(CURDIR)/$(BUILD)/venv-$(1)/bin)
leg_root = $(if $(filter 2.21,$(1)),$(BUILD)/installed-2.21,$(BUILD)/leg-$(1))
leg_coll = $(call leg_root,$(1))/ansible_collections/mailops/smartermail
ANSIBLE_TEST_ARGS := --venv --color no
# The emulator's own unit tests do not depend on ansible-core: the 2.19 leg runs them, the others
# run the collection's.
UNITS_ARGS_2.18 := tests/unit/plugins/ tests/unit/test_collection_meta.py
UNITS_ARGS_2.20 := $(UNITS_ARGS_2.18)
UNITS_ARGS_2.21 := $(UNITS_ARGS_2.18)

# (Targets made by pattern rules, test-units-2.18 and the like, cannot be .PHONY: make skips the
# pattern search for those.)
.PHONY: help venv collection emulator demo test test-unit test-integration test-sanity test-lint test-docs \
	test-molecule test-oldest test-newest test-dev test-pytest-collect test-integration-pytest bench docs \
	build clean docs-rst check-python312 test-2.18 test-2.21 test-units-2.19-2.20 test-importer generate

help:
	@echo "make demo      create the venv, start the emulator, run playbooks/demo.yml twice (the second run changes"
	@echo "               nothing) and once with --check --diff, stop the emulator"
	@echo "make test      every suite on ansible-core 2.18 to 2.21 (sanity, units, integration, lint, docs,"
	@echo "               molecule); JOBS=1 runs its groups one after the other"
	@echo "make test-2.18, test-2.21   one end of the matrix: ansible-test sanity, units and integration"
	@echo "make test-unit, test-integration, test-sanity   the quick loop on .venv (ansible-core 2.19)"
	@echo "make test-lint, test-importer   ansible-lint on the whole repository; galaxy-importer on the built tarball"
	@echo "make venv      create .venv with the pinned dependencies"
	@echo "make emulator  run the emulator in the foreground (Ctrl-C stops it): SmarterMail's SOAP services and JSON"
	@echo "               API on http://127.0.0.1:$(EMULATOR_PORT), Plesk (HTTPS) on 127.0.0.1:$(PLESK_PORT), admin admin/admin,"
	@echo "               state in $(EMULATOR_STATE) (EMULATOR_PORT, PLESK_PORT, EMULATOR_STATE change them)"
	@echo "make docs, bench, build   the HTML docs (build/docs/html), the benchmark, the collection tarball (build/)"
	@echo "make generate  write what follows from the modules and their tables: module options, meta/runtime.yml,"
	@echo "               the integration targets' aliases and runme.sh"

$(VENV)/.installed: requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

collection: venv
	@$(BIN)/python scripts/sync_collection.py

# The emulator in the foreground until Ctrl-C (or SIGTERM): SmarterMail's SOAP services and JSON API
# on one port, Plesk's XML API (HTTPS, self-signed certificate in the state's folder) on another.
# exec: the emulator replaces the shell, so signalling make's process group reaches it.
emulator: collection
	@mkdir -p $(dir $(EMULATOR_STATE))
	@$(PYPATH) MAILOPS_EMULATOR_ADMIN_PASSWORD=admin exec $(BIN)/python -m mailops_emulator --host 127.0.0.1 \
		--port $(EMULATOR_PORT) --plesk-port $(PLESK_PORT) --state $(EMULATOR_STATE) --admin-user admin

# Starts an emulator of its own (a free port, a state in a temporary folder), runs playbooks/demo.yml
# twice and once with --check --diff, and stops the emulator by its PID, also when a run fails.
demo: collection
	@$(BIN)/python scripts/demo.py

check-python312:
	@if [ -z "$(PY312)" ]; then \
		echo "make: Python 3.12 is missing: ansible-core 2.20 and 2.21 need it, so the newest legs of the" >&2; \
		echo "      matrix cannot run. Install it (pyenv install 3.12) or give its path: make test PY312=/path/to/python3.12" >&2; \
		exit 1; fi

$(BUILD)/venv-2.18/.installed: requirements-oldest.txt
	rm -rf $(BUILD)/venv-2.18
	$(PYTHON) -m venv $(BUILD)/venv-2.18
	$(BUILD)/venv-2.18/bin/python -m pip install --quiet --disable-pip-version-check -r $<
	touch $@

$(BUILD)/venv-2.20/.installed: requirements-2.20.txt | check-python312
	rm -rf $(BUILD)/venv-2.20
	$(PY312) -m venv $(BUILD)/venv-2.20
	$(BUILD)/venv-2.20/bin/python -m pip install --quiet --disable-pip-version-check -r $<
	touch $@

$(BUILD)/venv-2.21/.installed: requirements-newest.txt | check-python312
	rm -rf $(BUILD)/venv-2.21
	$(PY312) -m venv $(BUILD)/venv-2.21
	$(BUILD)/venv-2.21/bin/python -m pip install --quiet --disable-pip-version-check -r $<
	touch $@

$(BUILD)/venv-2.19/.installed: $(VENV)/.installed
	@mkdir -p $(dir $@) && touch $@

# A leg's collection copy; ansible-test needs its pip bootstrap stand-in (offline machines).
leg-copy-%: $(BUILD)/venv-%/.installed
	@$(call leg_bin,$*)/python scripts/ansible_test_bootstrap.py
	@$(PYTHON) scripts/sync_collection.py $(call leg_root,$*)

# 2.21 runs on the collection as users get it: built with that ansible-galaxy, installed from the tarball.
leg-copy-2.21: $(BUILD)/venv-2.21/.installed
	@$(call leg_bin,2.21)/python scripts/ansible_test_bootstrap.py
	@rm -rf $(BUILD)/dist-2.21 $(BUILD)/installed-2.21 && mkdir -p $(BUILD)/dist-2.21
	$(call leg_bin,2.21)/ansible-galaxy collection build --output-path $(BUILD)/dist-2.21 .
	ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/$(BUILD)/installed-2.21 $(call leg_bin,2.21)/ansible-galaxy collection install \
		--offline --force -p $(BUILD)/installed-2.21 $(BUILD)/dist-2.21/*.tar.gz
	@# ansible-test lists files with the git repository around them: this one's ignores .build, so the
	@# installed copy gets a repository of its own holding exactly what was installed (and ignoring
	@# what ansible-test writes into tests/output).
	@cd $(call leg_coll,2.21) && git init -q . && echo "tests/output/" >> .git/info/exclude && git add -A .

test-sanity-%: leg-copy-%
	cd $(call leg_coll,$*) && $(call leg_bin,$*)/ansible-test sanity $(ANSIBLE_TEST_ARGS) --python $(call leg_python,$*)

test-units-%: leg-copy-%
	cd $(call leg_coll,$*) && $(call leg_bin,$*)/ansible-test units $(ANSIBLE_TEST_ARGS) --python $(call leg_python,$*) $(UNITS_ARGS_$*)

# Every target under tests/integration/targets (runme.sh: an emulator of its own, the fast path).
test-integration-%: leg-copy-%
	cd $(call leg_coll,$*) && $(call leg_bin,$*)/ansible-test integration $(ANSIBLE_TEST_ARGS) --python $(call leg_python,$*)

# One leg runs its steps in turn (they share the leg's copy); the groups run side by side.
test-2.18:
	@start=$$SECONDS; $(MAKE) --no-print-directory -j1 test-sanity-2.18 test-units-2.18 test-integration-2.18 && \
		echo "make: leg 2.18 (sanity, units, integration) passed in $$((SECONDS - start)) s"

test-2.21:
	@start=$$SECONDS; $(MAKE) --no-print-directory -j1 test-sanity-2.21 test-units-2.21 test-integration-2.21 && \
		echo "make: leg 2.21 (sanity, units, integration on the installed tarball) passed in $$((SECONDS - start)) s"

test-units-2.19-2.20:
	@start=$$SECONDS; $(MAKE) --no-print-directory -j1 test-units-2.19 test-units-2.20 && \
		echo "make: units on 2.19 and 2.20 passed in $$((SECONDS - start)) s"

# On .venv (2.19): the unit tests still import from the repository under plain pytest; the pytest
# drivers do what ansible-test integration cannot (every target on the module path, kill -9,
# 16 forks, both paths compared, the tarball and the execution environment), then lint and docs.
test-dev:
	@start=$$SECONDS; $(MAKE) --no-print-directory -j1 test-pytest-collect test-integration-pytest test-lint \
		test-importer test-docs test-molecule && \
		echo "make: pytest drivers, lint, importer, docs and molecule passed in $$((SECONDS - start)) s"

# The longest group (test-dev) starts first, beside the legs in turn, so that no core waits at the end
# (test-dev has no prerequisite of its own for that: make -j would start the next group while one was
# being made; its steps make the collection).
test: venv
	@start=$$SECONDS; $(MAKE) --no-print-directory -j$(JOBS) --output-sync=recurse test-dev test-2.21 test-2.18 \
		test-units-2.19-2.20 && echo "make test: every suite passed in $$((SECONDS - start)) s"

test-oldest: test-2.18
test-newest: test-2.21

test-pytest-collect: collection
	$(PYPATH) $(PYTEST) -q --collect-only tests/unit >/dev/null

test-integration-pytest: collection
	$(PYPATH) $(PYTEST) -q -n 2 tests/integration

# The quick loop on .venv (2.19).
test-unit: collection
	$(PYPATH) $(PYTEST) -q tests/unit

test-integration: collection
	$(PYPATH) $(PYTEST) -q -n 2 tests/integration

test-sanity: collection
	@$(BIN)/python scripts/ansible_test_bootstrap.py
	cd $(COLL) && $(CURDIR)/$(BIN)/ansible-test sanity --venv --python 3.11 --color no $(SANITY_ARGS)

# ansible-lint from the repository root, as a user runs it: every YAML file (.ansible-lint says why
# a path is left out). It puts ~/.ansible/collections first, where molecule leaves a copy of the
# collection from its last run: a home of its own makes it lint against the working tree only.
test-lint: collection
	@mkdir -p $(BUILD)/lint-home
	HOME=$(CURDIR)/$(BUILD)/lint-home PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/ansible-lint -q

# galaxy-importer, what Galaxy and Automation Hub run on every upload, on the tarball make build
# writes: offline, no container (its ansible-test step off; ansible-doc, ansible-lint and flake8 on).
# Any warning or error line it prints fails the target (scripts/galaxy_importer_check.py).
$(BUILD)/venv-importer/.installed: requirements-importer.txt
	rm -rf $(BUILD)/venv-importer
	$(PYTHON) -m venv $(BUILD)/venv-importer
	$(BUILD)/venv-importer/bin/python -m pip install --quiet --disable-pip-version-check -r $<
	touch $@

test-importer: build $(BUILD)/venv-importer/.installed
	$(BUILD)/venv-importer/bin/python scripts/galaxy_importer_check.py \
		build/mailops-smartermail-$(shell sed -n 's/^version: *//p' galaxy.yml).tar.gz $(BUILD)/importer

# Every molecule scenario under extensions/molecule (no container engine: the emulator is the target).

test-molecule: collection
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/molecule test --all

build: collection
	@mkdir -p build
	$(BIN)/ansible-galaxy collection build --force --output-path build .

docs: collection
	@scripts/build_docs.sh

# The guides (docs/*.md) rendered as RST for the docsite (docs/docsite/rst, listed in extra-docs.yml).
$(BUILD)/venv-docs/.installed: requirements-docs.txt
	rm -rf $(BUILD)/venv-docs
	$(PYTHON) -m venv $(BUILD)/venv-docs
	$(BUILD)/venv-docs/bin/python -m pip install --quiet --disable-pip-version-check -r $<
	touch $@

docs-rst: $(BUILD)/venv-docs/.installed
	$(BUILD)/venv-docs/bin/python scripts/guides_to_rst.py

# Generated docs must lint clean, the docsite's RST must match the guides; the changelog must be consistent.
# What follows from the modules and their tables (scripts/generate.py): the options of each module's
# DOCUMENTATION whose resource has a table, meta/runtime.yml, the integration targets' aliases and runme.sh.
generate: collection
	PYTHONPATH=$(CURDIR)/$(BUILD) $(BIN)/python scripts/generate.py --write


test-docs: collection $(BUILD)/venv-docs/.installed
	PYTHONPATH=$(CURDIR)/$(BUILD) $(BIN)/python scripts/generate.py --check
	$(BUILD)/venv-docs/bin/python scripts/guides_to_rst.py --check
	$(BIN)/python scripts/reuse_headers.py --check
	cd $(COLL) && PATH=$(CURDIR)/$(BIN):$$PATH $(CURDIR)/$(BIN)/antsibull-docs lint-collection-docs --plugin-docs .
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/antsibull-changelog lint

bench: collection
	@$(PYPATH) $(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(BUILD) build .emulator tests/output
