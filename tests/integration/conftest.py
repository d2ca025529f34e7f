# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Integration tests: ansible-playbook against the live emulator (a real HTTP server process)."""
import pytest

from harness import ADMIN_PASSWORD, ADMIN_USER, PLESK_API_KEY, EmulatorProcess, Playbook


@pytest.fixture(scope="session")
def emulator(tmp_path_factory):
    state = tmp_path_factory.mktemp("emulator") / "state.json"
    proc = EmulatorProcess(str(state), admin_user=ADMIN_USER, admin_password=ADMIN_PASSWORD,
                           plesk=True, plesk_api_key=PLESK_API_KEY)
    proc.start()
    yield proc
    proc.stop()


@pytest.fixture
def playbook(emulator, tmp_path):
    emulator.reset()
    emulator.clear_faults()
    return Playbook(emulator, tmp_path)
