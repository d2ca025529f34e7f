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


class ModuleDocFragment(object):

    # The base: check mode, diff mode, idempotence of a resource module.
    DOCUMENTATION = r"""
options: {}
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying the server.
    support: full
    details: Check mode reads the server and plans the writes; it makes none.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: full
    details: The before and after states hold only what was read from or written to the server.
  idempotent:
    description: Running the same task twice changes nothing the second time.
    support: full
"""

    INFO_MODULE = r"""
options: {}
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying the server.
    support: full
    details: This module only reads.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: N/A
    details: This module only reads.
  idempotent:
    description: Running the same task twice changes nothing the second time.
    support: full
    details: This module only reads.
"""

    ACTION = r"""
options: {}
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying the server.
    support: full
    details: Check mode reports what would be sent and sends nothing.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: none
  idempotent:
    description: Running the same task twice changes nothing the second time.
    support: none
    details: An action is sent each time the task runs.
"""

    ACTIONGROUP_SMARTERMAIL = r"""
options: {}
attributes:
  action_group:
    description: Use C(group/mailops.smartermail.smartermail) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - mailops.smartermail.smartermail
"""

    ACTIONGROUP_PLESK = r"""
options: {}
attributes:
  action_group:
    description: Use C(group/mailops.smartermail.plesk) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - mailops.smartermail.plesk
"""

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
