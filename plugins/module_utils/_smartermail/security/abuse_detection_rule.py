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
read with the filter ALL does not say its type). The table, the resource and its SOAP adapter.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import (
    ABUSE_TYPES,
    read_abuse_rules,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    ListResource,
    ListTable,
    Row,
    SoapList,
    choice_normalize,
    id_row,
    int_check,
    missing_to_add,
    text,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import email_error

SERVICES = ("IMAP", "LDAP", "POP", "SMTP", "XMPP")
ACTIONS = ("NotifyOnly", "Block")
PER_SERVICE = ("DOS", "BruteForce")
NOTIFYING = ("InternalSpammer", "Bounces")


# what an update sends besides the rule's id (its type and service cannot change)
UPDATED = ("time_frame", "occurrences_before_trigger", "time_to_block", "action", "email_to_notify", "description")

TABLE = ListTable([
    Row("type", "The kind of rule. Required.", choices=ABUSE_TYPES, normalize=choice_normalize(ABUSE_TYPES),
        soap="abuseDetectionType"),
    Row("service", "The service a V(DOS) or V(BruteForce) rule watches (required for those, none for the others).",
        choices=SERVICES + ("",), normalize=choice_normalize(SERVICES), soap="service"),
    Row("time_frame", "The time frame in minutes in which the rule can trigger (at least 1). Required to add a rule.",
        type="int", rule="number", check=int_check(1), soap="timeFrame"),
    Row("occurrences_before_trigger", "How many occurrences in O(time_frame) trigger the rule (at least 1). "
        "Required to add a rule.", type="int", rule="number", check=int_check(1), soap="occurencesBeforeTrigger"),
    Row("time_to_block", "Minutes the offender is blocked (0 or more). Required to add a V(DOS), V(BruteForce) or "
        "V(Harvesting) rule.", type="int", rule="number", check=int_check(0), created=0, soap="timeToBlock"),
    Row("action", "What an V(InternalSpammer) or V(Bounces) rule does (V(NotifyOnly) when added without it).",
        choices=ACTIONS + ("",), normalize=choice_normalize(ACTIONS), created="", soap="action"),
    Row("email_to_notify", "The address an V(InternalSpammer) or V(Bounces) rule notifies (required to add one).",
        rule="caseless", check=lambda v, w: email_error(text(v), w) if text(v) else None, normalize=text, created="",
        soap="emailAddressToNotify"),
    Row("description", "A description for display.", created="", soap="description"),
    id_row("id", soap="id", created=""),
], list_option="rules", what="rules")


class SoapAbuseDetectionRules(SoapList):
    """``GetAbuseDetectionRules`` (one call per type), ``AddAbuseDetectionRule``,
    ``UpdateAbuseDetectionRule`` and ``DeleteAbuseDetectionRule`` (by id)."""

    read = staticmethod(read_abuse_rules)
    add_operation, remove_operation, remove_by = "AddAbuseDetectionRule", "DeleteAbuseDetectionRule", ("id",)

    def update(self, current, desired, changed, secrets):
        return "UpdateAbuseDetectionRule", dict(self.sent(desired, UPDATED), id=current["id"])


class AbuseDetectionRuleResource(ListResource):
    json_missing = ("no source of the JSON API covers the abuse-detection (IDS) rules; it shows only the current blocks "
                    "(settings/sysadmin/blocked-ips)")
    item, single_key = "abuse detection rule", "rule"
    table, adapters = TABLE, {"soap": SoapAbuseDetectionRules}
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
        return missing_to_add(entry, needed, "abuse detection rule %s" % self.label(entry))

    def desired(self, entry, current):
        obj = super(AbuseDetectionRuleResource, self).desired(entry, current)
        if current is None and entry["type"] in NOTIFYING and not obj.get("action"):
            obj["action"] = "NotifyOnly"  # what the server sets when the action is left out
        return obj
