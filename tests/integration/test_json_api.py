# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The JSON API end to end: api auto against an emulator serving SOAP only, JSON only or both;
16 forks logging in as one account."""
import os
import re

import pytest

from harness import assert_no_secret

HERE = os.path.dirname(os.path.abspath(__file__))
WORKERS = ["w%02d" % n for n in range(16)]


@pytest.fixture
def modes(playbook):
    yield lambda mode: playbook.emulator.request("POST", "json", {"mode": mode})
    playbook.emulator.request("POST", "json", {"mode": "both"})


@pytest.mark.parametrize("mode,expected", [("soap", "soap"), ("json", "json"), ("both", "json")])
def test_auto_picks_the_api_the_server_serves(playbook, modes, tmp_path, mode, expected):
    modes(mode)
    proc = playbook.run(os.path.join(HERE, "playbooks", "json_auto.yml"),
                        extra_vars={"expected_api": expected, "mode": mode},
                        extra_env={"SMARTERMAIL_WSDL_CACHE_DIR": str(tmp_path / ("cache-" + mode))})
    assert proc.returncode == 0, proc.stdout[-4000:]
    assert_no_secret(proc.stdout, proc.stderr)
    probes = playbook.emulator.counters()["operations"].get("json:GET licensing/about", {}).get("reads", 0)
    # probed once for the whole run (then cached per host), and not at all where /api is not served
    assert probes == (0 if mode == "soap" else 1)
    state = playbook.emulator.state()["domains"]["auto.test"]
    assert state["domain_aliases"] == ["auto-alias.test"]


def test_sixteen_forks_one_account(playbook, tmp_path):
    inventory = tmp_path / "inventory.ini"
    inventory.write_text("[workers]\n" + "".join("%s ansible_connection=local\n" % w for w in WORKERS))
    proc = playbook.run(os.path.join(HERE, "playbooks", "json_forks.yml"), args=["-i", str(inventory), "-f", "16"])
    assert proc.returncode == 0, proc.stdout[-4000:]
    emulator = playbook.emulator
    assert sorted(emulator.state()["domains"]["jsonforks.test"]["aliases"]) == WORKERS
    sessions = emulator.request("GET", "json")
    # one login per task, each with its own clientId: no fork evicted another's token (no refresh,
    # no second login), and every task logged out
    assert sessions["logins"] == {"admin": 17}
    assert sessions["client_ids"] == {"admin": 17}
    assert sessions["sessions"] == 0
    assert "json:POST auth/refresh-token" not in emulator.counters()["operations"]


def test_a_loop_shares_one_session(playbook):
    proc = playbook.run(os.path.join(HERE, "playbooks", "json_loop.yml"))
    assert proc.returncode == 0, proc.stdout[-4000:]
    emulator = playbook.emulator
    assert sorted(emulator.state()["domains"]["jsonloop.test"]["aliases"]) == ["a%d" % n for n in range(1, 7)]
    sessions = emulator.request("GET", "json")
    # two tasks, two logins (not one per loop item); both sessions ended with their worker process
    assert sessions["logins"] == {"admin": 2}
    assert sessions["sessions"] == 0
    operations = emulator.counters()["operations"]
    # the domain token taken once for the six items
    assert sum(operations["json:POST settings/sysadmin/manage-domain/{domain}"].values()) == 1


def test_info_round_trips_over_json(playbook, modes):
    """The _info modules against a server that serves only the JSON API, their output fed back into
    the modules over the JSON API: no change, no write (the playbook asserts), no SOAP call."""
    modes("json")
    proc = playbook.run(os.path.join(HERE, "playbooks", "json_info_roundtrip.yml"))
    assert proc.returncode == 0, proc.stdout[-4000:]
    assert_no_secret(proc.stdout, proc.stderr)
    operations = playbook.emulator.counters()["operations"]
    assert operations and all(name.startswith("json:") for name in operations), sorted(operations)


def test_a_soap_playbook_runs_unchanged_against_a_json_only_server(playbook, modes, tmp_path):
    """Every module with a JSON adapter, in a playbook that names no API, against a server that serves
    only the JSON API: the default serves it, twice (the second run changes nothing); the modules and
    options the JSON API cannot serve fail before any write, naming what it lacks."""
    modes("json")
    path = os.path.join(HERE, "playbooks", "json_only_unchanged.yml")
    env = {"SMARTERMAIL_WSDL_CACHE_DIR": str(tmp_path / "cache")}
    first = playbook.run(path, extra_env=env)
    assert first.returncode == 0, first.stdout[-4000:]
    assert "json-only modules served: 18" in first.stdout
    second = playbook.run(path, extra_env=env)
    assert second.returncode == 0, second.stdout[-4000:]
    unchanged = r"localhost\s+: ok=\d+\s+changed=0\s+unreachable=0\s+failed=0"
    assert re.search(unchanged, second.stdout), second.stdout[-3000:]
    playbook.emulator.request("POST", "counters/reset")
    check = playbook.run(path, extra_env=env, args=["--check", "--diff"])
    assert check.returncode == 0 and re.search(unchanged, check.stdout), check.stdout[-3000:]
    gap = playbook.run(path, extra_env=env, extra_vars={"json_only_gap": True})
    assert gap.returncode == 0, gap.stdout[-4000:]
    assert_no_secret(first.stdout, second.stdout, check.stdout, gap.stdout)
    counters = playbook.emulator.counters()
    assert counters["writes"] == 0, counters
    assert all(name.startswith("json:") for name in counters["operations"]), sorted(counters["operations"])


def without_json_adapter():
    """(module, args of its first example) of every SmarterMail module a JSON-only server cannot serve:
    those without a JSON adapter, and the licence (its adapter refuses every task)."""
    import importlib
    import inspect
    import pkgutil

    import yaml
    from ansible_collections.mailops.smartermail.plugins import modules
    found = []
    for info in sorted(pkgutil.iter_modules(modules.__path__), key=lambda i: i.name):
        if not info.name.startswith("smartermail"):
            continue
        module = importlib.import_module(modules.__name__ + "." + info.name)
        resources = [value for value in vars(module).values() if inspect.isclass(value) and getattr(
            value, "backend", None) == "smartermail" and value.__module__.startswith("ansible_collections.mailops")]
        if "json" in resources[0].adapters and info.name != "smartermail_license":
            continue
        example = yaml.safe_load(module.EXAMPLES)[0]
        args = dict(example["mailops.smartermail." + info.name])
        for name in ("url", "username", "password"):
            args.pop(name, None)
        # the examples' secrets come from vault variables: any literal stands in
        found.append((info.name, dict((k, "Example-Secret-1x" if "{{" in ("%s" % v) else v) for k, v in args.items())))
    return found


def test_every_module_json_cannot_serve_fails_before_any_write_on_a_json_only_server(playbook, modes, tmp_path):
    """Each module without a JSON adapter (and the licence), with its documentation's first example and
    no api option, against a server that serves only the JSON API: it fails before any write, naming
    the module and what the JSON API lacks."""
    import json as _json
    cases = without_json_adapter()
    assert len(cases) == 23, [name for name, dummy in cases]
    tasks = [{"name": "Run %s" % name, "mailops.smartermail.%s" % name: args, "register": "r_%s" % name,
              "ignore_errors": True} for name, args in cases]
    tasks.append({"name": "Write the results", "ansible.builtin.copy": {
        "dest": str(tmp_path / "results.json"), "mode": "0600",
        "content": "{{ %s | to_json }}" % ("{" + ", ".join("'%s': r_%s" % (n, n) for n, dummy in cases) + "}")}})
    book = tmp_path / "gap.yml"
    book.write_text(_json.dumps([{
        "name": "What a JSON-only server cannot serve", "hosts": "localhost", "gather_facts": False,
        "module_defaults": {"group/mailops.smartermail.smartermail": {
            "url": "{{ emulator_url }}", "username": "{{ admin_user }}", "password": "{{ admin_password }}"}},
        "tasks": tasks}]))
    modes("json")
    proc = playbook.run(str(book), extra_env={"SMARTERMAIL_WSDL_CACHE_DIR": str(tmp_path / "cache")})
    assert proc.returncode == 0, proc.stdout[-4000:]
    assert_no_secret(proc.stdout, proc.stderr)
    results = _json.loads((tmp_path / "results.json").read_text())
    for name, dummy in cases:
        result = results[name]
        assert result.get("failed"), (name, result)
        assert "serves only the JSON API" in result["msg"] and name in result["msg"], (name, result["msg"])
        assert "cannot fetch the WSDL" not in result["msg"], (name, result["msg"])
    counters = playbook.emulator.counters()
    assert counters["writes"] == 0, counters
