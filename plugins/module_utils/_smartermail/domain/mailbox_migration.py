# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mailbox migrations of a SmarterMail server: queue one, report the queue, remove one. The table, the
resource and its SOAP (svcUserAdmin) adapter.

The queue (GetMigrationStatus, one call) says, per item, only its id, its destination mailbox and a
status: not where it migrates from. So a destination with an item still pending counts as "this
migration is queued": queueing again is skipped unless ``force`` (then it is not idempotent: each
run queues one more). Removing (RemoveFromMigrationQueue, one call per pending item of the
destination) is idempotent. An item whose status says it ended (completed, finished, failed,
error, cancelled) is no longer pending: it is reported, never removed, and does not block a new one.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    Adapter,
    Resource,
    diff,
    setting_text,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    address_key,
    collect,
    email_error,
    port_error,
)

SERVICE = "svcUserAdmin"
IMPORT_TYPES = ["hotmail", "yahoo", "other", "mailenable", "imail", "mdaemon", "icewarp", "communigate", "kerio",
                "openxchange", "zimbra", "exchangeother", "gmail", "exchange2007orlater"]
IMPORT_ITEMS = ["email", "contacts", "calendar", "tasks", "notes"]
# import types that reach a known service: no server address needed
HOSTED = ("hotmail", "yahoo", "gmail")
ENDED = ("complete", "finish", "fail", "error", "cancel")

# the SOAP column: the QueueMailBoxMigration key of each option
TABLE = Table([
    Option("state", [
        "V(queued) queues a migration into O(destination) unless one is pending there (see O(force)).",
        "V(absent) removes the pending migrations of O(destination) from the queue.",
        "V(status) reports the queue (the items of O(destination) when given) and writes nothing.",
    ], choices=["queued", "absent", "status"], default="queued"),
    Option("destination", "The mailbox of this server the mail goes to, an existing user's address. Required unless "
           "O(state=status).", soap="DESTINATION"),
    Option("import_type", "Where the mail comes from (C(IMPORTTYPE)). Required with O(state=queued).",
           choices=IMPORT_TYPES, soap="IMPORTTYPE"),
    Option("import_items", "What to import (C(IMPORTITEMS)).", type="list", elements="str", choices=IMPORT_ITEMS,
           default=["email"], soap="IMPORTITEMS"),
    Option("server_address", "The source server (C(SERVERADDRESS)); required unless O(import_type) is hotmail, yahoo "
           "or gmail.", soap="SERVERADDRESS"),
    Option("port", "The port of the source server (C(PORT)).", type="int", soap="PORT"),
    Option("use_ssl", "Whether to connect to the source with SSL (C(USESSL)).", type="bool", soap="USESSL"),
    Option("source_username", "The user name of the source mailbox (C(USERNAME)).", soap="USERNAME"),
    Option("source_password", "The password of the source mailbox (C(PASSWORD)); never shown.", secret=True,
           soap="PASSWORD"),
    Option("exchange_domain", "The Exchange 2007 or later domain (C(DOMAIN)).", soap="DOMAIN"),
    Option("delete_current_mailbox", "Whether the destination mailbox is emptied before the migration "
           "(C(DELETECURRENTMAILBOX)).", type="bool", soap="DELETECURRENTMAILBOX"),
    Option("force", "Queue the migration even when one into O(destination) is pending (not idempotent).",
           type="bool", default=False),
], required_if=[("state", "queued", ("destination", "import_type")), ("state", "absent", ("destination",))])
# option -> the QueueMailBoxMigration key, for the keys sent after DESTINATION, IMPORTTYPE and IMPORTITEMS
KEYS = tuple((o.name, o.column("soap")) for o in TABLE.options
             if o.column("soap") and o.name not in ("destination", "import_type", "import_items"))


def pending(status):
    text = ("%s" % (status or "")).strip().lower()
    return not any(word in text for word in ENDED)


def read_queue(client):
    """Every item of the queue: [{id, destination, status}] (one call)."""
    items = client.call(SERVICE, "GetMigrationStatus")
    if isinstance(items, dict):  # a server that wraps the array
        items = items.get("StatusResults") or items.get("Results") or []
    return [{"id": "%s" % (i.get("ID") or ""), "destination": address_key(i.get("emailAddress")),
             "status": "%s" % (i.get("status") or "")} for i in items or [] if i.get("ID")]


