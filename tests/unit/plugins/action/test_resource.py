# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The fast path's decision and its validation against AnsibleModule's (plugins/plugin_utils/_resource_action.py)."""
import copy
import os
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible.module_utils.common.parameters import remove_values

from ansible_collections.mailops.smartermail.plugins.plugin_utils import _resource_action as action
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.alias import AliasResource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain import DomainResource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.user import UserResource

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
MODULES = os.path.join(ROOT, "plugins", "modules")
DEFAULT = (True, "default")


NAMES = sorted(f[:-3] for f in os.listdir(MODULES) if f.endswith(".py"))


def test_every_module_maps_to_the_resource_its_main_runs():
    for name in NAMES:
        with open(os.path.join(MODULES, name + ".py")) as handle:
            source = handle.read()
        cls = re.search(r"run_resource\((\w+)\)", source).group(1)
        assert action.resource_class("mailops.smartermail." + name).__name__ == cls, name


ACTION = "mailops.smartermail.resource"
PLUGIN = "ansible_collections.mailops.smartermail.plugins.action.resource"


def ansible_process(code):
    """Run ``code`` in a new Python process that finds this collection the way ansible-core does."""
    import importlib
    import subprocess
    import sys
    plugin = importlib.import_module(PLUGIN)
    collections = os.path.dirname(os.path.abspath(plugin.__file__))
    for _level in range(6):  # .../ansible_collections/mailops/smartermail/plugins/action
        collections = os.path.dirname(collections)
    setup = ("from ansible.utils.collection_loader._collection_finder import _AnsibleCollectionFinder\n"
             "_AnsibleCollectionFinder(paths=[%r])._install()\n" % collections)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    out = subprocess.run([sys.executable, "-c", setup + code], env=env, capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_the_action_plugin_runs_the_resource_action():
    import importlib
    assert issubclass(importlib.import_module(PLUGIN).ActionModule, action.ResourceAction)


def test_ansible_core_routes_every_module_to_the_action_plugin():
    # What ansible-core's TaskExecutor asks before it picks a task's action: the module's routing.
    code = ("import json\nfrom ansible.plugins.loader import action_loader, module_loader\n"
            "out = {}\n"
            "for name in %r:\n"
            "    ctx = module_loader.find_plugin_with_context(name, collection_list=['mailops.smartermail'])\n"
            "    out[name] = [ctx.resolved_fqcn, ctx.action_plugin]\n"
            "out['action'] = action_loader.find_plugin_with_context(%r).resolved\n"
            "print(json.dumps(out))\n")
    names = ["mailops.smartermail." + n for n in NAMES] + ["smartermail_user", "mailops.smartermail.spamfilter_prefs"]
    import json
    got = json.loads(ansible_process(code % (names, ACTION)))
    assert got.pop("action") is True
    for name in NAMES:
        assert got["mailops.smartermail." + name] == ["mailops.smartermail." + name, ACTION], name
    assert got["smartermail_user"] == ["mailops.smartermail.smartermail_user", ACTION]
    assert got["mailops.smartermail.spamfilter_prefs"] == ["mailops.smartermail.plesk_spamfilter", ACTION]


def test_resolving_a_task_imports_what_the_fast_path_needs():
    # Ansible resolves each task's action in its main process (which imports the action package) and
    # forks a worker per task: what the package imports, every worker inherits.
    code = ("import sys\nfrom ansible.parsing.mod_args import ModuleArgsParser\n"
            "ModuleArgsParser({%r: {}}).parse()\n"
            "print(' '.join(sorted(m.partition('.module_utils.')[2] for m in sys.modules if '.module_utils._' in m)))\n")
    for name in ("mailops.smartermail.smartermail_alias", "mailops.smartermail.plesk_spamfilter"):
        imported = set(ansible_process(code % name).split())
        assert {"_engine.runner", "_engine.argspec", "_smartermail.soap_client", "_transport.http",
                "_plesk.client"} <= imported, (name, imported)


def test_other_names_have_no_resource():
    assert action.resource_class("mailops.smartermail.resource") is None
    assert action.resource_class("other.collection.smartermail_domain") is None
    assert action.resource_class("smartermail_domain") is None


@pytest.mark.parametrize("kwargs, reason", [
    (dict(), None),
    (dict(transport="ssh"), "the connection is ssh, not local: the module runs on the target host"),
    (dict(become=True), "become is set: the module runs as another user"),
    (dict(async_val=30), "the task uses async"),
    (dict(missing="lxml"), "lacks lxml, which the task needs"),
    (dict(setting=(False, "the x variable")), "the fast path is turned off by the x variable"),
    (dict(resource=None), "the task's module has no resource the action knows"),
])
def test_module_path_reason(kwargs, reason):
    args = dict(resource=DomainResource, setting=DEFAULT, transport="local", become=False, async_val=0, missing=None)
    args.update(kwargs)
    got = action.module_path_reason(**args)
    if reason is None:
        assert got is None
    else:
        assert reason in got


def test_fast_path_setting():
    env = "MAILOPS_SMARTERMAIL_FAST_PATH"
    assert action.fast_path_setting(None, {}) == (True, "default")
    assert action.fast_path_setting(None, {env: ""}) == (True, "default")
    assert action.fast_path_setting(None, {env: "0"})[0] is False
    assert action.fast_path_setting(None, {env: "yes"})[0] is True
    assert action.fast_path_setting(True, {env: "0"}) == (True, "the mailops_smartermail_fast_path variable")
    assert action.fast_path_setting("false", {})[0] is False
    with pytest.raises(TypeError):
        action.fast_path_setting("maybe", {})


def test_environment_overlay_is_seen_and_restored(monkeypatch):
    monkeypatch.setenv("SMARTERMAIL_USERNAME", "outer")
    monkeypatch.delenv("SMARTERMAIL_URL", raising=False)
    with action.environment({"SMARTERMAIL_URL": "http://x.test", "SMARTERMAIL_USERNAME": "inner", "N": 3}):
        assert os.environ["SMARTERMAIL_URL"] == "http://x.test"
        assert os.environ["SMARTERMAIL_USERNAME"] == "inner"
        assert os.environ["N"] == "3"
    assert "SMARTERMAIL_URL" not in os.environ and "N" not in os.environ
    assert os.environ["SMARTERMAIL_USERNAME"] == "outer"


def run(resource, args, **env):
    with action.environment(env):
        return action.ModuleRun(resource, "mailops.smartermail.m").run(args, False, False)


def test_validation_errors_are_the_modules():
    result, failed = run(AliasResource, dict(domain="d.test", name="a", aliases=[], url="http://x", username="u",
                                             password="Admin-Pw-3"))
    assert failed and result["msg"] == "parameters are mutually exclusive: name|aliases"
    result, failed = run(AliasResource, dict(domain="d.test", aliases=[dict(name="x", bogus=1)]))
    assert failed and result["msg"].startswith("Unsupported parameters for (mailops.smartermail.m) module: "
                                               "aliases.bogus. Supported parameters include:")
    result, failed = run(DomainResource, dict(name="d.test", state="maybe"))
    assert failed and result["msg"] == "value of state must be one of: present, absent, got: maybe"
    assert result["invocation"]["module_args"]["state"] == "maybe"


def test_env_fallback_reads_the_task_environment_and_password_is_masked():
    result, failed = run(DomainResource, dict(name="d.test", timeout=0), SMARTERMAIL_URL="http://x.test",
                         SMARTERMAIL_USERNAME="u", SMARTERMAIL_PASSWORD="Secret-Pw-1")
    assert failed and result["msg"] == "invalid input: timeout must be from 1 to 3600 seconds, got 0"
    args = result["invocation"]["module_args"]
    assert args["url"] == "http://x.test" and args["username"] == "u"
    assert args["password"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    result, failed = run(DomainResource, dict(name="d.test"))
    assert failed and result["msg"].startswith("missing connection options: url (or the SMARTERMAIL_URL")


def test_secret_values_of_the_resource_are_masked_in_messages():
    # A password under settings is a secret value of the resource (not a no_log option).
    result, failed = run(UserResource, dict(domain="d.test", name="a", settings={"password": "Free-Form-Pw-9"},
                                            timeout=0, url="http://x", username="u", password="Admin-Pw-3"))
    assert failed
    assert "Free-Form-Pw-9" not in repr(result)


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-1000, 100000), st.floats(allow_nan=False, allow_infinity=False),
                     st.text(alphabet='ab1."\\\n\u00e9\u2603 ', max_size=8))
