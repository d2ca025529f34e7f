# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The choice of API (api: auto | soap | json) and the probe's cache, against the in-process emulator."""
import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))

from werkzeug.test import Client  # noqa: E402

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail import api as _api
from ansible_collections.mailops.smartermail.plugins.module_utils._transport import http as _http  # noqa: E402
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.runner import TaskFailed, run_task  # noqa: E402
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain_alias import (  # noqa: E402
    DomainAliasResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.rbl import RblResource  # noqa: E402
from mailops_emulator.app import SmarterMailApp  # noqa: E402
from mailops_emulator.core import Emulator  # noqa: E402

URL = "http://api.unit.test:9998"
PASSWORD = "Unit-Admin-Pw-5e1"


@pytest.fixture
def server(tmp_path, monkeypatch):
    emulator = Emulator(str(tmp_path / "state.json"), admin_user="admin", admin_password=PASSWORD)
    app = SmarterMailApp(emulator)
    web = Client(app)
    requests = []

    def request(self, method, url, data=None, headers=None):
        path = url.split("9998", 1)[1]
        requests.append((method, path))
        response = web.open(path, method=method, data=data, headers=headers or {}, base_url=URL)
        return response.status_code, response.get_data()

    monkeypatch.setattr(_http.HttpSession, "request", request)
    monkeypatch.setenv("SMARTERMAIL_WSDL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(_api, "_MEMORY", {})
    app.requests = requests
    return app


def params(api, **extra):
    base = dict(url=URL, username="admin", password=PASSWORD, validate_certs=True, ca_path=None, timeout=30,
                retries=0, api=api, domain="unit.test", name="a.test", names=None, state="present",
                mx_check=False, purge=False, keep=[])
    base.update(extra)
    return base


def make_domain(server, api="soap", **extra):
    options = dict(params(api), name="unit.test", rename_from=None, delete_files=False, path=None,
                   server_defaults=True, enabled=None, primary_admin="postmaster", primary_admin_password="Pm-Pw-1234",
                   primary_admin_first_name=None, primary_admin_last_name=None, ip=None, imap_port=None,
                   pop_port=None, smtp_port=None, max_aliases=None, max_domain_aliases=None, max_lists=None,
                   max_domain_size_mb=None, max_users=None, max_message_size_kb=None, max_recipients=None,
                   show_domain_alias_menu=None, show_content_filtering_menu=None, show_spam_menu=None,
                   show_list_menu=None, require_smtp_authentication=None, list_command_address=None, settings=None)
    options.update(extra)
    run_task(__import__("ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain",
                        fromlist=["DomainResource"]).DomainResource, options)
    server.requests[:] = []


@pytest.mark.parametrize("mode,expected", [("both", "json"), ("soap", "soap")])
def test_auto_probes_once_per_host_and_follows_the_server(server, mode, expected):
    make_domain(server)
    server.json_api.mode = mode
    first = run_task(DomainAliasResource, params("auto"))
    second = run_task(DomainAliasResource, params("auto", name="b.test"))
    assert first["api"] == second["api"] == expected
    assert [r for r in server.requests if r[1].endswith("licensing/about")] == [("GET", "/api/v1/licensing/about")]


def test_auto_uses_soap_for_a_task_the_adapter_cannot_serve(server):
    make_domain(server)
    from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.user import UserResource
    user = dict(params("auto"), name="ann", users=None, user_password="Ann-Pw-123456", update_password="always",
                first_name=None, last_name=None, domain_admin=None, max_mailbox_size_mb=None, forwarding=None,
                auto_responder={"enabled": True, "subject": None, "body": None, "start": "2026-07-01",
                                "end": "2026-07-31"}, settings=None)
    result = run_task(UserResource, user, check_mode=True)
    assert result["api"] == "soap" and "auto_responder start or end" in str(result["warnings"])
    assert "use api: soap" not in str(result["warnings"])  # it does already


def test_auto_is_the_default():
    from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import connection_spec
    assert connection_spec("smartermail").argument_spec["api"]["default"] == "auto"


def test_an_unset_api_is_auto(server):
    make_domain(server)
    result = run_task(DomainAliasResource, params(None))
    assert result["api"] == "json"
    assert [r for r in server.requests if r[1].endswith("licensing/about")] == [("GET", "/api/v1/licensing/about")]


def test_soap_never_probes(server):
    make_domain(server)
    result = run_task(DomainAliasResource, params("soap"))
    assert result["api"] == "soap" and not any("/api/" in r[1] for r in server.requests)


def writes(server):
    """Writes the emulator counted (SOAP and JSON)."""
    return server.emu.counters.as_dict()["writes"]


@pytest.mark.parametrize("api", [None, "auto"])
def test_json_only_server_names_what_a_module_without_adapter_lacks(server, api):
    server.json_api.mode = "json"
    with pytest.raises(TaskFailed) as err:
        run_task(RblResource, dict(params(api), name="x", state="absent"))
    msg = err.value.msg
    assert "serves only the JSON API" in msg and "smartermail_rbl has no JSON API adapter" in msg, msg
    assert RblResource.json_missing in msg and "cannot fetch the WSDL" not in msg, msg
    assert writes(server) == 0


def test_json_only_server_names_the_option_the_adapter_cannot_serve(server):
    make_domain(server)
    server.emu.counters.reset()
    server.json_api.mode = "json"
    with pytest.raises(TaskFailed) as err:
        make_domain(server, api="auto", imap_port=1143)
    msg = err.value.msg
    assert "serves only the JSON API" in msg and "imap_port" in msg and "cannot fetch the WSDL" not in msg, msg
    assert "use api: soap" not in msg  # the server has none
    assert writes(server) == 0


def test_soap_404_suggests_auto(server):
    server.json_api.mode = "json"
    with pytest.raises(TaskFailed) as err:
        run_task(RblResource, dict(params("soap"), name="x", state="absent"))
    assert "HTTP 404" in err.value.msg and "api: auto" in err.value.msg, err.value.msg
    assert not any("/api/" in r[1] for r in server.requests)  # no probe under soap


@pytest.mark.parametrize("version,answers", [("100.0.9693", True), ("101.2.10000", True), ("16.3.6989", False),
                                             ("1.0", False), ("latest", False), (100, False), ("", False)])
def test_the_probe_accepts_only_a_smartermail_version(version, answers):
    from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_client import smartermail_version
    assert smartermail_version(version) is answers


def test_json_without_adapter_fails_before_any_call(server):
    with pytest.raises(TaskFailed) as err:
        run_task(RblResource, dict(params("json"), name="x", state="absent"))
    assert "smartermail_rbl has no JSON API adapter" in err.value.msg and err.value.details["api"] == "json"
    assert server.requests == []


def test_json_logs_out_even_when_the_task_fails(server):
    with pytest.raises(TaskFailed) as err:
        run_task(DomainAliasResource, params("json", domain="missing.test"))
    assert err.value.details["api"] == "json" and "manage-domain" in err.value.msg
    assert server.requests[-1] == ("POST", "/api/v1/auth/logout-user")
    assert server.json_api.sessions == {}


def module_resources():
    """(module name, resource class) of every SmarterMail module."""
    import importlib
    import inspect
    import pkgutil
    from ansible_collections.mailops.smartermail.plugins import modules
    found = []
    for info in pkgutil.iter_modules(modules.__path__):
        if not info.name.startswith("smartermail"):
            continue
        module = importlib.import_module(modules.__name__ + "." + info.name)
        found.extend((info.name, value) for value in vars(module).values()
                     if inspect.isclass(value) and value.__module__.startswith("ansible_collections.mailops")
                     and getattr(value, "backend", None) == "smartermail")
    return found


def test_every_module_without_json_adapter_says_what_the_json_api_lacks():
    from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import Resource
    resources = module_resources()
    assert len(set(name for name, dummy in resources)) == 41
    without = [(name, cls) for name, cls in resources if "json" not in cls.adapters]
    assert without, "every module has a JSON adapter: this test has nothing left to check"
    for name, cls in without:
        assert cls.json_missing != Resource.json_missing, "%s does not say what the JSON API lacks" % name
        assert _api.gap(cls).startswith("%s has no JSON API adapter: " % name)
