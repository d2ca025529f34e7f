# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures for the emulator tests: one real emulator process per session, reset between tests."""

from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from emu_helpers import ADMIN_PASSWORD, ADMIN_USER, Catalog, EmulatorProcess, Soap  # noqa: E402


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.load()


@pytest.fixture(scope="session")
def emulator_process(tmp_path_factory):
    state = tmp_path_factory.mktemp("emulator") / "state.json"
    proc = EmulatorProcess(str(state), admin_user=ADMIN_USER, admin_password=ADMIN_PASSWORD)
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()


@pytest.fixture()
def emu(emulator_process):
    """The running emulator, reset to an empty state (counters and faults cleared)."""
    if not emulator_process.running():
        emulator_process.restart()
    emulator_process.reset()
    return emulator_process


@pytest.fixture(scope="session")
def soap_session(emulator_process, catalog):
    return Soap(emulator_process, catalog)


@pytest.fixture()
def soap(emu, soap_session):
    return soap_session