_RESULTS = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(alphabet='ab1"', max_size=3), inner, max_size=4)), max_leaves=20)


@settings(max_examples=400, deadline=None)
@given(result=st.dictionaries(st.text(alphabet="abc", max_size=3), _RESULTS, max_size=4),
       secrets=st.sets(st.text(alphabet='ab1."\\\n\u00e9\u2603 ', min_size=1, max_size=4), max_size=3))
def test_masking_equals_remove_values(result, secrets):
    """The fast path's masking skips remove_values' walk only where the walk would change nothing."""
    expected = remove_values(copy.deepcopy(result), secrets)
    assert action.masked(copy.deepcopy(result), secrets) == expected


@settings(max_examples=150, deadline=None)
@given(result=st.dictionaries(st.text(alphabet="abc", max_size=3), _RESULTS, max_size=4),
       secrets=st.sets(st.text(alphabet='ab1."\\\n\u00e9\u2603 ', min_size=1, max_size=6),
                       min_size=action.MANY + 1, max_size=action.MANY + 40))
def test_masking_with_many_values_equals_remove_values(result, secrets):
    """With more than MANY no_log values (the passwords of a task of many domains) the lists are masked
    through an index of the values: the same result as remove_values."""
    expected = remove_values(copy.deepcopy(result), secrets)
    assert action.masked(copy.deepcopy(result), secrets) == expected


