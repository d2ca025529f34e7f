# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Abuse detection rules of a SmarterMail server (svcServerAdmin).

Every rule kind the web service documents: DOS and BruteForce (per service: IMAP, LDAP, POP, SMTP,
XMPP), Harvesting, InternalSpammer and Bounces (with an action and an address to notify). A rule is
keyed by its type and service (``bruteforce|smtp``, ``harvesting|``): the module manages one rule
per type and service; a second rule of the same type and service on the server is keyed
``...#2`` (a purge removes it). The type and the service cannot be edited; the rest is
UpdateAbuseDetectionRule. The rules are read with one GetAbuseDetectionRules call per type (a rule
read with the filter ALL does not say its type).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import (
    ABUSE_TYPES,
    read_abuse_rules,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    ListResource,
    Opt,
    choice_normalize,
    int_check,
    text,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import email_error

SERVICES = ("IMAP", "LDAP", "POP", "SMTP", "XMPP")
ACTIONS = ("NotifyOnly", "Block")
PER_SERVICE = ("DOS", "BruteForce")
NOTIFYING = ("InternalSpammer", "Bounces")


class AbuseDetectionRuleResource(ListResource):
    item = "abuse detection rule"
    single_key = "rule"
    items = "rules"
    list_option = "rules"
    options = (
        Opt("type", choices=ABUSE_TYPES, normalize=choice_normalize(ABUSE_TYPES)),
        Opt("service", choices=SERVICES + ("",), normalize=choice_normalize(SERVICES)),
        Opt("time_frame", type="int", rule="number", check=int_check(1)),
        Opt("occurrences_before_trigger", type="int", rule="number", check=int_check(1)),
        Opt("time_to_block", type="int", rule="number", check=int_check(0)),
        Opt("action", choices=ACTIONS + ("",), normalize=choice_normalize(ACTIONS)),
        Opt("email_to_notify", rule="caseless", check=lambda v, w: email_error(text(v), w) if text(v) else None,
            normalize=text),
        Opt("description", default=""),
        Opt("id", read_only=True),
    )
    key_options = ("type", "service")
    key_required = "type"

    def key(self, obj):
        if not obj.get("type"):
            return None
        return ("%s|%s" % (obj["type"], obj.get("service") or "")).lower()

    def keep_entry(self, value):
        """``type|service`` (``Harvesting|`` or ``Harvesting`` for a rule without a service)."""
        kind, dummy, service = text(value).partition("|")
        return {"type": kind, "service": service, "state": "absent"}

    def label(self, obj):
        return "%s %s" % (obj["type"], obj["service"]) if obj.get("service") else obj["type"]

    def entry_errors(self, entry, where):
        kind, errors = entry["type"], []
        if not kind:
            return []
        if kind in PER_SERVICE and not entry.get("service"):
            errors.append("%s: a %s rule needs a service (%s)" % (where, kind, ", ".join(SERVICES)))
        if kind not in PER_SERVICE:
            if entry.get("service"):
                errors.append("%s: a %s rule has no service" % (where, kind))
            entry["service"] = ""
        if kind not in NOTIFYING and (entry.get("action") or entry.get("email_to_notify")):
            errors.append("%s: action and email_to_notify are for InternalSpammer and Bounces rules only" % where)
        return errors

    def create_errors(self, entry, desired):
        needed = ["time_frame", "occurrences_before_trigger"]
        if entry["type"] not in NOTIFYING:
            needed.append("time_to_block")
        else:
            needed.append("email_to_notify")
        missing = [n for n in needed if entry.get(n) in (None, "")]
        if missing:
            return ["%s required to add abuse detection rule %s" % (
                ", ".join(missing) + (" are" if len(missing) > 1 else " is"), self.label(entry))]
        return []

    def defaults(self):
        return {"action": "", "email_to_notify": "", "description": "", "time_to_block": 0, "id": ""}

    def desired(self, entry, current):
        obj = super(AbuseDetectionRuleResource, self).desired(entry, current)
        if current is None and entry["type"] in NOTIFYING and not obj.get("action"):
            obj["action"] = "NotifyOnly"  # what the server sets when the action is left out
        return obj

    def read_list(self, client):
        return read_abuse_rules(client)

    def _values(self, obj):
        return dict(action=obj.get("action") or "", timeFrame=obj["time_frame"],
                    occurencesBeforeTrigger=obj["occurrences_before_trigger"],
                    timeToBlock=obj.get("time_to_block") or 0, emailAddressToNotify=obj.get("email_to_notify") or "",
                    description=obj.get("description") or "")

    def add(self, obj, secrets):
        return "AddAbuseDetectionRule", dict(self._values(obj), abuseDetectionType=obj["type"],
                                             service=obj.get("service") or "")

    def update(self, current, desired, changed, secrets):
        return "UpdateAbuseDetectionRule", dict(self._values(desired), id=current["id"])

    def remove(self, obj):
        return "DeleteAbuseDetectionRule", dict(id=obj["id"])


AbuseDetectionRuleResource.argument_spec = AbuseDetectionRuleResource.build_spec()
