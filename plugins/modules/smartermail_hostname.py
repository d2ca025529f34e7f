#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_hostname
short_description: Manage the hostnames of a SmarterMail server
version_added: 1.0.0
description:
- Add, change and remove the hostnames of a SmarterMail server (one hostname
  per IP address), one at a time or the whole list with O(hostnames).
- The server has no edit operation - a new hostname for an address removes
  the old one, then adds it.
author:
- mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
- mailops.smartermail.smartermail
- mailops.smartermail.attributes
- mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
- mailops.smartermail.attributes.BULK
options:
  hostname:
    description: The host name (a DNS name; compared without case). Required unless O(state=absent).
    type: str
  ip_address:
    description: The IP address the hostname applies to; it names the entry (also in O(keep)).
    type: str
  hostnames:
    description:
      - Many hostnames in one task, read with one call; only the differences are written.
      - Objects not listed are left alone unless O(purge) is set; an empty list manages nothing (with O(purge) it
        removes every object not in O(keep)).
      - Mutually exclusive with the options of the single form.
    type: list
    elements: dict
    suboptions:
      hostname:
        description: As O(hostname), for this entry.
        type: str
      ip_address:
        description: As O(ip_address), for this entry.
        type: str
      state:
        description: As O(state), for this entry.
        type: str
        choices: [present, absent]
        default: present
  state:
    description: Whether the address should have a hostname.
    type: str
    choices: [present, absent]
    default: present
seealso:
- module: mailops.smartermail.smartermail_info
"""

EXAMPLES = r"""
- name: The hostname of the server's address
  mailops.smartermail.smartermail_hostname:
    url: http://mail.example.com:9998
    username: admin
    password: "{{ smartermail_admin_password }}"
    hostname: mail.example.com
    ip_address: 192.0.2.10

- name: Exactly these hostnames
  mailops.smartermail.smartermail_hostname:
    hostnames:
      - {hostname: mail.example.com, ip_address: 192.0.2.10}
      - {hostname: mx2.example.com, ip_address: 192.0.2.11}
    purge: true
"""

RETURN = r"""
hostname:
  description: The object after the task (empty when removed). Returned in
    the single form.
  returned: when the single form is used
  type: dict
  sample:
    hostname: mail.example.com
    ip_address: 192.0.2.10
hostnames:
  description: Every object on the server after the task. Returned with O(hostnames).
  returned: when O(hostnames) is used
  type: list
  elements: dict
  sample:
  - hostname: mail.example.com
    ip_address: 192.0.2.10
created:
  description: Keys of the objects added (or that would be, in check mode).
  returned: when O(hostnames) is used
  type: list
  elements: str
  sample:
  - 192.0.2.10
updated:
  description: Keys of the objects changed (or replaced) (or that would be,
    in check mode).
  returned: when O(hostnames) is used
  type: list
  elements: str
  sample:
  - 192.0.2.10
removed:
  description: Keys of the objects removed (or that would be, in check mode).
  returned: when O(hostnames) is used
  type: list
  elements: str
  sample:
  - 192.0.2.10
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample:
  - add hostname mail.example.com (192.0.2.10)
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.hostname import (
    HostnameResource,
)


def main():
    run_resource(HostnameResource)


if __name__ == "__main__":
    main()