def test_masking_of_thousands_of_passwords_is_linear():
    """20,000 users with their passwords: each masked as remove_values masks it (the index path)."""
    users = [{"name": "u%05d" % i, "password": "Pw-%05d-secret" % i, "note": "was Pw-%05d-secret" % i}
             for i in range(20000)]
    secrets = set(u["password"] for u in users)
    out = action.masked({"invocation": {"module_args": {"users": users}}}, secrets)["invocation"]["module_args"]
    assert out["users"][123] == {"name": "u00123", "password": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER",
                                 "note": "was ********"}


def test_masking_of_a_large_result_without_secrets_returns_it_whole():
    result = {"aliases": [{"name": "a%05d" % i, "addresses": ["a%05d@dest.test" % i]} for i in range(5000)]}
    result["invocation"] = {"module_args": {"aliases": result["aliases"], "password": "Sup3r-Secret"}}
    out = action.masked(result, {"Sup3r-Secret"})
    assert out["aliases"] is result["aliases"] and out["invocation"]["module_args"]["aliases"] is result["aliases"]
    assert out["invocation"]["module_args"]["password"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    result["aliases"][4999]["addresses"].append("x-Sup3r-Secret@dest.test")
    assert action.masked(result, {"Sup3r-Secret"})["aliases"][4999]["addresses"][1] == "x-********@dest.test"


def test_invocation_is_returned_as_the_module_returns_it():
    # ansible-core 2.21 added the INJECT_INVOCATION setting (default false): modules return `invocation`
    # only when it is on; before it, always.
    from ansible.module_utils.common.parameters import PASS_VARS
    assert action.inject_invocation({}) is ("inject_invocation" not in PASS_VARS)
    assert action.inject_invocation({"ansible_inject_invocation": True}) is True
    args = dict(name="d.test", state="maybe")
    result, failed = action.ModuleRun(DomainResource, "m", inject_invocation=False).run(args, False, False)
    assert failed and "invocation" not in result
    result, failed = action.ModuleRun(DomainResource, "m", inject_invocation=True).run(args, False, False)
    assert failed and result["invocation"]["module_args"]["state"] == "maybe"
