# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures of the module unit tests (the pieces live in module_harness)."""
from module_harness import run_module, server  # noqa: F401  pylint: disable=unused-import
