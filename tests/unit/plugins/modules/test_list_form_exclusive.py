# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""An entry option given at the top level beside the list, in every module with a list form.

It would apply to no entry of the list, so it is an input error before any call to the server
(never silently ignored). Options that apply to the list form itself (``purge``, ``keep``,
``state``, the connection, ``domain`` and the other options a module documents for both forms)
stay allowed. The modules and their entry options are read from the modules themselves, so a
new module with a list form is covered without being named here.
"""
import inspect

import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine

from test_keep_rule import CASES, MODULES  # noqa: E402  pylint: disable=wrong-import-order

# options that go with the list form too
SHARED = ("state", "purge", "keep")
# top-level spellings of an entry option whose top-level name is the connection's
SPELLED = {
    "smartermail_user": ("user_password",),
    "smartermail_mailing_list": ("list_password",),
}
SAMPLES = {"str": "Sample-Text-7q", "bool": True, "int": 1, "list": ["x"], "dict": {"k": "v"}, "path": "/tmp/x"}


def resource_class(module):
    return [v for v in vars(module).values() if inspect.isclass(v) and issubclass(v, engine.Resource)
            and v.list_option and "keep" in v.argument_spec.argument_spec][0]


def entry_options(name):
    """The top-level options of ``name`` that are options of one entry of its list: (option, value)."""
    cls = resource_class(MODULES[name])
    spec = cls.argument_spec.argument_spec
    listed = spec[cls.list_option]
    if listed.get("elements") == "dict":
        # an inherited option (an entry's ``domain``) is the default of the entries that leave it unset
        inherited = [o.name for o in (cls.table.options if cls.table else ()) if o.inherit]
        names = [o for o in listed["options"] if o in spec and o not in SHARED + tuple(inherited)]
    else:  # a list of bare names: its entry option is the key
        keys = cls.key_options if isinstance(getattr(cls, "key_options", None), tuple) else (cls.key_option,)
        names = [o for o in keys if o in spec]
    names += list(SPELLED.get(name, ()))
    return [(o, [] if spec[o].get("elements") == "dict" else SAMPLES[spec[o].get("type", "str")])
            for o in sorted(set(names))]


PAIRS = [(name, option, value) for name in sorted(CASES) for option, value in entry_options(name)]


def test_every_module_with_a_list_form_has_entry_options():
    assert sorted(set(p[0] for p in PAIRS)) == sorted(MODULES)
    assert len(PAIRS) > 2 * len(MODULES)


@pytest.mark.parametrize("name, option, value", PAIRS, ids=["%s-%s" % p[:2] for p in PAIRS])
def test_an_entry_option_beside_the_list_fails_before_any_call(server, run_module, name, option, value):
    args = dict(CASES[name][0])
    list_option = resource_class(MODULES[name]).list_option
    args[option] = value
    server.requests.clear()
    result = run_module(MODULES[name], args)
    assert result.get("failed"), (option, result)
    assert "mutually exclusive" in result["msg"], result["msg"]
    named = set(result["msg"].split(":", 1)[1].replace("|", " ").replace(",", " ").split())
    assert {option, list_option} <= named, result["msg"]
    assert server.requests == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_options_of_the_list_form_stay_allowed(server, run_module, name):
    args = dict(CASES[name][0], state="present", purge=False, keep=[])
    result = run_module(MODULES[name], args)
    # the emulator may lack the domain: the task then fails on the server's answer, not on its input
    assert "mutually exclusive" not in result.get("msg", ""), result
    assert not result.get("changed")
