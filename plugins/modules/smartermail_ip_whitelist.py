#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_ip_whitelist
short_description: Manage the IP white list of a SmarterMail server
version_added: 1.0.0
description:
- Add, change and remove entries of the IP white list of a SmarterMail server
  (an IP address or a range, per protocol), one at a time or the whole list
  with O(entries).
- An entry is named by its address or its range (C(start-end)); O(keep) takes
  either, or a CIDR network.
- C(SetWhitelistEntry2) adds or edits an entry; an entry is removed by the
  same call with every protocol false, so an entry must keep at least one
  protocol.
- Over the JSON API (O(api=json)) an entry is one address
  (C(settings/sysadmin/ip-access/{isWhitelist}), C(ip-access), C(ip-access-delete));
  a range is sent as its CIDR network, and a range that is not exactly one
  CIDR network is refused before any call, as is O(disable_greylisting) (read,
  but the API has no field to write it); see the collection's JSON API guide for the evidence.
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
  entries:
    description:
      - Many entries in one task, read with one call; only the differences are written.
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
      smtp:
        description: As O(smtp), for this entry.
        type: bool
      pop:
        description: As O(pop), for this entry.
        type: bool
      imap:
        description: As O(imap), for this entry.
        type: bool
      xmpp:
        description: As O(xmpp), for this entry.
        type: bool
      disable_greylisting:
        description: As O(disable_greylisting), for this entry.
        type: bool
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
  smtp:
    description: Apply the entry to SMTP (V(true) when an entry is added without it).
    type: bool
  pop:
    description: Apply the entry to POP (V(true) when an entry is added without it).
    type: bool
  imap:
    description: Apply the entry to IMAP (V(true) when an entry is added without it).
    type: bool
  xmpp:
    description: Apply the entry to XMPP (V(true) when an entry is added without it).
    type: bool
  disable_greylisting:
    description: Do not greylist the entry's senders (V(false) when an entry is added without it).
    type: bool
  state:
    description: Whether the object should exist.
    type: str
    choices: [present, absent]
    default: present
seealso:
- module: mailops.smartermail.smartermail_info
"""

EXAMPLES = r"""
- name: white-list a network for every protocol
  mailops.smartermail.smartermail_ip_whitelist:
    ip_address: 203.0.113.0/24
    description: example

- name: Exactly these entries
  mailops.smartermail.smartermail_ip_whitelist:
    entries:
      - {ip_address: 203.0.113.5, smtp: true, pop: false, imap: false, xmpp: false}
      - {ip_range_start: 198.51.100.1, ip_range_end: 198.51.100.9}
    purge: true

- name: A range over the JSON API (builds 100.x), sent as its CIDR network 198.51.100.0/28
  mailops.smartermail.smartermail_ip_whitelist:
    api: json
    ip_range_start: 198.51.100.0
    ip_range_end: 198.51.100.15
    description: office
"""

RETURN = r"""
entry:
  description: The object after the task (empty when removed). Returned in
    the single form.
  returned: when the single form is used
  type: dict
  sample:
    ip_address: 203.0.113.5
    ip_range_start: ''
    ip_range_end: ''
    description: scanner
    smtp: true
    pop: true
    imap: true
    xmpp: true
    disable_greylisting: false
entries:
  description: Every object on the server after the task. Returned with O(entries).
  returned: when O(entries) is used
  type: list
  elements: dict
  sample:
  - ip_address: 203.0.113.5
    ip_range_start: ''
    ip_range_end: ''
    description: scanner
    smtp: true
    pop: true
    imap: true
    xmpp: true
    disable_greylisting: false
created:
  description: Keys of the objects added (or that would be, in check mode).
  returned: when O(entries) is used
  type: list
  elements: str
  sample:
  - 203.0.113.5
updated:
  description: Keys of the objects changed (or replaced) (or that would be,
    in check mode).
  returned: when O(entries) is used
  type: list
  elements: str
  sample:
  - 203.0.113.5
removed:
  description: Keys of the objects removed (or that would be, in check mode).
  returned: when O(entries) is used
  type: list
  elements: str
  sample:
  - 203.0.113.5
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample:
  - add IP white list entry 203.0.113.5
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.ip_access import (
    IpWhitelistResource,
)


def main():
    run_resource(IpWhitelistResource)


if __name__ == "__main__":
    main()
