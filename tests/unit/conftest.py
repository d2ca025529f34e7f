# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Import paths shared by every unit test, relative to this file.

The same tests run under plain pytest from the repository and under ``ansible-test units`` from
the collection copy (``.build/ansible_collections/mailops/smartermail`` or an installed
collection); the emulator (``tests/emulator``) and the test helpers (``module_harness``,
``emu_helpers``) are found from here in both cases.
"""
import os
import sys

_TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for _path in (
    os.path.join(_TESTS, "emulator"),
    os.path.join(_TESTS, "unit", "emulator"),
    os.path.join(_TESTS, "unit", "plugins", "modules"),
):
    if _path not in sys.path:
        sys.path.insert(0, _path)
