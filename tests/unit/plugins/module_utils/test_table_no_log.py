# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A table row's ``no_log``: true for a secret, false where the row says so (an option whose name looks
secret to Ansible, such as ``settings_keys``), absent otherwise."""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain_info import (
    DomainInfoResource,
)


def test_no_log_false_is_kept_in_the_spec_and_left_out_of_the_docs():
    table = Table([
        Option("settings_keys", "Keys.", type="list", elements="str", no_log=False),
        Option("password", "A secret.", secret=True),
        Option("name", "A name."),
    ])
    spec = table.argument_spec().argument_spec
    assert spec["settings_keys"] == dict(type="list", elements="str", no_log=False)
    assert spec["password"] == dict(type="str", no_log=True)
    assert spec["name"] == dict(type="str")
    assert "no_log" not in table.documentation()["settings_keys"]


def test_domain_info_key_lists_say_no_log_false():
    spec = DomainInfoResource.argument_spec.argument_spec
    assert spec["settings_keys"]["no_log"] is False and spec["defaults_keys"]["no_log"] is False
