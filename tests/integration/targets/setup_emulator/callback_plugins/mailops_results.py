# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Test-only callback: every result of a task of this collection, one JSON line each.

run_target.py enables it when MAILOPS_RESULTS_FILE names a file; tests/integration/
test_playbooks.py runs a target on the fast path and on the module path and compares the two
files (the same tasks must give the same results, failures included).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = """
name: mailops_results
type: aggregate
short_description: record the results of mailops.smartermail tasks (tests only)
description: Writes one JSON line per result of a task of mailops.smartermail to E(MAILOPS_RESULTS_FILE).
"""

import json
import os

from ansible.plugins.callback import CallbackBase

COLLECTION = "mailops.smartermail."


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "mailops_results"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self._path = os.environ.get("MAILOPS_RESULTS_FILE")
        self._count = 0

    def _record(self, result, status):
        task = getattr(result, "_task", None) or getattr(result, "task", None)
        action = getattr(task, "resolved_action", None) or getattr(task, "action", "") or ""
        if not self._path or not action.startswith(COLLECTION):
            return
        data = getattr(result, "_result", None)
        if data is None:
            data = getattr(result, "result", {})
        data = dict((k, v) for k, v in dict(data).items() if not k.startswith("_ansible") and k != "exception")
        self._count += 1
        line = {"n": self._count, "task": task.get_name(), "action": action, "status": status, "result": data}
        with open(self._path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, sort_keys=True, default=str) + "\n")

    def v2_runner_on_ok(self, result):
        self._record(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, "failed")

    def v2_runner_item_on_ok(self, result):
        self._record(result, "item ok")

    def v2_runner_item_on_failed(self, result):
        self._record(result, "item failed")
