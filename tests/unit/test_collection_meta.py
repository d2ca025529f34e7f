# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Collection metadata that users rely on: action groups cover every module."""
import os

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def modules():
    folder = os.path.join(ROOT, "plugins", "modules")
    return sorted(n[:-3] for n in os.listdir(folder) if n.endswith(".py") and not n.startswith("_"))


def test_every_module_is_in_its_action_group():
    with open(os.path.join(ROOT, "meta", "runtime.yml")) as handle:
        runtime = yaml.safe_load(handle)
    groups = runtime["action_groups"]
    for name in modules():
        group = "plesk" if name.startswith("plesk_") else "smartermail"
        assert name in (groups.get(group) or []), "%s is not in action group %s" % (name, group)
    listed = set(m for members in groups.values() for m in (members or []))
    assert listed <= set(modules()), "action groups name modules that do not exist: %s" % (listed - set(modules()))


def pinned_core(name):
    """major.minor of the ansible-core a requirements file pins (the files ship with the collection)."""
    with open(os.path.join(ROOT, name)) as handle:
        version = [line.split("==")[1].strip() for line in handle if line.startswith("ansible-core==")][0]
    return tuple(int(x) for x in version.split(".")[:2])


def test_requires_ansible_matches_the_tested_versions():
    with open(os.path.join(ROOT, "meta", "runtime.yml")) as handle:
        runtime = yaml.safe_load(handle)
    minimum = tuple(int(x) for x in runtime["requires_ansible"].lstrip(">=").split(".")[:2])
    legs = [pinned_core(name) for name in ("requirements-oldest.txt", "requirements-dev.txt",
                                           "requirements-2.20.txt", "requirements-newest.txt")]
    # the oldest admitted release is the one tested as oldest; the legs go up one release at a time
    assert legs[0] == minimum
    assert legs == [(minimum[0], minimum[1] + n) for n in range(len(legs))]
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
        readme = handle.read()
    stated = "Tested with ansible-core %s" % ", ".join("%d.%d" % leg for leg in legs[:-1])
    assert stated + " and %d.%d" % legs[-1] in readme


ACTION = "mailops.smartermail.resource"


def test_every_module_is_routed_to_the_action_plugin():
    """Without its routing a module loses the fast path silently: it still runs, as a module process."""
    with open(os.path.join(ROOT, "meta", "runtime.yml")) as handle:
        routing = yaml.safe_load(handle)["plugin_routing"]["modules"]
    for name in modules():
        entry = routing.get(name) or {}
        assert entry.get("action_plugin") == ACTION, "%s is not routed to %s in meta/runtime.yml" % (name, ACTION)
    for name, entry in routing.items():
        if "action_plugin" in entry:
            assert name in modules(), "meta/runtime.yml routes %s, which is not a module" % name
        else:  # the other entries are renames: they redirect to a routed module
            assert entry["redirect"].rpartition(".")[2] in modules(), name
    # the action named is the collection's one action plugin; no action file per module is left
    action_dir = os.path.join(ROOT, "plugins", "action")
    assert sorted(n for n in os.listdir(action_dir) if n.endswith(".py")) == ["__init__.py", "resource.py"]
