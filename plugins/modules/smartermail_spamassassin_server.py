#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_spamassassin_server
short_description: Manage the remote SpamAssassin servers of a SmarterMail
  server
version_added: 1.0.0
description:
- Add, change and remove the remote SpamAssassin servers SmarterMail uses,
  one at a time or the whole list with O(servers).
- A server is named by O(name) (compared without case).
- The server has no edit operation - a new address or port removes the entry,
  then adds it.
author:
- mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
- mailops.smartermail.smartermail
- mailops.smartermail.attributes
- mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
- mailops.smartermail.attributes.BULK
- mailops.smartermail.state
options:
  name:
    description: A descriptive name; it names the entry (also in O(keep)).
    type: str
  servers:
    description:
      - Many servers in one task, read with one call; only the differences are written.
      - Objects not listed are left alone unless O(purge) is set; an empty list manages nothing (with O(purge) it
        removes every object not in O(keep)).
      - Mutually exclusive with the options of the single form.
    type: list
    elements: dict
    suboptions:
      name:
        description: As O(name), for this entry.
        type: str
      ip_address:
        description: As O(ip_address), for this entry.
        type: str
      port:
        description: As O(port), for this entry.
        type: int
      enabled:
        description: As O(enabled), for this entry.
        type: bool
      state:
        description: As O(state), for this entry.
        type: str
        choices: [present, absent]
        default: present
  ip_address:
    description: The IP address of the SpamAssassin server. Required to add one.
    type: str
  port:
    description: The port its spamd listens on (1-65535). Required to add one.
    type: int
  enabled:
    description: Read only (the web service cannot set it); ignored on input, so that the output of M(mailops.smartermail.smartermail_info)
      feeds back unchanged.
    type: bool
seealso:
- module: mailops.smartermail.smartermail_info
"""

EXAMPLES = r"""
- name: A remote spamd
  mailops.smartermail.smartermail_spamassassin_server:
    name: spamd1
    ip_address: 192.0.2.50
    port: 783
"""

RETURN = r"""
server:
  description: The object after the task (empty when removed). Returned in
    the single form.
  returned: when the single form is used
  type: dict
  sample:
    name: spamd1
    ip_address: 192.0.2.50
    port: 783
    enabled: true
servers:
  description: Every object on the server after the task. Returned with O(servers).
  returned: when O(servers) is used
  type: list
  elements: dict
  sample:
  - name: spamd1
    ip_address: 192.0.2.50
    port: 783
    enabled: true
created:
  description: Keys of the objects added (or that would be, in check mode).
  returned: when O(servers) is used
  type: list
  elements: str
  sample:
  - spamd1
updated:
  description: Keys of the objects changed (or replaced) (or that would be,
    in check mode).
  returned: when O(servers) is used
  type: list
  elements: str
  sample:
  - spamd1
removed:
  description: Keys of the objects removed (or that would be, in check mode).
  returned: when O(servers) is used
  type: list
  elements: str
  sample:
  - spamd1
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample:
  - add SpamAssassin server spamd1
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.spamassassin_server import (
    SpamAssassinServerResource,
)


def main():
    run_resource(SpamAssassinServerResource)


if __name__ == "__main__":
    main()
