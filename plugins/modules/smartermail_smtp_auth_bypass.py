#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_smtp_auth_bypass
short_description: Manage the SMTP authentication bypasses of a SmarterMail
  server
version_added: 1.0.0
description:
- Add, change and remove the IP addresses and ranges that may relay through
  SmarterMail without SMTP authentication, one at a time or the whole list
  with O(bypasses).
- An entry is named by its address or its range (C(start-end)); O(keep) takes
  either, or a CIDR network.
- The server has no edit operation - a new description removes the entry,
  then adds it.
author:
- mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
- mailops.smartermail.smartermail
- mailops.smartermail.attributes
- mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
- mailops.smartermail.attributes.BULK
options:
  ip_address:
    description: One IP address (IPv4 or IPv6), or a CIDR network such as C(10.0.0.0/24), which stands for the range
      from its first to its last address. Give either this or O(ip_range_start) and O(ip_range_end).
    type: str
  bypasses:
    description:
      - Many bypasses in one task, read with one call; only the differences are written.
      - Objects not listed are left alone unless O(purge) is set; an empty list manages nothing (with O(purge) it
        removes every object not in O(keep)).
      - Mutually exclusive with the options of the single form.
    type: list
    elements: dict
    suboptions:
      ip_address:
        description: As O(ip_address), for this entry.
        type: str
      ip_range_start:
        description: As O(ip_range_start), for this entry.
        type: str
      ip_range_end:
        description: As O(ip_range_end), for this entry.
        type: str
      description:
        description: As O(description), for this entry.
        type: str
      state:
        description: As O(state), for this entry.
        type: str
        choices: [present, absent]
        default: present
  ip_range_start:
    description: First address of an IP range (with O(ip_range_end)).
    type: str
  ip_range_end:
    description: Last address of an IP range (with O(ip_range_start)).
    type: str
  description:
    description: A description for display (empty when added without it).
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
- name: The office network may relay without authentication
  mailops.smartermail.smartermail_smtp_auth_bypass:
    ip_address: 192.0.2.0/28
    description: office

- name: Exactly these bypasses
  mailops.smartermail.smartermail_smtp_auth_bypass:
    bypasses:
      - {ip_address: 192.0.2.25, description: web server}
      - {ip_range_start: 198.51.100.1, ip_range_end: 198.51.100.20}
    purge: true
"""

RETURN = r"""
bypass:
  description: The object after the task (empty when removed). Returned in
    the single form.
  returned: when the single form is used
  type: dict
  sample:
    ip_address: ''
    ip_range_start: 192.0.2.0
    ip_range_end: 192.0.2.15
    description: office
bypasses:
  description: Every object on the server after the task. Returned with O(bypasses).
  returned: when O(bypasses) is used
  type: list
  elements: dict
  sample:
  - ip_address: ''
    ip_range_start: 192.0.2.0
    ip_range_end: 192.0.2.15
    description: office
created:
  description: Keys of the objects added (or that would be, in check mode).
  returned: when O(bypasses) is used
  type: list
  elements: str
  sample:
  - 192.0.2.0-192.0.2.15
updated:
  description: Keys of the objects changed (or replaced) (or that would be,
    in check mode).
  returned: when O(bypasses) is used
  type: list
  elements: str
  sample:
  - 192.0.2.0-192.0.2.15
removed:
  description: Keys of the objects removed (or that would be, in check mode).
  returned: when O(bypasses) is used
  type: list
  elements: str
  sample:
  - 192.0.2.0-192.0.2.15
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample:
  - add SMTP authentication bypass 192.0.2.0-192.0.2.15
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.smtp_auth_bypass import (
    SmtpAuthBypassResource,
)


def main():
    run_resource(SmtpAuthBypassResource)


if __name__ == "__main__":
    main()
