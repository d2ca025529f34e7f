# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Test-only callback: the host, status, changed flag and diffs of every task result, one JSON line each.

tests/integration/test_many_servers.py enables it to read each server's --diff apart from the others'
(the default callback prints a diff without the host it belongs to).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = """
name: many_servers_record
type: aggregate
short_description: record each host's task results and diffs (tests only)
description: Writes one JSON line per task result to E(MANY_SERVERS_RECORD_FILE).
"""

import json
import os

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "many_servers_record"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self._path = os.environ.get("MANY_SERVERS_RECORD_FILE")

    def _record(self, result, status):
        if not self._path:
            return
        task = getattr(result, "_task", None) or getattr(result, "task", None)
        host = getattr(result, "_host", None) or getattr(result, "host", None)
        data = getattr(result, "_result", None)
        if data is None:
            data = getattr(result, "result", {})
        data = dict(data)
        items = data.get("results") if isinstance(data.get("results"), list) else [data]
        line = {"host": host.get_name(), "task": task.get_name(), "action": getattr(task, "action", ""),
                "status": status, "changed": bool(data.get("changed")),
                "diffs": [item.get("diff") for item in items if isinstance(item, dict) and item.get("diff")]}
        with open(self._path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, sort_keys=True, default=str) + "\n")

    def v2_runner_on_ok(self, result):
        self._record(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, "failed")

    def v2_runner_on_skipped(self, result):
        self._record(result, "skipped")
