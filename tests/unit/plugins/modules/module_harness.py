# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Module unit tests: each module's main() with a fake transport.

The transport is replaced by the emulator's WSGI application called in-process (no socket, no
server process), so every module runs against real server behaviour and the tests can read the
emulator's state and counters directly.
"""
import contextlib
import json
import sys

import pytest
from werkzeug.test import Client

from ansible.module_utils import basic
from ansible_collections.mailops.smartermail.plugins.module_utils._transport import http as _http
# tests/emulator is on sys.path through tests/unit/conftest.py (from the repository and from the
# collection copy that ansible-test units runs in).
from mailops_emulator.app import SmarterMailApp
from mailops_emulator.core import Emulator

URL = "http://smartermail.unit.test:9998"
# Python >= 3.12's syslog refuses a NUL: in a module process, a string option holding one fails in
# AnsibleModule's own logging of its arguments (ansible-core's message, "Failed to log to syslog
# (embedded null character)"), before the collection's validation runs. Still before any call.
SYSLOG_REFUSES_NUL = sys.version_info >= (3, 12)


def nul_refused_by_syslog(args):
    """Whether AnsibleModule refuses these arguments first (a top-level string with a NUL)."""
    return SYSLOG_REFUSES_NUL and any(isinstance(v, str) and "\x00" in v for v in args.values())


PASSWORD = "Unit-Admin-Pw-5e1"

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core < 2.19
    import contextlib

    @contextlib.contextmanager
    def patch_module_args(args):
        saved = basic._ANSIBLE_ARGS
        basic._ANSIBLE_ARGS = json.dumps({"ANSIBLE_MODULE_ARGS": args}).encode("utf-8")
        try:
            yield
        finally:
            basic._ANSIBLE_ARGS = saved


class InProcessServer:
    def __init__(self, tmp_path):
        self.emulator = Emulator(str(tmp_path / "state.json"), admin_user="admin", admin_password=PASSWORD)
        self.app = SmarterMailApp(self.emulator)  # app.json_api.mode: "both", "soap" or "json"
        self.web = Client(self.app)
        self.requests = []

    def request(self, method, url, data=None, headers=None):
        path = url.split("9998", 1)[1]
        self.requests.append((method, path))
        response = self.web.open(path, method=method, data=data, headers=headers or {},
                                 base_url=URL)
        return response.status_code, response.get_data()

    def counters(self):
        return self.emulator.counters.as_dict()

    def writes(self):
        return self.counters()["writes"]

    def state(self):
        return self.emulator.store.snapshot() if hasattr(self.emulator.store, "snapshot") else \
            json.loads(json.dumps(self.emulator.store.doc))


@pytest.fixture
def server(tmp_path, monkeypatch):
    srv = InProcessServer(tmp_path)
    monkeypatch.setattr(_http.HttpSession, "request", lambda self, *a, **k: srv.request(*a, **k))
    monkeypatch.setenv("SMARTERMAIL_WSDL_CACHE_DIR", str(tmp_path / "wsdl"))
    return srv


@contextlib.contextmanager
def module_process():
    """Run as in a module process: once controller code is imported (the action plugin's tests),
    ansible-core sends a module's warnings to the display instead of its result."""
    try:
        from ansible.module_utils import _internal
    except ImportError:  # ansible-core < 2.19
        yield
        return
    saved = getattr(_internal, "is_controller", False)
    _internal.is_controller = False
    try:
        yield
    finally:
        _internal.is_controller = saved


class ModuleRun:
    def __init__(self, capsys):
        self.capsys = capsys

    def __call__(self, module, args, check_mode=False, diff=True, connection=True):
        full = dict(args)
        if connection:
            full.setdefault("url", URL)
            full.setdefault("username", "admin")
            full.setdefault("password", PASSWORD)
            # the unit emulator serves both APIs, where the default (auto) takes JSON: the SOAP
            # tests say soap; the JSON adapters' tests and test_api.py name the API they test
            full.setdefault("api", "soap")
        full["_ansible_check_mode"] = check_mode
        full["_ansible_diff"] = diff
        with patch_module_args(full), module_process():
            with pytest.raises(SystemExit):
                module.main()
        out = self.capsys.readouterr().out
        result = json.loads(out)
        assert PASSWORD not in out
        return result


@pytest.fixture
def run_module(capsys):
    return ModuleRun(capsys)
