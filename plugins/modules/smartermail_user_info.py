#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_user_info
short_description: Read the users of a SmarterMail domain with quotas, logins, ActiveSync and groups
version_added: 1.0.0
description:
  - Read the users of one domain. RV(users) is shaped like the entries of
    O(mailops.smartermail.smartermail_user#module:users), with the mailbox size (V(quotas)) and the ActiveSync
    state (V(activesync)); fed back, it reports no change. RV(details) holds, per user, what that module does
    not manage (space used, last login, ActiveSync devices, groups, statistics).
  - With O(inactive_since), RV(inactive) lists the users of the domain that have not logged in since that
    date, for clean-up playbooks; the primary domain administrator is marked (it cannot be deleted).
  - Passwords the server returns are never kept or shown.
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes.INFO_MODULE
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
options:
  domain:
    description: The domain whose users are read.
    type: str
    required: true
  names:
    description:
      - Users to read, bare or with the domain. When omitted, every user of O(domain); an empty list reads none
        (O(inactive_since) still answers). Names the domain does not have are returned in RV(missing).
      - With O(names), ActiveSync states are read per user (C(IsUserEnabledForActiveSync)) and groups per user (C(GetUserGroupsByUser));
        without, once for the domain (C(GetActiveSyncUsers), C(GetUserGroupsByDomain)).
    type: list
    elements: str
  include:
    description:
      - What to read besides the users. V(quotas) (one call), V(activesync) and V(groups) (one call each, or one
        per named user) and V(last_login) (one call per user) by default.
      - V(statistics) reads each user's message statistics of the last O(statistics_days) days (one call per user);
        V(activesync_devices) the ActiveSync devices of the domain (one call).
    type: list
    elements: str
    choices: [quotas, last_login, activesync, groups, statistics, activesync_devices]
    default:
      - quotas
      - last_login
      - activesync
      - groups
  statistics_days:
    description: The number of days, up to now, the statistics cover.
    type: int
    default: 30
  inactive_since:
    description: A date (C(2026-01-31)) or time (C(2026-01-31T08:00:00)), in UTC. RV(inactive) lists the users of
      O(domain) who have not logged in since then (C(GetInactiveUsers); it needs a system administrator).
    type: str
seealso:
  - module: mailops.smartermail.smartermail_user
  - module: mailops.smartermail.smartermail_user_group
"""

EXAMPLES = r"""
- name: Users of a domain who have not logged in this year
  mailops.smartermail.smartermail_user_info:
    domain: example.com
    names: []
    inactive_since: "2026-01-01"
  register: idle

- name: Remove them, but the primary domain administrator (the server refuses to delete it)
  mailops.smartermail.smartermail_user:
    domain: example.com
    name: "{{ item.name }}"
    state: absent
  loop: "{{ idle.inactive | rejectattr('primary_admin') | list }}"
  loop_control:
    label: "{{ item.name }}"
"""

RETURN = r"""
unavailable:
  description:
    - With O(api=json), the parts asked for in
      O(include) that it does not serve, with why (V(activesync), V(groups), V(statistics),
      V(activesync_devices)); they are left out of the result and each gives a warning.
    - With O(api=auto), a task asking for such a part is read over SOAP instead (with a warning saying so).
  returned: with O(api=json), when a part asked for is not served over the JSON API
  type: dict
  sample: {"groups": "the user groups are read by smartermail_user_group, not by this reader"}
users:
  description:
    - The users read, shaped like the entries of O(mailops.smartermail.smartermail_user#module:users).
  returned: always
  type: list
  elements: dict
  sample: [{"name": "alice", "first_name": "Alice", "last_name": "Doe", "domain_admin": false,
            "max_mailbox_size_mb": 500, "activesync": true}]
details:
  description:
    - Per user name, what was read besides the options. C(used_mb) (with V(quotas)), C(last_login) (ISO time
      in UTC, or null), C(activesync_devices), C(groups) (group names) and C(statistics)
      (C(messages_received), C(messages_sent), C(bytes_received), C(bytes_sent), C(bytes_size)).
  returned: always
  type: dict
  sample: {"alice": {"used_mb": 12.5, "last_login": "2026-11-30T07:12:00", "groups": [Sales]}}
missing:
  description: Names in O(names) that are not users of the domain.
  returned: always
  type: list
  elements: str
  sample: [olduser]
inactive:
  description:
    - The users of the domain without a login since O(inactive_since), with their last login (or null).
    - C(primary_admin) is true for the primary domain administrator, which the server refuses to delete
      (skip it in a clean-up, as the example does).
  returned: when O(inactive_since) is given
  type: list
  elements: dict
  sample: [{"name": "bob", "last_login": null, "primary_admin": false}]
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.user_info import UserInfoResource
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource


def main():
    run_resource(UserInfoResource)


if __name__ == "__main__":
    main()
