# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Planning of mailbox migrations: the queue read in, the exact writes out (no server)."""
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.mailbox_migration import (
    MailboxMigrationResource,
)

QUEUE = [{"ID": "id-1", "emailAddress": "Alice@ex.test", "status": "Queued"},
         {"ID": "id-2", "emailAddress": "alice@ex.test", "status": "Completed"},
         {"ID": "id-3", "emailAddress": "bob@ex.test", "status": "Failed"}]


class Client:
    def call(self, service, operation, **params):
        assert operation == "GetMigrationStatus"
        return QUEUE


def plan(**values):
    checked = ArgumentSpecValidator(**MailboxMigrationResource.argument_spec.to_kwargs()).validate(values)
    assert not checked.error_messages, checked.error_messages
    resource = MailboxMigrationResource(checked.validated_parameters)
    entries = engine.validate(resource)
    out = engine.plan(resource, entries, resource.read(Client(), entries))
    return [(w.operation, w.params) for w in out.plan.writes], out, resource


def test_queue_only_when_nothing_is_pending_or_forced():
    writes, out, dummy = plan(destination="bob@ex.test", import_type="other", server_address="imap.example",
                              import_items=["contacts", "email"], use_ssl=True, port=993,
                              source_password="Src-Pw-1")
    assert writes == [("QueueMailBoxMigration", {"parameters": [
        "DESTINATION=bob@ex.test", "IMPORTTYPE=other", "IMPORTITEMS=email,contacts", "SERVERADDRESS=imap.example",
        "PORT=993", "USESSL=true", "PASSWORD=Src-Pw-1"]})]
    assert "Src-Pw-1" not in repr(out.plan.descriptions())
    args = dict(destination="alice@ex.test", import_type="gmail")
    assert plan(**args)[0] == []
    assert [w[0] for w in plan(force=True, **args)[0]] == ["QueueMailBoxMigration"]


def test_remove_only_pending_items_and_status_writes_nothing():
    assert plan(state="absent", destination="ALICE@ex.test")[0] == [
        ("RemoveFromMigrationQueue", {"itemID": "id-1"})]
    assert plan(state="absent", destination="bob@ex.test")[0] == []
    writes, out, resource = plan(state="status")
    assert writes == [] and len(resource.result(out)["queue"]) == 3
    writes, out, resource = plan(state="status", destination="bob@ex.test")
    assert resource.result(out)["queue"] == [{"id": "id-3", "destination": "bob@ex.test", "status": "Failed"}]


def test_bad_input():
    try:
        plan(destination="alice@ex.test", import_type="other", import_items=["email"])
    except engine.InputError as exc:
        assert "server_address is required for import_type other" in str(exc)
    else:
        raise AssertionError("no input error")
