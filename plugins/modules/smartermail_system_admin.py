#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_system_admin
short_description: Manage the system administrators of a SmarterMail server
version_added: 1.0.0
description:
- Add and remove system administrators, set their passwords and IP restrictions,
  one at a time or the whole list with O(admins). An administrator is named
  by O(name) (compared without case).
- The primary administrator and the administrator the task logs in as (O(username))
  are never removed - a O(purge) skips them with a warning, O(state=absent) on them
  fails before any write (in check mode too). To remove the account a task logs in
  with, log in as another administrator.
notes:
- The server never returns a password - O(admin_password) is set when an administrator
  is added and, with O(update_password=always), on every run (reported as
  a change).
- The server lists only whether an administrator is restricted by IP, not
  the addresses - O(ip_restrictions) are added when the administrator is added
  or has none; an administrator with restrictions keeps them. O(remove_ip_restrictions)
  removes restrictions from an administrator that has some; while others remain,
  such a task reports a change on every run.
- The description cannot be changed through the web service (a new one fails
  before any write).
author:
- mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
- mailops.smartermail.smartermail
- mailops.smartermail.attributes
- mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
- mailops.smartermail.attributes.BULK
options:
  name:
    description: The login name (letters, digits, C(.), C(_), C(-); a login with C(@) is a domain user).
    type: str
  admins:
    description:
      - Many administrators in one task, read with one call; only the differences are written.
      - Objects not listed are left alone unless O(purge) is set; an empty list manages nothing (with O(purge) it
        removes every object not in O(keep)).
      - Mutually exclusive with the options of the single form.
    type: list
    elements: dict
    suboptions:
      name:
        description: As O(name), for this entry.
        type: str
      description:
        description: As O(description), for this entry.
        type: str
      admin_password:
        description: The administrator's password (never shown). Required to add an administrator. (O(password)
          is the password of the connection.)
        type: str
      ip_restrictions:
        description: As O(ip_restrictions), for this entry.
        type: list
        elements: str
      remove_ip_restrictions:
        description: IP addresses or ranges to remove from an administrator that has restrictions (none may also
          be in O(admins[].ip_restrictions)).
        type: list
        elements: str
      primary:
        description: As O(primary), for this entry.
        type: bool
      restricted_by_ip:
        description: As O(restricted_by_ip), for this entry.
        type: bool
      id:
        description: As O(id), for this entry.
        type: str
      date_created:
        description: As O(date_created), for this entry.
        type: str
      state:
        description: As O(state), for this entry.
        type: str
        choices: [present, absent]
        default: present
  description:
    description: A description for display, set when the administrator is added.
    type: str
  admin_password:
    description:
      - The administrator's password (never shown). Required to add an administrator. (O(password) is the password
        of the connection.)
      - The server never returns it, so it is not compared. The diff says C(********) for an administrator added,
        and C(********) before and C(******** (changed)) after when the task sets it again (O(update_password=always)).
    type: str
  update_password:
    description: V(always) sets O(admin_password) on every run; V(on_create) only when the administrator is added.
    type: str
    choices: [always, on_create]
    default: always
  ip_restrictions:
    description: IP addresses or ranges (C(x.x.x.x-y.y.y.y), or a CIDR network) the administrator may log in from;
      added when the administrator is added or has no restriction.
    type: list
    elements: str
  remove_ip_restrictions:
    description: IP addresses or ranges to remove from an administrator that has restrictions (none may also be
      in O(ip_restrictions), or the task fails before any call).
    type: list
    elements: str
  primary:
    description: Read only - whether this is the primary administrator (ignored on input).
    type: bool
  restricted_by_ip:
    description: Read only - whether the administrator has IP restrictions (ignored on input).
    type: bool
  id:
    description: Read only - the server's identifier, ignored on input (so that the output of M(mailops.smartermail.smartermail_info)
      feeds back unchanged).
    type: str
  date_created:
    description: Read only - when the administrator was created (ignored on input).
    type: str
  state:
    description: Whether the object should exist.
    type: str
    choices: [present, absent]
    default: present
seealso:
- module: mailops.smartermail.smartermail_info
"""

EXAMPLES = r"""
- name: A second administrator, from the office only
  mailops.smartermail.smartermail_system_admin:
    name: ops
    admin_password: "{{ ops_admin_password }}"
    update_password: on_create
    description: operations
    ip_restrictions: [192.0.2.0/28]

- name: Exactly these administrators (the primary one and the one logged in are never removed)
  mailops.smartermail.smartermail_system_admin:
    admins:
      - {name: ops, admin_password: "{{ ops_admin_password }}"}
    update_password: on_create
    purge: true
"""

RETURN = r"""
admin:
  description: The object after the task (empty when removed). Returned in
    the single form.
  returned: when the single form is used
  type: dict
  sample:
    name: ops
    description: operations
    primary: false
    restricted_by_ip: true
    id: b6b0f3c6-8d0e-4d6e-a3f7-0c1f2e3d4a5b
    date_created: '2026-01-01T00:00:00'
admins:
  description: Every object on the server after the task. Returned with O(admins).
  returned: when O(admins) is used
  type: list
  elements: dict
  sample:
  - name: ops
    description: operations
    primary: false
    restricted_by_ip: true
    id: b6b0f3c6-8d0e-4d6e-a3f7-0c1f2e3d4a5b
    date_created: '2026-01-01T00:00:00'
created:
  description: Keys of the objects added (or that would be, in check mode).
  returned: when O(admins) is used
  type: list
  elements: str
  sample:
  - ops
updated:
  description: Keys of the objects changed (or replaced) (or that would be,
    in check mode).
  returned: when O(admins) is used
  type: list
  elements: str
  sample:
  - ops
removed:
  description: Keys of the objects removed (or that would be, in check mode).
  returned: when O(admins) is used
  type: list
  elements: str
  sample:
  - ops
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample:
  - add system administrator ops
  - restrict system administrator ops to 192.0.2.0-192.0.2.15
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.system_admin import (
    SystemAdminResource,
)


def main():
    run_resource(SystemAdminResource)


if __name__ == "__main__":
    main()
