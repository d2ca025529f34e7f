# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server-level folder auto-clean rules of a SmarterMail server (svcServerAdmin).

ListFolderAutoCleanRules does not return a rule's folder, so a rule is keyed by what it returns:
its type and limits (``date|30`` for mail older than 30 days, ``size|500|400`` to trim a folder of
500 MB to 400 MB). ``folder`` is sent when a rule is added (and required then) but cannot be
compared. There is no edit operation: enabling or disabling a rule is DeleteFolderAutoCleanRule,
then AddFolderAutocleanRule, which needs ``folder`` again. The table, the resource and its SOAP adapter.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import PlanError
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import read_autoclean_rules
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    ListResource,
    ListTable,
    Row,
    SoapList,
    choice_normalize,
    int_check,
    text,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import control_error

TYPES = ("Date", "Size")


def folder_check(value, what):
    return control_error(value, what) or (None if text(value) else "%s must be a non-empty string" % what)


TABLE = ListTable([
    Row("type", "V(Date) (delete mail older than O(mail_age_days)) or V(Size) (trim the folder). Required.",
        choices=TYPES, normalize=choice_normalize(TYPES), soap="type"),
    Row("mail_age_days", "Age in days of the mail a V(Date) rule deletes (at least 1).", type="int", rule="number",
        check=int_check(0), soap="mailAgeInDays"),
    Row("size_before_clean_mb", "Size in MB at which a V(Size) rule cleans the folder (greater than "
        "O(size_after_clean_mb)).", type="int", rule="number", check=int_check(0), soap="sizeBeforeAutoClean"),
    Row("size_after_clean_mb", "Size in MB a V(Size) rule trims the folder to (0 or more).", type="int",
        rule="number", check=int_check(0), soap="sizeAfterClean"),
    Row("enabled", "Whether the rule is enabled (V(true) when added without it).", type="bool", rule="bool",
        created=True, soap="enableRule"),
    Row("folder", "The folder the rule cleans. Required to add a rule; the server does not return it, so it is "
        "never compared.", write_only=True, check=folder_check, normalize=text, soap="folder"),
    Row("id", "Read only - the server's identifier, ignored on input (so that the output of "
        "M(mailops.smartermail.smartermail_info) feeds back unchanged).", read_only=True, soap="id"),
], list_option="rules", what="rules")


class SoapFolderAutocleanRules(SoapList):
    """``ListFolderAutoCleanRules``, ``AddFolderAutocleanRule`` (with the folder, which is never read
    back) and ``DeleteFolderAutoCleanRule`` (by id)."""

    def read_list(self, client):
        return read_autoclean_rules(client)

    def add(self, obj, secrets):
        if not secrets.get("folder"):
            raise PlanError("folder is required to add (or re-add) auto-clean rule %s" % self.resource.label(obj))
        return "AddFolderAutocleanRule", self.sent(dict(obj, folder=secrets["folder"]))

    def remove(self, obj):
        return "DeleteFolderAutoCleanRule", self.sent(obj, ("id",))


class FolderAutocleanRuleResource(ListResource):
    json_missing = "no known endpoint of the JSON API manages folder auto-clean rules"
    item = "auto-clean rule"
    single_key = "rule"
    items = "rules"
    list_option = "rules"
    table = TABLE
    argument_spec = TABLE.argument_spec()
    adapters = {"soap": SoapFolderAutocleanRules}
    key_required = "type"

    def key(self, obj):
        if obj.get("type") == "Date":
            return "date|%s" % (obj.get("mail_age_days") or 0)
        if obj.get("type") == "Size":
            return "size|%s|%s" % (obj.get("size_before_clean_mb") or 0, obj.get("size_after_clean_mb") or 0)
        return None

    def keep_entry(self, value):
        """``date|DAYS`` or ``size|BEFORE|AFTER`` (checked as the listed options are)."""
        parts = [int(p) if p.isdigit() else p for p in text(value).split("|")]
        names = ("mail_age_days",) if text(parts[0]).lower() == "date" else (
            "size_before_clean_mb", "size_after_clean_mb")
        entry = {"type": parts[0], "state": "absent"}
        if len(parts) - 1 == len(names):
            entry.update(zip(names, parts[1:]))
        return entry

    def entry_errors(self, entry, where):
        kind = entry["type"]
        if kind == "Date":
            if not entry.get("mail_age_days"):
                return ["%s: a Date rule needs mail_age_days (at least 1)" % where]
            if entry.get("size_before_clean_mb") or entry.get("size_after_clean_mb"):
                return ["%s: a Date rule takes mail_age_days only" % where]
            entry.update(size_before_clean_mb=0, size_after_clean_mb=0)
        elif kind == "Size":
            before, after = entry.get("size_before_clean_mb"), entry.get("size_after_clean_mb")
            if before is None or after is None or entry.get("mail_age_days"):
                return ["%s: a Size rule needs size_before_clean_mb and size_after_clean_mb only" % where]
            if before <= after:
                return ["%s: size_before_clean_mb (%d) must be greater than size_after_clean_mb (%d)"
                        % (where, before, after)]
            entry["mail_age_days"] = 0
        return []

    def label(self, obj):
        if obj["type"] == "Date":
            return "Date %d days" % obj["mail_age_days"]
        return "Size %d MB to %d MB" % (obj["size_before_clean_mb"], obj["size_after_clean_mb"])

    def create_errors(self, entry, desired):
        if not entry.get("folder"):
            return ["folder is required to add auto-clean rule %s" % self.label(entry)]
        return []
