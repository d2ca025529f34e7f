# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The clean-up example of smartermail_user_info is run, as written, by an integration target."""

import os

import yaml

from ansible_collections.mailops.smartermail.plugins.modules import smartermail_user_info

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET = os.path.join(HERE, "..", "..", "..", "integration", "targets", "smartermail_list_results", "tasks",
                      "user_info_example.yml")


def test_the_target_runs_the_documented_example_verbatim():
    with open(TARGET, encoding="utf-8") as handle:
        text = handle.read()
    assert smartermail_user_info.EXAMPLES.strip() in text
    tasks = yaml.safe_load(text)
    assert tasks == yaml.safe_load(smartermail_user_info.EXAMPLES)
    # the removal skips what the server refuses to delete
    assert "rejectattr('primary_admin')" in tasks[1]["loop"]
