# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""scripts/generate.py: the options of every module with a resource table are generated from it,
meta/runtime.yml and the targets' boilerplate follow the modules, and what is stale is found."""

import os
import subprocess
import sys

import pytest

from harness import ROOT

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain_alias import (
    DomainAliasResource,
)

sys.path.insert(0, os.path.join(ROOT, "scripts"))
import generate  # noqa: E402


def test_generated_module_options_are_current():
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "generate.py"), "--check"], env=env,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    # and a stale options block is found
    module = os.path.join(ROOT, "plugins", "modules", "smartermail_domain_alias.py")
    with open(module, encoding="utf-8") as handle:
        source = handle.read()
    stale = source.replace("    default: true\n", "    default: false\n", 1)
    table = DomainAliasResource.table
    assert generate.replace_options(stale, generate.render(table)) == source
    assert stale != source


def test_runtime_follows_the_modules():
    with open(os.path.join(ROOT, "meta", "runtime.yml"), encoding="utf-8") as handle:
        current = handle.read()
    assert generate.runtime_text(current) == current
    # a module missing from its group and its routing is put back; the redirects stay
    dropped = current.replace("    - smartermail_rbl\n", "", 1).replace(
        "    smartermail_rbl:\n      action_plugin: mailops.smartermail.resource\n", "", 1)
    assert dropped != current and generate.runtime_text(dropped) == current
    assert "redirect: mailops.smartermail.plesk_spamfilter\n" in current


def test_missing_target_boilerplate_is_written(monkeypatch, tmp_path):
    (tmp_path / "setup_emulator").mkdir()
    (tmp_path / "new_target" / "tasks").mkdir(parents=True)
    (tmp_path / "done" / "tasks").mkdir(parents=True)
    for name in ("aliases", "runme.sh"):
        (tmp_path / "done" / name).write_text("x")
    monkeypatch.setattr(generate, "TARGETS", str(tmp_path))
    files = generate.target_files()
    assert sorted(os.path.relpath(p, str(tmp_path)) for p in files) == ["new_target/aliases", "new_target/runme.sh"]
    with open(os.path.join(ROOT, "tests", "integration", "targets", "smartermail_rbl", "runme.sh")) as handle:
        assert files[str(tmp_path / "new_target" / "runme.sh")] == handle.read()


def test_an_option_a_doc_fragment_documents_is_left_out():
    from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.spamassassin_server import (
        SpamAssassinServerResource,
    )
    module = os.path.join(ROOT, "plugins", "modules", "smartermail_spamassassin_server.py")
    with open(module, encoding="utf-8") as handle:
        source = handle.read()
    documented = generate.fragment_options(source)
    assert documented["state"]["default"] == "present"
    table = SpamAssassinServerResource.table
    block = generate.render(table, documented)
    assert "\n  state:" not in block and "\n      state:" in block  # the entry's state stays
    assert "\n  state:" in generate.render(table)
    # a fragment that does not say what the table says fails the generation
    wrong = dict(documented["state"], default="absent")
    with pytest.raises(ValueError, match="option state: the doc fragment says"):
        generate.render(table, {"state": wrong})
