# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Users and aliases as tables: nested suboptions documented per form, an explicit no_log=False, the
JSON column's refusals, and the JSON adapter's writes planned from the table (no server)."""
import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_adapter import MB
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.alias import (
    AliasResource,
    JsonAliases,
    SoapAliases,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.user import (
    JsonUsers,
    SoapUsers,
    UserResource,
)

SUB = [Option("body", ["Text, the long form.", "Second paragraph."], entry_doc="Text.")]
TABLE = Table([
    Option("name", "The key.", required=True),
    Option("reply", "A reply.", type="dict", options=SUB, entry_doc="A reply, as the top-level O(reply)."),
    Option("update_secret", "When to write it.", choices=["always", "on_create"], default="always", no_log=False,
           entry=False),
], list_option="things", list_doc="Many things.")


def test_a_nested_suboption_says_its_entry_text_inside_the_list_form():
    docs = TABLE.documentation()
    assert docs["reply"]["suboptions"]["body"]["description"] == ["Text, the long form.", "Second paragraph."]
    entry = docs["things"]["suboptions"]["reply"]
    assert entry["description"] == ["A reply, as the top-level O(reply)."]  # one paragraph, not its letters
    assert entry["suboptions"]["body"]["description"] == ["Text."]


def test_an_explicit_no_log_false_stays_in_the_spec():
    # an option named like a secret that is none: without it AnsibleModule warns
    assert TABLE.argument_spec().argument_spec["update_secret"] == dict(
        type="str", choices=["always", "on_create"], default="always", no_log=False)
    assert "no_log" not in TABLE.argument_spec().argument_spec["name"]


def test_adapters_are_siblings():
    for soap, json in ((SoapUsers, JsonUsers), (SoapAliases, JsonAliases)):
        assert issubclass(soap, engine.Adapter) and issubclass(json, engine.Adapter)
        assert not issubclass(json, soap) and not issubclass(soap, json)
    for resource in (UserResource, AliasResource):
        assert not any(issubclass(a, resource) for a in resource.adapters.values())


USER = {"domain": "ex.test", "name": None, "user_password": None, "update_password": "always", "first_name": None,
        "last_name": None, "domain_admin": None, "max_mailbox_size_mb": None, "forwarding": None,
        "auto_responder": None, "settings": None, "activesync": None, "rss_feeds": None, "verify_password": None,
        "state": "present", "users": None, "purge": False, "keep": []}
WHY_PASSWORD = ("a password with update_password: always cannot be managed over the JSON API by smartermail_user: "
                "the JSON API never returns a password, so the task cannot tell whether it differs (set "
                "update_password: on_create to set it when the user is created); use api: soap")


@pytest.mark.parametrize("params, error", [
    ({"user_password": "Pw-1-long!"}, WHY_PASSWORD),
    ({"users": [{"name": "bob", "password": "Pw-1-long!"}]}, WHY_PASSWORD),
    ({"auto_responder": {"enabled": True, "start": "2026-07-01", "end": "2026-07-31"}},
     "auto_responder start or end cannot be managed over the JSON API by smartermail_user: the JSON API's "
     "auto-responder (settings/auto-responder with the user's token, one client only) carries no time window; "
     "use api: soap"),
    ({"settings": {"skin": "x"}}, "settings cannot be managed over the JSON API by smartermail_user: the SOAP user "
     "settings keys have no known JSON API names; use api: soap"),
    ({"verify_password": "Pw-1-long!"}, "verify_password cannot be managed over the JSON API by smartermail_user: "
     "no known endpoint checks a user's password without logging in as the user; use api: soap"),
])
def test_json_refusals_come_from_the_table(params, error):
    params = dict(USER, **params)
    if params["users"] is None:
        params["name"] = "bob"
    else:
        params["users"] = [dict(dict((o, None) for o in UserResource.table.entry_options()), state="present", **e)
                           for e in params["users"]]
    with pytest.raises(engine.InputError) as err:
        engine.validate(UserResource(params, api="json"))
    assert err.value.errors == [error]
    assert engine.validate(UserResource(params, api="soap"))


def test_json_serves_a_password_set_on_create_only():
    params = dict(USER, name="bob", user_password="Pw-1-long!", update_password="on_create")
    assert engine.validate(UserResource(params, api="json"))


def test_json_update_is_planned_from_the_json_column():
    params = dict(USER, name="bob", update_password="on_create", first_name="Bob", max_mailbox_size_mb=50,
                  forwarding={"addresses": ["B@Else.test"], "delete_on_forward": None})
    resource = UserResource(params, api="json")
    current = {"bob": {"name": "bob", "first_name": "", "last_name": "", "domain_admin": False,
                       "max_mailbox_size_mb": 10, "password": None,
                       "forwarding": {"addresses": [], "delete_on_forward": True}}}
    out = engine.plan(resource, engine.validate(resource), current)
    writes = out.plan.writes
    assert [w.operation for w in writes] == [
        "POST settings/domain/post-user", "POST settings/domain/post-user-mail",
        "POST settings/domain/post-mailbox-forward-list", "POST settings/domain/post-user-mail"]
    assert writes[0].params["body"] == {"email": "bob@ex.test", "userData": {"maxMailboxSize": 50 * MB}}
    assert writes[0].refresh.changed == (("body", "userData", "maxMailboxSize"),)
    assert writes[1].params["body"] == {"email": "bob@ex.test",
                                        "userMailSettings": {"userContactInfo": {"firstName": "Bob"}}}
    assert writes[0].description == writes[1].description == "update first_name, max_mailbox_size_mb of user bob@ex.test"
    assert writes[2].params["body"] == {"email": "bob@ex.test", "mailboxForwardList": {
        "forwardList": ["b@else.test"], "deleteOnForward": True}}
    assert writes[3].params["body"]["userMailSettings"] == {"enableMailForwarding": True}
    assert all(w.refresh.target == "bob@ex.test" for w in writes)
