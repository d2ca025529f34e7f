# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""scripts/generate.py keeps generated lines within the 160 columns of the sanity tests, also when a
long link would end a line past the usual wrapping width."""

import os
import sys

from harness import ROOT

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table

sys.path.insert(0, os.path.join(ROOT, "scripts"))
import generate  # noqa: E402


def test_a_long_link_does_not_make_a_line_too_long():
    table = Table([Option("settings", [
        "Domain settings keys and values.",
        "Keys the server documents are checked before any call by type and range (ports from 1 to 65535, counts and "
        "sizes from 0 to 2147483647, booleans, the throttle actions and spam levels by their words), like the "
        "O(mailops.smartermail.smartermail_domain#module:settings) of a domain.",
    ], type="dict")])
    text = generate.render(table)
    assert "O(mailops.smartermail.smartermail_domain#module:settings)" in text
    assert max(len(line) for line in text.splitlines()) <= 160
