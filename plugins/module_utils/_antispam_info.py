# -*- coding: utf-8 -*-
# Copyright: mailops.smartermail contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read the anti-spam configuration, shaped as the options of the anti-spam modules."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils import _antispam, _rbl

SERVICE = "svcSpamAdmin"


def spam_check(info):
    return {
        "name": info.get("Name") or "",
        "uid": info.get("UID") or "",
        "filtering": bool(info.get("EnabledFiltering")),
        "incoming_blocking": bool(info.get("EnabledIncomingBlocking")),
        "outgoing_blocking": bool(info.get("EnabledOutgoingBlocking")),
        "min_weight": info.get("MinWeight"),
        "max_weight": info.get("MaxWeight"),
    }


def run(m):
    include = set(m.params["include"])
    groups = m.params.get("groups") or list(_antispam.GROUP_NAMES)
    result = {"changed": False}
    if "settings" in include:
        result["settings"] = _antispam.read_all(m, [g for g in _antispam.GROUP_NAMES if g in groups])
    if "rbls" in include:
        result["rbls"] = _rbl.read_all(m)
    if "spam_checks" in include:
        result["spam_checks"] = [spam_check(c) for c in m.call(SERVICE, "ListSpamChecks").get("spamChecks") or []]
    return result
