# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The engine's rule for ``keep``, in every module with a list form.

A ``keep`` entry the list itself would refuse fails the task before any call to the server:
a purge never runs with an entry that matches nothing. Each module runs against the in-process
emulator (its requests and counters are read directly), and the set of modules is found by
reading every module, so a new module with a list form must be added here.
"""
import importlib
import inspect
import pkgutil

import pytest

from ansible_collections.mailops.smartermail.plugins import modules
from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine

# module -> (the list form's arguments, a keep entry that names no object of its kind)
CASES = {
    "smartermail_abuse_detection_rule": ({"rules": []}, "BruteForce|FTP"),
    "smartermail_alias": ({"domain": "ex.test", "aliases": []}, "bad name!"),
    "smartermail_blocked_sender": ({"blocked_senders": []}, "a@@b"),
    "smartermail_domain": ({"domains": []}, "-bad-.example"),
    "smartermail_domain_alias": ({"domain": "ex.test", "names": []}, "-bad-.example"),
    "smartermail_domain_forwarding": ({"blocks": []}, "10.0.0.300"),
    "smartermail_folder_autoclean_rule": ({"rules": []}, "date|soon"),
    "smartermail_forwarding_blacklist": ({"domains": []}, "-bad-.example"),
    "smartermail_gateway": ({"gateways": []}, "bad host!"),
    "smartermail_greylisting_filter": ({"filters": []}, "10.0.0.9-10.0.0.1"),
    "smartermail_hostname": ({"hostnames": []}, "300.1.1.1"),
    "smartermail_incoming_gateway": ({"gateways": []}, "10.0.0.0/33"),
    "smartermail_ip_blacklist": ({"entries": []}, "10.0.0.1-::1"),
    "smartermail_ip_whitelist": ({"entries": []}, "1.2.3"),
    "smartermail_mailing_list": ({"domain": "ex.test", "lists": []}, "bad name!"),
    "smartermail_port_binding": ({"bindings": []}, "10.0.0.0/24"),
    "smartermail_rbl": ({"rbls": []}, "x" * 101),
    "smartermail_server_port": ({"ports": []}, "70000"),
    "smartermail_smtp_auth_bypass": ({"bypasses": []}, "10.0.0.1/24"),
    "smartermail_spamassassin_server": ({"servers": []}, "   "),
    "smartermail_system_admin": ({"admins": []}, "bad name!"),
    "smartermail_trusted_sender": ({"senders": []}, "a@@b"),
    "smartermail_user": ({"domain": "ex.test", "users": []}, "bad name"),
    "smartermail_user_group": ({"domain": "ex.test", "groups": []}, "g" * 300),
}


def list_form_modules():
    """Every module whose resource has a list form with ``keep``: {module name: module}."""
    found = {}
    for info in pkgutil.iter_modules(modules.__path__):
        module = importlib.import_module("%s.%s" % (modules.__name__, info.name))
        for value in vars(module).values():
            if inspect.isclass(value) and issubclass(value, engine.Resource) and value.list_option \
                    and "keep" in value.argument_spec.argument_spec:
                found[info.name] = module
    return found


MODULES = list_form_modules()


def test_every_module_with_a_list_form_is_covered():
    assert len(MODULES) >= 20
    assert sorted(MODULES) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("check_mode", [False, True])
def test_an_invalid_keep_entry_fails_before_any_call(server, run_module, name, check_mode):
    args, bad = CASES[name]
    before = server.counters()
    server.requests.clear()
    result = run_module(MODULES[name], dict(args, purge=True, keep=[bad]), check_mode=check_mode)
    assert result.get("failed"), result
    assert result["msg"].startswith("invalid input: ")
    assert "keep entry %r cannot match any " % bad in result["msg"], result["msg"]
    assert server.requests == []
    after = server.counters()
    assert (after["reads"], after["writes"]) == (before["reads"], before["writes"])


def test_a_purge_with_an_invalid_keep_entry_removes_nothing(server, run_module):
    """The defect itself: every trusted sender was removed because 'a@@b' matched none."""
    ok = run_module(MODULES["smartermail_trusted_sender"], {"senders": ["a@ex.test", "ex2.test"]})
    assert ok["changed"] and sorted(ok["senders"]) == ["a@ex.test", "ex2.test"]
    writes = server.writes()
    result = run_module(MODULES["smartermail_trusted_sender"], {"senders": [], "purge": True, "keep": ["a@@b"]})
    assert result.get("failed") and "keep entry 'a@@b' cannot match any trusted sender" in result["msg"]
    assert server.writes() == writes
    assert sorted(server.state()["server"]["trusted_senders"]) == ["a@ex.test", "ex2.test"]


def test_an_invalid_keep_of_a_mailing_list_address_set_fails_before_any_call(server, run_module):
    server.requests.clear()
    result = run_module(MODULES["smartermail_mailing_list"],
                        {"domain": "ex.test", "lists": [{"name": "news", "subscribers": [], "purge": True,
                                                         "keep": ["a@@b"]}]})
    assert result.get("failed") and "keep entry of mailing list news 'a@@b'" in result["msg"], result["msg"]
    assert server.requests == []
