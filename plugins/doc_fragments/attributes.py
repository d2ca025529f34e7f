# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Attributes and shared options, composed: a module names the pieces it has.

A resource module extends C(attributes) and C(attributes.ACTIONGROUP_SMARTERMAIL) (or
C(attributes.ACTIONGROUP_PLESK)); one with a collection form adds C(attributes.BULK); an info
module uses C(attributes.INFO_MODULE) instead of C(attributes); an action module whose
idempotence is limited uses C(attributes.ACTION) and says so in its own docs.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


_CHECK_MODE = "Can run in check_mode and return changed status prediction without modifying the server."
_DIFF_MODE = "Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode."
_IDEMPOTENT = "Running the same task twice changes nothing the second time."
_READ_ONLY = "This module only reads."


def _attribute(name, description, support, details=None):
    text = "  %s:\n    description: %s\n    support: %s\n" % (name, description, support)
    return text + ("    details: %s\n" % details if details else "")


def _attributes(check_mode, diff_mode, idempotent):
    """check_mode, diff_mode and idempotent, each given as (support, details or None)."""
    return "\noptions: {}\nattributes:\n" + "".join((
        _attribute("check_mode", _CHECK_MODE, *check_mode),
        _attribute("diff_mode", _DIFF_MODE, *diff_mode),
        _attribute("idempotent", _IDEMPOTENT, *idempotent),
    ))


def _action_group(group):
    return ("\noptions: {}\nattributes:\n" + _attribute(
        "action_group", "Use C(group/mailops.smartermail.%s) in C(module_defaults) to set defaults for this module."
        % group, "full") + "    membership:\n      - mailops.smartermail.%s\n" % group)


class ModuleDocFragment(object):

    # The base: check mode, diff mode, idempotence of a resource module.
    DOCUMENTATION = _attributes(
        ("full", "Check mode reads the server and plans the writes; it makes none."),
        ("full", "The before and after states hold only what was read from or written to the server."),
        ("full", None))

    INFO_MODULE = _attributes(("full", _READ_ONLY), ("N/A", _READ_ONLY), ("full", _READ_ONLY))

    ACTION = _attributes(
        ("full", "Check mode reports what would be sent and sends nothing."),
        ("none", None),
        ("none", "An action is sent each time the task runs."))

    ACTIONGROUP_SMARTERMAIL = _action_group("smartermail")

    ACTIONGROUP_PLESK = _action_group("plesk")

    # purge and keep of a module with a collection form (its list option names the objects).
    BULK = r"""
options:
  purge:
    description:
      - With the list form of the module, remove the objects of the same kind that the list does not name,
        except those in O(keep).
      - Objects the server refuses to delete (a primary administrator, the target of a catch-all while it
        is one) and the account the task logs in with are never removed by a purge; the task warns about
        each one it leaves.
    type: bool
    default: false
  keep:
    description:
      - With O(purge), names of objects never to remove, checked and normalized by the same code as the
        names of the list (each entry is checked as a list entry naming that object would be).
      - An entry that cannot name any object of this kind (another domain, an invalid name or address, a
        range whose start is after its end) fails the task before any call to the server, in check mode too.
    type: list
    elements: str
    default: []
"""
