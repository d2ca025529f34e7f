# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The resource table: the argument spec, the comparison fields, the refusals and the documented
options all come from it."""

import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import NotServed, Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain_alias import (
    DomainAliasResource,
)


def test_domain_alias_spec_is_the_one_it_had_by_hand():
    # the spec 1.0.0 wrote by hand: the table must give the same options and rules
    spec = DomainAliasResource.argument_spec
    assert spec.argument_spec == dict(
        domain=dict(type="str", required=True),
        name=dict(type="str"),
        names=dict(type="list", elements="str"),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        mx_check=dict(type="bool", default=True),
        purge=dict(type="bool", default=False),
        keep=dict(type="list", elements="str", default=[], no_log=False),
    )
    assert spec.rules["mutually_exclusive"] == [("name", "names")]
    assert spec.rules["required_one_of"] == [("name", "names")]


ROWS = [
    Option("name", "The key.", required=True),
    Option("size_mb", "A size.", type="int", rule="number", soap="Size", json=NotServed("no field is known")),
    Option("secret", "A secret.", rule="secret", secret=True, soap="Pw", json="password"),
    Option("state", "Whether it exists.", choices=["present", "absent"], default="present"),
]


class Thing(engine.Resource):
    backend = "smartermail"
    module = "smartermail_thing"
    table = Table(ROWS, list_option="things", list_doc="Many things.")
    list_option = "things"

    def validate(self):
        return [dict(raw, key=raw["name"]) for raw in self.raw_entries()], []


def params(**values):
    out = dict((name, None) for name in Thing.argument_spec.argument_spec)
    out.update(state="present", purge=False, keep=[])
    out.update(values)
    return out


def test_list_form_spec_from_the_table():
    spec = Thing.argument_spec
    assert spec.argument_spec["things"]["options"]["size_mb"] == dict(type="int")
    assert spec.argument_spec["things"]["options"]["secret"] == dict(type="str", no_log=True)
    assert spec.argument_spec["things"]["options"]["name"] == dict(type="str", required=True)
    assert "required" not in spec.argument_spec["name"]  # the key is not required beside the list
    assert ("things", "size_mb") in spec.rules["mutually_exclusive"]


def test_a_resource_takes_spec_fields_and_entry_options_from_its_table():
    assert Thing.argument_spec.argument_spec == Thing.table.argument_spec().argument_spec
    assert Thing.fields == Thing.table.fields()
    assert Thing.entry_options == ("name", "size_mb", "secret", "state")
    entry = Thing(params(name="a", size_mb=5)).raw_entries()[0]
    assert entry == {"name": "a", "size_mb": 5, "secret": None, "state": "present"}


def test_fields_carry_rule_secret_and_soap_name():
    fields = Thing.table.fields()
    assert [(f.option, f.wire, f.rule, f.secret) for f in fields] == [
        ("size_mb", "Size", "number", False), ("secret", "Pw", "secret", True)]


@pytest.mark.parametrize("where", ["top", "entry"])
def test_not_served_is_an_input_error_naming_the_reason(where):
    values = dict(name="a", size_mb=5) if where == "top" else dict(things=[dict(name="a", size_mb=5, state="present")])
    with pytest.raises(engine.InputError) as err:
        engine.validate(Thing(params(**values), api="json"))
    assert ("size_mb cannot be managed over the JSON API by smartermail_thing: no field is known; use api: soap"
            in str(err.value))
    # the SOAP column serves it
    assert engine.validate(Thing(params(**values), api="soap"))


def test_documentation_matches_the_spec():
    docs = Thing.table.documentation()
    assert list(docs) == ["name", "things", "size_mb", "secret", "state"]
    assert docs["things"]["suboptions"]["size_mb"] == {"description": ["As O(size_mb), for this entry."], "type": "int"}
    assert docs["name"].get("required") is None
    assert docs["state"]["choices"] == ["present", "absent"]
