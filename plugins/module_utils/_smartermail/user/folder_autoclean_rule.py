# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server-level folder auto-clean rules of a SmarterMail server (svcServerAdmin).

ListFolderAutoCleanRules does not return a rule's folder, so a rule is keyed by what it returns:
its type and limits (``date|30`` for mail older than 30 days, ``size|500|400`` to trim a folder of
500 MB to 400 MB). ``folder`` is sent when a rule is added (and required then) but cannot be
compared. There is no edit operation: enabling or disabling a rule is DeleteFolderAutoCleanRule,
then AddFolderAutocleanRule, which needs ``folder`` again.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import PlanError
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import read_autoclean_rules
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    ListResource,
    Opt,
    choice_normalize,
    int_check,
    text,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import control_error

TYPES = ("Date", "Size")


class FolderAutocleanRuleResource(ListResource):
    item = "auto-clean rule"
    single_key = "rule"
    items = "rules"
    list_option = "rules"
    options = (
        Opt("type", choices=TYPES, normalize=choice_normalize(TYPES)),
        Opt("mail_age_days", type="int", rule="number", check=int_check(0)),
        Opt("size_before_clean_mb", type="int", rule="number", check=int_check(0)),
        Opt("size_after_clean_mb", type="int", rule="number", check=int_check(0)),
        Opt("enabled", type="bool", rule="bool", default=True),
        Opt("folder", write_only=True, check=lambda v, w: control_error(v, w) or (
            None if text(v) else "%s must be a non-empty string" % w), normalize=text),
        Opt("id", read_only=True),
    )
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

    def read_list(self, client):
        return read_autoclean_rules(client)

    def add(self, obj, secrets):
        if not secrets.get("folder"):
            raise PlanError("folder is required to add (or re-add) auto-clean rule %s" % self.label(obj))
        return "AddFolderAutocleanRule", dict(folder=secrets["folder"], enableRule=bool(obj["enabled"]),
                                              type=obj["type"], sizeBeforeAutoClean=obj["size_before_clean_mb"],
                                              sizeAfterClean=obj["size_after_clean_mb"],
                                              mailAgeInDays=obj["mail_age_days"])

    def remove(self, obj):
        return "DeleteFolderAutoCleanRule", dict(id=obj["id"])


FolderAutocleanRuleResource.argument_spec = FolderAutocleanRuleResource.build_spec()
