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


def test_requires_ansible_matches_the_tested_versions():
    with open(os.path.join(ROOT, "meta", "runtime.yml")) as handle:
        runtime = yaml.safe_load(handle)
    with open(os.path.join(ROOT, "requirements-dev.txt")) as handle:
        pinned = [line.split("==")[1].strip() for line in handle if line.startswith("ansible-core==")][0]
    minimum = runtime["requires_ansible"].lstrip(">=")
    assert tuple(int(x) for x in pinned.split(".")[:2]) >= tuple(int(x) for x in minimum.split(".")[:2])
