# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The table beyond SmarterMail's two columns: another backend's column (``columns=``), an entry
option that takes the top level's value when unset (``inherit``), and the Plesk spam filter's
options, spec and docs from its table."""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._plesk.spamfilter import (
    PleskSpamFilters,
    SpamFilterInfoResource,
    SpamFilterResource,
)

ROWS = [
    Option("name", "The key.", required=True),
    Option("purge", "Remove what is not given.", type="bool", default=False, inherit=True,
           entry_doc="Overrides O(purge) for this entry."),
    Option("size", "A size.", type="int", rule="number", soap="Size", columns={"plesk": "size-mb"}),
    Option("label", "A label.", rule="exact", columns={"plesk": "label"}),
]
TABLE = Table(ROWS, list_option="things", list_doc="Many things.")


def test_another_backend_column_names_the_wire_of_its_fields():
    assert [(f.option, f.wire, f.rule) for f in TABLE.fields(backend="plesk")] == [
        ("size", "size-mb", "number"), ("label", "label", "exact")]
    # the SOAP column stays what it was, and a row without a cell has none
    assert [(f.option, f.wire) for f in TABLE.fields()] == [("size", "Size"), ("label", None)]
    assert TABLE.column("plesk") == {"size": "size-mb", "label": "label"}
    assert TABLE["name"].column("plesk") is None


def test_an_inherited_option_has_no_default_in_the_entries():
    spec = TABLE.argument_spec().argument_spec
    assert spec["things"]["options"]["purge"] == dict(type="bool")
    assert TABLE["purge"].spec() == dict(type="bool", default=False)
    docs = TABLE.documentation()
    assert docs["purge"]["default"] is False
    assert docs["things"]["suboptions"]["purge"] == dict(description=["Overrides O(purge) for this entry."],
                                                         type="bool")


def test_entry_doc_given_as_one_text_is_one_paragraph():
    docs = TABLE.documentation()
    assert docs["things"]["suboptions"]["purge"]["description"] == ["Overrides O(purge) for this entry."]
    assert docs["things"]["suboptions"]["size"]["description"] == ["As O(size), for this entry."]


def _doc_spec(docs):
    """The argument spec keys the documentation states, option by option."""
    out = {}
    for name, doc in docs.items():
        out[name] = dict((k, doc[k]) for k in ("type", "elements", "required", "choices", "default", "aliases")
                         if k in doc)
        if "suboptions" in doc:
            out[name]["options"] = _doc_spec(doc["suboptions"])
    return out


def _spec(spec):
    out = {}
    for name, option in spec.items():
        out[name] = dict((k, v) for k, v in option.items() if k not in ("no_log", "fallback"))
        if "options" in option:
            out[name]["options"] = _spec(option["options"])
    return out


def test_spam_filter_docs_and_spec_both_come_from_its_table():
    for resource in (SpamFilterResource, SpamFilterInfoResource):
        assert _doc_spec(resource.table.documentation()) == _spec(resource.argument_spec.argument_spec), resource
    spec = SpamFilterResource.argument_spec
    # the spec 1.0.0 wrote by hand: no keep (no filter is ever removed), an entry's purge unset takes the task's
    assert spec.argument_spec["purge"] == dict(type="bool", default=False)
    assert spec.argument_spec["mailboxes"]["options"]["purge"] == dict(type="bool")
    assert "keep" not in spec.argument_spec
    assert spec.rules["mutually_exclusive"] == [("name", "mailboxes")] + [("mailboxes", o) for o in (
        "enabled", "personal", "max_children", "use_server_wide_settings", "required_score", "rewrite_header",
        "action", "black_list", "white_list", "unblack_list", "unwhite_list")]
    assert spec.rules["required_one_of"] == [("name", "mailboxes")]


def test_spam_filter_wire_names_are_the_table_plesk_column():
    # what the set writes is named by the table's plesk column, the schema's <preferences> children
    assert SpamFilterResource.table.column("plesk")["max_children"] == "max-children-process"
    assert [(f.option, f.wire) for f in SpamFilterResource.fields if f.option != "enabled"] == [
        ("personal", "personal"), ("max_children", "max-children-process"),
        ("use_server_wide_settings", "use-server-wide-settings"), ("required_score", "required-score"),
        ("rewrite_header", "rewrite-header"), ("action", "action")]
    assert SpamFilterResource.adapters == {"plesk": PleskSpamFilters}
