#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_gateway
short_description: Manage the outgoing gateways of a SmarterMail server
version_added: 1.0.0
description:
- Add, change and remove outgoing gateways, plain ones (C(AddGateway)) or
  gateways running SmarterMail (C(AddSmarterMailGateway)), one at a time or
  the whole list with O(gateways).
- A gateway is named by its address (compared without case; also in O(keep)).
- C(UpdateGateway) takes the whole gateway - right before it the module reads
  the gateway again with C(GetGateway) and applies only the fields that change.
notes:
- The server returns the gateway password, so O(smartermail_password) is compared
  (and changed only when it differs); it is never shown in the result, the
  diff or the output.
author:
- mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
- mailops.smartermail.smartermail
- mailops.smartermail.attributes
- mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
- mailops.smartermail.attributes.BULK
options:
  address:
    description: The IP address or host name of the gateway; it names the gateway.
    type: str
  gateways:
    description:
      - Many gateways in one task, read with one call; only the differences are written.
      - Objects not listed are left alone unless O(purge) is set; an empty list manages nothing (with O(purge) it
        removes every object not in O(keep)).
      - Mutually exclusive with the options of the single form.
    type: list
    elements: dict
    suboptions:
      address:
        description: As O(address), for this entry.
        type: str
      enabled:
        description: As O(enabled), for this entry.
        type: bool
      smartermail:
        description: As O(smartermail), for this entry.
        type: bool
      smartermail_url:
        description: As O(smartermail_url), for this entry.
        type: str
      smartermail_username:
        description: As O(smartermail_username), for this entry.
        type: str
      smartermail_password:
        description: As O(smartermail_password), for this entry.
        type: str
      guid:
        description: As O(guid), for this entry.
        type: str
      state:
        description: As O(state), for this entry.
        type: str
        choices: [present, absent]
        default: present
  enabled:
    description: Whether the gateway is used (V(true) when added without it).
    type: bool
  smartermail:
    description: The gateway runs SmarterMail (then O(smartermail_url), O(smartermail_username) and O(smartermail_password)
      are required). V(false) when added without it.
    type: bool
  smartermail_url:
    description: URL of the gateway's SmarterMail web interface (http or https).
    type: str
  smartermail_username:
    description: Administrator user name on the gateway.
    type: str
  smartermail_password:
    description: Administrator password on the gateway (never shown).
    type: str
  guid:
    description: Read only - the server's identifier, ignored on input (so that the output of M(mailops.smartermail.smartermail_info)
      feeds back unchanged).
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
- name: A SmarterMail outgoing gateway
  mailops.smartermail.smartermail_gateway:
    address: gw1.example.com
    smartermail: true
    smartermail_url: https://gw1.example.com/
    smartermail_username: admin
    smartermail_password: "{{ gateway_password }}"
"""

RETURN = r"""
gateway:
  description: The object after the task (empty when removed). Returned in
    the single form.
  returned: when the single form is used
  type: dict
  sample:
    address: gw1.example.com
    enabled: true
    smartermail: true
    smartermail_url: https://gw1.example.com/
    smartermail_username: admin
    guid: 1d5c2a0e-9f55-4bb0-8b53-0e2a3f1c7d42
gateways:
  description: Every object on the server after the task. Returned with O(gateways).
  returned: when O(gateways) is used
  type: list
  elements: dict
  sample:
  - address: gw1.example.com
    enabled: true
    smartermail: true
    smartermail_url: https://gw1.example.com/
    smartermail_username: admin
    guid: 1d5c2a0e-9f55-4bb0-8b53-0e2a3f1c7d42
created:
  description: Keys of the objects added (or that would be, in check mode).
  returned: when O(gateways) is used
  type: list
  elements: str
  sample:
  - gw1.example.com
updated:
  description: Keys of the objects changed (or replaced) (or that would be,
    in check mode).
  returned: when O(gateways) is used
  type: list
  elements: str
  sample:
  - gw1.example.com
removed:
  description: Keys of the objects removed (or that would be, in check mode).
  returned: when O(gateways) is used
  type: list
  elements: str
  sample:
  - gw1.example.com
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample:
  - add gateway gw1.example.com
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.gateway import (
    GatewayResource,
)


def main():
    run_resource(GatewayResource)


if __name__ == "__main__":
    main()
