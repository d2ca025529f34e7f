# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The fast path's decision and its validation against AnsibleModule's (plugins/plugin_utils/_resource_action.py)."""
import os
import re

import pytest

from ansible_collections.mailops.smartermail.plugins.plugin_utils import _resource_action as action
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail_alias import AliasResource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail_domain import DomainResource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail_user import UserResource

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
MODULES = os.path.join(ROOT, "plugins", "modules")
DEFAULT = (True, "default")


def test_every_module_maps_to_the_resource_its_main_runs():
    names = sorted(f[:-3] for f in os.listdir(MODULES) if f.endswith(".py"))
    assert sorted(action.RESOURCES) == names
    for name in names:
        with open(os.path.join(MODULES, name + ".py")) as handle:
            source = handle.read()
        cls = re.search(r"run_resource\((\w+)\)", source).group(1)
        assert action.resource_class("mailops.smartermail." + name).__name__ == cls, name


def test_every_module_has_its_action():
    import importlib
    for name in action.RESOURCES:
        plugin = importlib.import_module("ansible_collections.mailops.smartermail.plugins.action." + name)
        assert issubclass(plugin.ActionModule, action.ResourceAction), name


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
