#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_user_group
short_description: Manage the user groups of a SmarterMail domain
version_added: 1.0.0
description:
  - Create, rename, update and delete one user group of a SmarterMail domain (O(name)), or many in one task
    (O(groups)), with its members compared as a set.
  - The groups of the domain are read with one call; only the differences are written.
  - Over the JSON API (O(api=json)) every option is served (C(settings/domain/all-user-groups),
    C(user-group-put), C(user-group), C(remove-user-groups)); see the collection's JSON API guide for the evidence.
notes:
  - C(UpdateUserGroup) sends the name and the members together. When the task changes only one of them, the
    other is read again (C(GetUserGroup)) right before the write and sent as read, so a change another writer
    made to it since the task's first read is kept; the group is read back after the write.
  - A failed C(GetUserGroup) is never taken for a deleted group - the group is read once more, and a second failure
    fails the task before the write (a group the domain's list no longer names is written as planned and the
    server answers).
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
  - mailops.smartermail.attributes.BULK
options:
  domain:
    description: The domain the groups belong to.
    type: str
    required: true
  name:
    description: Name of one group (at most 255 characters). Names compare without case; the spelling given is the
      one written (a different case renames the group). Mutually exclusive with O(groups).
    type: str
  groups:
    description: Many groups of O(domain) in one task. Mutually exclusive with O(name), O(members) and O(rename_from)
      (give them in each entry); O(state) beside the list is not used.
    type: list
    elements: dict
    suboptions:
      name:
        description: Name of the group.
        type: str
        required: true
      members:
        description: The members of the group (set semantics); new members must be users of O(domain).
        type: list
        elements: str
      rename_from:
        description: The name of a group to rename to this one.
        type: str
      state:
        description: Whether this group should exist.
        type: str
        choices: [present, absent]
        default: present
  members:
    description:
      - The users of O(domain) in the group, bare (C(alice)) or with the domain. The group ends up with exactly
        these members; order and case do not matter. When omitted, the members are left as they are (a new group
        has none).
      - A member the group does not have yet must be a user of O(domain); the task then reads the users (one call)
        and fails before any write naming those that are not.
    type: list
    elements: str
  rename_from:
    description:
      - The name of a group to rename to O(name) (nothing happens when only O(name) exists).
      - In O(groups), a group renamed away must not be listed by its old name too, and two entries must not rename
        the same group (the task fails before any call).
    type: str
  state:
    description: Whether the group should exist.
    type: str
    choices: [present, absent]
    default: present
seealso:
  - module: mailops.smartermail.smartermail_user
  - module: mailops.smartermail.smartermail_user_info
"""

EXAMPLES = r"""
- name: The sales team
  mailops.smartermail.smartermail_user_group:
    domain: example.com
    name: Sales
    members: [alice, bob]

- name: Exactly these groups
  mailops.smartermail.smartermail_user_group:
    domain: example.com
    groups:
      - {name: Sales, members: [alice, bob]}
      - {name: Support, members: [carol], rename_from: Helpdesk}
    purge: true

- name: The same group over the JSON API (builds 100.x)
  mailops.smartermail.smartermail_user_group:
    domain: example.com
    api: json
    name: Sales
    members: [alice, bob]
"""

RETURN = r"""
user_group:
  description: The group after the task (empty when deleted); C(id) is the server's id of a group that was read.
  returned: when O(name) is used
  type: dict
  sample: {"name": "Sales", "members": ["alice", "bob"], "id": 3}
user_groups:
  description: The groups O(groups) names, after the task.
  returned: when O(groups) is used
  type: list
  elements: dict
  sample: [{"name": "Sales", "members": ["alice", "bob"], "id": 3}]
created:
  description: Keys (lower-case names) of the groups created.
  returned: when O(groups) is used
  type: list
  elements: str
  sample: [sales]
updated:
  description: Keys of the groups updated.
  returned: when O(groups) is used
  type: list
  elements: str
  sample: [support]
renamed:
  description: Keys (new names) of the groups renamed with O(groups[].rename_from).
  returned: when O(groups) is used
  type: list
  elements: str
  sample: [support]
removed:
  description: Keys of the groups deleted.
  returned: when O(groups) is used
  type: list
  elements: str
  sample: [helpdesk]
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample: ["create user group Sales of example.com"]
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.user_group import UserGroupResource
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource


def main():
    run_resource(UserGroupResource)


if __name__ == "__main__":
    main()