class SoapMailboxMigration(Adapter):
    """svcUserAdmin: ``GetMigrationStatus``, ``QueueMailBoxMigration``, ``RemoveFromMigrationQueue``."""

    api = "soap"

    def read_queue(self, client):
        return read_queue(client)

    def plan_create(self, plan, entry, desired):
        params = self.params
        values = [("DESTINATION", entry["key"]), ("IMPORTTYPE", params["import_type"]),
                  ("IMPORTITEMS", ",".join(i for i in IMPORT_ITEMS if i in params["import_items"]))]
        for option, key in KEYS:
            if params.get(option) is not None and params[option] != "":
                values.append((key, params[option]))
        plan.add("create", "QueueMailBoxMigration", "queue a %s migration of %s into %s" % (
            params["import_type"], "/".join(i for i in IMPORT_ITEMS if i in params["import_items"]), entry["key"]),
            {"parameters": ["%s=%s" % (k, setting_text(v).lower() if isinstance(v, bool) else setting_text(v))
                            for k, v in values]}, key=entry["key"], service=SERVICE)
        desired["pending"] = list(desired["pending"]) + [{"id": None, "status": "(queued by this task)"}]

    def plan_update(self, plan, entry, current, desired, changed):
        # force: queue one more although an item for this destination is pending
        self.plan_create(plan, entry, desired)

    def plan_remove(self, plan, key, current):
        for item in current["pending"]:
            plan.add("remove", "RemoveFromMigrationQueue", "remove migration %s into %s from the queue"
                     % (item["id"], key), {"itemID": item["id"]}, key=key, service=SERVICE)


class MailboxMigrationResource(Resource):
    json_missing = "no known endpoint of the JSON API manages mailbox migrations"
    backend = "smartermail"
    module = "smartermail_mailbox_migration"
    item = "migration"
    items = "migrations"
    key_option = None
    table = TABLE
    argument_spec = TABLE.argument_spec()
    adapters = {"soap": SoapMailboxMigration}

    def __init__(self, params, api=None):
        super(MailboxMigrationResource, self).__init__(params, api)
        self.queue = []
        self.shown = None
        self.read_again = False

    def normalize_key(self, value):
        return address_key(value) or None

    def validate(self):
        params, errors = self.params, []
        state = params.get("state") or "queued"
        destination = params.get("destination")
        if destination is not None:
            errors.extend(collect([(email_error, destination, "destination")]))
        if state == "queued":
            kind = params.get("import_type")
            items = params.get("import_items") or []
            if not items:
                errors.append("import_items must name at least one of %s" % ", ".join(IMPORT_ITEMS))
            if kind == "gmail" and set(items) & {"calendar", "contacts"}:
                errors.append("gmail calendars and contacts cannot be queued (Google's authentication does not "
                              "allow it): import only email, tasks or notes from gmail")
            if kind not in HOSTED and not params.get("server_address"):
                errors.append("server_address is required for import_type %s" % kind)
            errors.extend(collect([(port_error, params.get("port"), "port")]))
            address = params.get("server_address")
            if address is not None and (not address.strip() or any(c.isspace() for c in address.strip())):
                errors.append("server_address %r must be a host name or an IP address" % address)
        if state == "status":
            # nothing to plan: the queue is read and reported (for ``destination`` when given)
            self.shown = address_key(destination) if destination else None
            return [], errors
        self.shown = address_key(destination or "")
        return [{"key": address_key(destination or ""), "state": "present" if state == "queued" else "absent"}], errors

    # -- reading ----------------------------------------------------------------------------
    def read(self, client, entries):
        """The destinations with pending items (one call); the whole queue is kept for the result."""
        self.queue = self.adapter.read_queue(client)
        current = {}
        for item in self.queue:
            if pending(item["status"]):
                current.setdefault(item["destination"], {"destination": item["destination"], "pending": []})
                current[item["destination"]]["pending"].append({"id": item["id"], "status": item["status"]})
        return current

    def read_back(self, client, outcome):
        self.queue = self.adapter.read_queue(client)
        self.read_again = True

    # -- planning ---------------------------------------------------------------------------
    def desired(self, entry, current):
        return dict(current or {"destination": entry["key"], "pending": []})

    def changes(self, entry, current, desired):
        return ["queue"] if self.params.get("force") else []

    # -- output -----------------------------------------------------------------------------
    def result(self, outcome):
        destination = self.shown
        queue = [i for i in self.queue if destination is None or i["destination"] == destination]
        result = {"queue": queue, "diff": diff({}, {})}
        if outcome.entries:
            before = (outcome.before.get(destination) or {}).get("pending") or []
            after = (outcome.after.get(destination) or {}).get("pending") or []
            if self.read_again:  # after writes: the queue as the server holds it now
                after = [{"id": i["id"], "status": i["status"]} for i in queue if pending(i["status"])]
            result["diff"] = diff({"pending": before}, {"pending": after})
        return result
