# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Secrets in a fault that echoes the request, JSON answers that cannot be parsed, options a JSON
adapter does not serve, and input errors found before any call: each module's main() against the
in-process emulator (the fault injection of its control path)."""
import json

import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail import api as _api
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.http import encodings
from ansible_collections.mailops.smartermail.plugins.modules import (
    smartermail_alias,
    smartermail_domain,
    smartermail_user,
)

# every character that differs between the encodings: & < > " ' + space, a non-ASCII letter
ECHO_PW = "Echo&<Pw>\"'+ é-9b1"
USER_PW = "User&<Pw>\"'+ é-4c2"
PM = {"primary_admin": "postmaster", "primary_admin_password": "Pm-Unit-1x"}


@pytest.fixture(autouse=True)
def no_probe_cache(monkeypatch):
    monkeypatch.setattr(_api, "_MEMORY", {})


def fault(server, **spec):
    server.emulator.faults.add(spec)


def leaks(result, *secrets):
    """The forms of ``secrets`` found anywhere in the result (its JSON text, as Ansible prints it)."""
    text = json.dumps(result, ensure_ascii=False) + json.dumps(result)
    found = []
    for secret in secrets:
        found += [form for form in encodings(secret) if form in text or form in result.get("msg", "")]
    return found


def domain(server, run_module, name="unit.test", **extra):
    result = run_module(smartermail_domain, dict(PM, name=name, **extra))
    assert not result.get("failed"), result


# -- secrets in a fault that echoes the request (every no_log option, every encoding) ----------------
@pytest.mark.parametrize("api", ["soap", "json"])
def test_domain_password_echoed_by_a_fault_is_scrubbed(server, run_module, api):
    if api == "soap":
        fault(server, service="svcDomainAdmin", operation="AddDomainEx", fault="echo")
    else:
        fault(server, service="json", operation="settings/sysadmin/domain-put", fault="echo")
    result = run_module(smartermail_domain, {"name": "echo.test", "primary_admin": "postmaster",
                                             "primary_admin_password": ECHO_PW, "api": api})
    assert result["failed"] and "********" in result["msg"], result
    # the fault did echo the request: the rest of it is there
    assert "postmaster" in result["msg"], result["msg"]
    assert leaks(result, ECHO_PW) == [], result["msg"]


@pytest.mark.parametrize("api", ["soap", "json"])
def test_user_password_echoed_by_a_fault_is_scrubbed(server, run_module, api):
    domain(server, run_module)
    if api == "soap":
        fault(server, service="svcUserAdmin", operation="AddUser2", fault="echo")
    else:
        fault(server, service="json", operation="settings/domain/user-put", fault="echo")
    result = run_module(smartermail_user, {"domain": "unit.test", "name": "bob", "user_password": USER_PW,
                                           "update_password": "on_create", "api": api})
    assert result["failed"] and "********" in result["msg"] and "bob" in result["msg"], result
    assert leaks(result, USER_PW) == [], result["msg"]


def test_list_form_password_echoed_by_a_fault_is_scrubbed(server, run_module):
    """A no_log sub-option of a list entry (users[].password) is as secret as a top-level one."""
    domain(server, run_module)
    fault(server, service="svcUserAdmin", operation="AddUser2", fault="echo")
    result = run_module(smartermail_user, {"domain": "unit.test", "users": [{"name": "bob", "password": USER_PW}]})
    assert result["failed"] and "********" in result["msg"], result
    assert leaks(result, USER_PW) == [], result["msg"]


# -- JSON answers that cannot be parsed ------------------------------------------------------------
@pytest.mark.parametrize("kind, text", [("deep_json", "cannot be read as JSON (it is nested too deeply)"),
                                        ("json_type", "with an array where a JSON object was expected"),
                                        ("malformed", "cannot be read as JSON")])
def test_unparseable_json_answer_is_a_clean_error_naming_the_endpoint(server, run_module, kind, text):
    domain(server, run_module)
    fault(server, service="json", operation="settings/sysadmin/domain-settings/{domain}", fault=kind)
    result = run_module(smartermail_domain, {"name": "unit.test", "max_aliases": 5, "api": "json"})
    assert result["failed"], result
    assert "GET /api/v1/settings/sysadmin/domain-settings/unit.test failed" in result["msg"], result["msg"]
    assert text in result["msg"], result["msg"]
    assert "unexpected error" not in result["msg"] and "Traceback" not in json.dumps(result), result


@pytest.mark.parametrize("kind", ["deep_json", "json_type", "malformed"])
def test_auto_takes_an_unparseable_probe_for_no_json_api(server, run_module, kind):
    domain(server, run_module)
    fault(server, service="json", operation="licensing/about", fault=kind)
    result = run_module(smartermail_domain, {"name": "unit.test", "max_aliases": 5, "api": "auto"})
    assert not result.get("failed") and result["changed"] and result["api"] == "soap", result
    assert server.emulator.faults.as_list() == []  # the probe was sent and answered with the fault


# -- options a JSON adapter does not serve: refused before any call, or SOAP with a warning ----------
REFUSED = [
    (smartermail_user, {"domain": "unit.test", "name": "bob", "activesync": True}, "activesync"),
    (smartermail_user, {"domain": "unit.test", "name": "bob", "rss_feeds": []}, "rss_feeds"),
    (smartermail_user, {"domain": "unit.test", "users": [{"name": "bob", "activesync": False}]}, "activesync"),
    (smartermail_user, {"domain": "unit.test", "name": "bob", "verify_password": "Ver-Pw-1x"}, "verify_password"),
    (smartermail_domain, {"name": "unit.test", "reload": True}, "reload"),
    (smartermail_domain, {"name": "unit.test", "archive_path": "/archive"}, "archive_path"),
]


@pytest.mark.parametrize("module, args, option", REFUSED)
def test_json_refuses_options_it_does_not_serve_before_any_call(server, run_module, module, args, option):
    server.requests.clear()
    result = run_module(module, dict(args, api="json"))
    assert result["failed"] and result["api"] == "json", result
    label = "reload: true" if option == "reload" else option
    assert "%s cannot be managed over the JSON API by %s" % (label, module.__name__.rpartition(".")[2]) in result["msg"]
    assert "use api: soap" in result["msg"]
    assert server.requests == [], "no call may be made"


@pytest.mark.parametrize("module, args, option", REFUSED)
def test_auto_uses_soap_with_a_warning_naming_the_option(server, run_module, module, args, option):
    domain(server, run_module)
    run_module(smartermail_user, {"domain": "unit.test", "name": "bob", "user_password": "Bob-Pw-1x"})
    server.requests.clear()
    result = run_module(module, dict(args, api="auto"))
    assert result["api"] == "soap", result
    # str: the shape of warnings differs by ansible-core
    warned = [w for w in str(result.get("warnings")).split("api auto: using SOAP: ")[1:] if option in w]
    assert warned and "cannot be managed over the JSON API" in warned[0], result.get("warnings")
    assert not any(path.startswith("/api/") for method, path in server.requests), server.requests


def test_json_domain_defaults_stay_served(server, run_module):
    """reload false and server_defaults true are the defaults: not a use of the option."""
    domain(server, run_module)
    result = run_module(smartermail_domain, {"name": "unit.test", "reload": False, "server_defaults": True,
                                             "max_aliases": 4, "api": "json"})
    assert not result.get("failed") and result["changed"] and result["api"] == "json", result


# -- input errors before any call ----------------------------------------------------------------
@pytest.mark.parametrize("module, args, text", [
    (smartermail_domain, {"name": ".."}, "name '..' is not a domain name"),
    (smartermail_domain, {"name": "."}, "name '.' is not a domain name"),
    (smartermail_domain, {"name": "ex.test", "rename_from": ".."}, "rename_from '..' is not a domain name"),
    (smartermail_domain, {"name": "ex.test", "list_command_address": "lists@\u212aelvin.test"},
     "list_command_address must be a user name without @domain"),
    (smartermail_domain, {"name": "ex.test", "list_command_address": "st serv"}, "list_command_address"),
    (smartermail_alias, {"domain": "ex.test", "aliases": [{"name": "a", "addresses": ["x@ex.test"]}],
                         "addresses": ["b@ex.test"]}, "mutually exclusive: aliases|addresses"),
    (smartermail_alias, {"domain": "ex.test", "aliases": [{"name": "a", "addresses": ["x@ex.test"]}],
                         "catch_all": True}, "mutually exclusive: aliases|catch_all"),
])
@pytest.mark.parametrize("api", ["soap", "json"])
def test_input_errors_before_any_call(server, run_module, module, args, text, api):
    domain(server, run_module, name="ex.test")
    server.emulator.counters.reset()
    server.requests.clear()
    result = run_module(module, dict(args, api=api))
    assert result["failed"] and text in result["msg"], result
    assert "unexpected error" not in result["msg"]
    assert server.requests == [] and server.counters()["reads"] == 0 and server.counters()["writes"] == 0


@pytest.mark.parametrize("api", ["soap", "json"])
def test_list_command_address_with_a_kelvin_sign_is_sent_as_checked(server, run_module, api):
    domain(server, run_module, name="ex.test")
    result = run_module(smartermail_domain, {"name": "ex.test", "list_command_address": "\u212aeeper", "api": api})
    assert not result.get("failed") and result["changed"], result
    assert server.state()["domains"]["ex.test"]["settings"]["listcommandaddress"] == "keeper"
    again = run_module(smartermail_domain, {"name": "ex.test", "list_command_address": "\u212aeeper", "api": api})
    assert not again["changed"], again
