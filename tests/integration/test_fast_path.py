# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The fast path (the module's work done in the worker process) against the module path.

The same playbook runs on both paths against a freshly reset emulator; every registered result
(keys, values, diff, changed, failure messages, masking) must be equal, and each run must have
taken the path it was asked for (-vvv says which).
"""
import json
import os
import re

import pytest

from harness import assert_no_secret

HERE = os.path.dirname(os.path.abspath(__file__))
COMPARE = os.path.join(HERE, "playbooks", "fast_path_compare.yml")
FAST = "mailops.smartermail: fast path: running"
MODULE = "mailops.smartermail: module path: running"


def run_compare(playbook, tmp_path, name, extra_env=None):
    playbook.emulator.reset()
    playbook.emulator.clear_faults()
    out = str(tmp_path / ("%s.json" % name))
    proc = playbook.run(COMPARE, extra_env=extra_env, extra_vars={"out_file": out}, args=["-vvvv", "--diff"])
    assert proc.returncode == 0, "playbook failed:\n%s\n%s" % (proc.stdout[-5000:], proc.stderr[-3000:])
    assert_no_secret(proc.stdout, proc.stderr)
    with open(out, encoding="utf-8") as handle:
        text = handle.read()
    assert_no_secret(text)
    return proc, json.loads(text)


def same_files(result):
    """``result`` with a traceback (ansible-core 2.18 at -vvvv) cut to the statement that raised: its first
    frame is the action's call on the fast path and the module's on the module path, and its file names
    are the collection's on the fast path and the module's payload directory otherwise."""
    if isinstance(result, dict) and isinstance(result.get("exception"), str):
        result = dict(result, exception=result["exception"].rstrip().splitlines()[-1].strip())
    return result


def test_both_paths_return_the_same_results(playbook, tmp_path):
    fast_proc, fast = run_compare(playbook, tmp_path, "fast")
    module_proc, module = run_compare(playbook, tmp_path, "module", {"MAILOPS_SMARTERMAIL_FAST_PATH": "false"})
    assert FAST in fast_proc.stdout and MODULE not in fast_proc.stdout
    assert MODULE in module_proc.stdout and FAST not in module_proc.stdout
    assert "turned off by the MAILOPS_SMARTERMAIL_FAST_PATH environment variable" in module_proc.stdout
    assert sorted(fast) == sorted(module)
    for name in sorted(fast):
        assert same_files(fast[name]) == same_files(module[name]), name
    # The comparison covers what it claims: failures, masking, check mode, diff, loops.
    assert fast["user_masked"]["user"]["first_name"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    assert fast["user_masked"]["diff"]["after"]["first_name"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    assert "invalid input" in fast["fail_plesk"]["msg"] and fast["fail_plesk"]["failed"]
    assert fast["fail_unsupported"]["msg"].startswith(
        "Unsupported parameters for (mailops.smartermail.smartermail_domain) module: no_such_option.")
    assert fast["fail_exclusive"]["msg"] == "parameters are mutually exclusive: name|aliases"
    assert fast["fail_required"]["msg"] == "one of the following is required: name, aliases"
    assert fast["fail_suboption"]["msg"].startswith(
        "Unsupported parameters for (mailops.smartermail.smartermail_alias) module: aliases.bogus.")
    # ansible-core 2.18 words the type as <class 'str'>, later releases as str
    assert re.match(r"argument 'max_users' is of type (str|<class 'str'>) ", fast["fail_type"]["msg"])
    assert fast["fail_server"]["msg"].endswith("Domain 'nowhere.test' does not exist. (ResultCode -3)")
    assert fast["fail_connection"]["msg"].startswith("missing connection options: password")
    assert fast["env_info"]["domains"] and not fast["env_info"]["failed"]
    assert fast["env_missing"]["msg"].startswith("missing connection options: url")
    assert fast["domain_check"]["changed"] and fast["domain_check"]["diff"]
    assert not fast["domain_again"]["changed"]
    assert any("not removing user postmaster" in w for w in fast["user_purge"]["warnings"])
    assert [r["changed"] for r in fast["alias_loop"]["results"]] == [True, True]
    assert fast["alias_json"]["api"] == "json" and fast["alias_json"]["changed"]


@pytest.mark.parametrize("setting", ["var", "env"])
def test_the_module_path_can_be_forced(playbook, tmp_path, setting):
    book = tmp_path / "one.yml"
    book.write_text(
        "- hosts: localhost\n  gather_facts: false\n  tasks:\n"
        "    - mailops.smartermail.smartermail_info:\n"
        "        {url: '{{ emulator_url }}', username: '{{ admin_user }}', password: '{{ admin_password }}',"
        " gather: [ids]}\n"
        "      vars: {mailops_smartermail_fast_path: false}\n" if setting == "var" else
        "- hosts: localhost\n  gather_facts: false\n  tasks:\n"
        "    - mailops.smartermail.smartermail_info:\n"
        "        {url: '{{ emulator_url }}', username: '{{ admin_user }}', password: '{{ admin_password }}',"
        " gather: [ids]}\n")
    env = {"MAILOPS_SMARTERMAIL_FAST_PATH": "0"} if setting == "env" else {}
    proc = playbook.run(str(book), extra_env=env, args=["-vvv"])
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert MODULE in proc.stdout and FAST not in proc.stdout
    assert ("turned off by the mailops_smartermail_fast_path variable" in proc.stdout) == (setting == "var")


def test_a_remote_connection_takes_the_module_path(playbook, tmp_path):
    """A host reached by ssh: the module path (the connection fails, which is the proof here)."""
    book = tmp_path / "remote.yml"
    book.write_text(
        "- hosts: remote\n  gather_facts: false\n  tasks:\n"
        "    - mailops.smartermail.smartermail_info: {url: 'http://127.0.0.1:9', gather: [ids]}\n"
        "      vars: {ansible_connection: ssh, ansible_host: 127.0.0.1, ansible_port: 9,"
        " ansible_ssh_common_args: '-o ConnectTimeout=2'}\n"
        "      ignore_unreachable: true\n")
    proc = playbook.run(str(book), args=["-vvv", "-i", "remote,"])
    assert MODULE in proc.stdout
    assert "the connection is ssh, not local" in proc.stdout
    assert FAST not in proc.stdout


def test_every_name_of_a_module_takes_the_fast_path(playbook, tmp_path):
    """The one action plugin is reached through meta/runtime.yml's routing by the FQCN, the short name
    (``collections:``) and a deprecated name, and knows which module each task names; module_defaults
    of the action groups fill in the connection."""
    book = tmp_path / "names.yml"
    book.write_text(
        "- hosts: localhost\n  gather_facts: false\n  collections: [mailops.smartermail]\n"
        "  module_defaults:\n"
        "    group/mailops.smartermail.smartermail:"
        " {url: '{{ emulator_url }}', username: '{{ admin_user }}', password: '{{ admin_password }}'}\n"
        "    group/mailops.smartermail.plesk:"
        " {url: '{{ plesk_url }}', username: '{{ plesk_user }}', password: '{{ plesk_password }}',"
        " ca_path: '{{ plesk_ca_path }}'}\n"
        "  tasks:\n"
        "    - mailops.smartermail.smartermail_info: {gather: [ids]}\n"
        "    - smartermail_domain_info: {}\n"
        "    - mailops.smartermail.spamfilter_prefs_info: {}\n")
    proc = playbook.run(str(book), args=["-vvv"])
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert_no_secret(proc.stdout, proc.stderr)
    for name in ("smartermail_info", "smartermail_domain_info", "plesk_spamfilter_info"):
        assert "%s mailops.smartermail.%s in the worker process" % (FAST, name) in proc.stdout, name
    assert MODULE not in proc.stdout
