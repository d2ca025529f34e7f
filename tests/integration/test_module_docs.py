# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""scripts/module_docs.py: the options of every module with a resource table are generated from it,
and a stale options block is found."""

import os
import subprocess
import sys

from harness import ROOT

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain_alias import (
    DomainAliasResource,
)

sys.path.insert(0, os.path.join(ROOT, "scripts"))
import module_docs  # noqa: E402


def test_generated_module_options_are_current():
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "module_docs.py"), "--check"], env=env,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    # and a stale options block is found
    module = os.path.join(ROOT, "plugins", "modules", "smartermail_domain_alias.py")
    with open(module, encoding="utf-8") as handle:
        source = handle.read()
    stale = source.replace("    default: true\n", "    default: false\n", 1)
    table = DomainAliasResource.table
    assert module_docs.replace_options(stale, module_docs.render(table)) == source
    assert stale != source
