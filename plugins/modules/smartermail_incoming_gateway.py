#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_incoming_gateway
short_description: Manage the incoming gateways of a SmarterMail server
version_added: 1.0.0
description:
- Add, change and remove incoming gateways (backup MX or domain forwarding)
  with every field of the server's IncomingGatewayAttributes, one at a time
  or the whole list with O(gateways).
- A gateway is named by its address or range (C(start-end)); O(keep) takes
  either, or a CIDR network.
- C(UpdateIncomingGateway) takes the whole gateway - right before it the module
  reads the gateway again with C(GetIncomingGateway) and applies only the
  fields that change.
notes:
- The server returns the SmarterMail password, so O(smartermail_password)
  is compared (and changed only when it differs); it is never shown in the
  result, the diff or the output.
author:
- mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
- mailops.smartermail.smartermail
- mailops.smartermail.attributes
- mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
- mailops.smartermail.attributes.BULK
options:
  guid:
    description: Read only - the server's identifier, ignored on input (so that the output of M(mailops.smartermail.smartermail_info)
      feeds back unchanged).
    type: str
  gateway_mode:
    description: V(BackupMX) or V(DomainForward) (V(BackupMX) when added without it).
    type: str
    choices: [BackupMX, DomainForward]
  ip_address:
    description: One IP address (IPv4 or IPv6), or a CIDR network such as C(10.0.0.0/24), which stands for the range
      from its first to its last address. Give either this or O(ip_range_start) and O(ip_range_end).
    type: str
  gateways:
    description:
      - Many incoming gateways in one task, read with one call; only the differences are written.
      - Objects not listed are left alone unless O(purge) is set; an empty list manages nothing (with O(purge) it
        removes every object not in O(keep)).
      - Mutually exclusive with the options of the single form.
    type: list
    elements: dict
    suboptions:
      guid:
        description: As O(guid), for this entry.
        type: str
      gateway_mode:
        description: As O(gateway_mode), for this entry.
        type: str
        choices: [BackupMX, DomainForward]
      ip_address:
        description: As O(ip_address), for this entry.
        type: str
      ip_range_start:
        description: As O(ip_range_start), for this entry.
        type: str
      ip_range_end:
        description: As O(ip_range_end), for this entry.
        type: str
      user_verify_type:
        description: As O(user_verify_type), for this entry.
        type: str
        choices: [None, SMTP, WebService]
      webservice_url:
        description: As O(webservice_url), for this entry.
        type: str
      domain_verify_type:
        description: As O(domain_verify_type), for this entry.
        type: str
        choices: [AllButSpecifiedDomains, SpecifiedDomains, WebService]
      domains_to_forward:
        description: As O(domains_to_forward), for this entry.
        type: list
        elements: str
      enable_spam_actions:
        description: As O(enable_spam_actions), for this entry.
        type: bool
      spam_low_action:
        description: As O(spam_low_action), for this entry.
        type: str
        choices: [Delete, Header, None, PassScore, Reroute, Subject]
      spam_low_args:
        description: As O(spam_low_args), for this entry.
        type: str
      spam_medium_action:
        description: As O(spam_medium_action), for this entry.
        type: str
        choices: [Delete, Header, None, PassScore, Reroute, Subject]
      spam_medium_args:
        description: As O(spam_medium_args), for this entry.
        type: str
      spam_high_action:
        description: As O(spam_high_action), for this entry.
        type: str
        choices: [Delete, Header, None, PassScore, Reroute, Subject]
      spam_high_args:
        description: As O(spam_high_args), for this entry.
        type: str
      not_spam_action:
        description: As O(not_spam_action), for this entry.
        type: str
        choices: [Delete, Header, None, PassScore, Reroute, Subject]
      not_spam_args:
        description: As O(not_spam_args), for this entry.
        type: str
      smartermail_mode:
        description: As O(smartermail_mode), for this entry.
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
  user_verify_type:
    description: How the gateway verifies users (V(None) when added without it).
    type: str
    choices: [None, SMTP, WebService]
  webservice_url:
    description: URL of the verification web service (required for V(WebService) verification).
    type: str
  domain_verify_type:
    description: How the gateway verifies domains (V(SpecifiedDomains) when added without it).
    type: str
    choices: [AllButSpecifiedDomains, SpecifiedDomains, WebService]
  domains_to_forward:
    description: The domains the gateway forwards (a set; internationalized names as A-labels).
    type: list
    elements: str
  enable_spam_actions:
    description: Apply the spam actions (V(false) when added without it).
    type: bool
  spam_low_action:
    description: What to do with low-spam messages - V(Delete), V(Header), V(None), V(PassScore), V(Reroute) or
      V(Subject) (V(None) when added without it).
    type: str
    choices: [Delete, Header, None, PassScore, Reroute, Subject]
  spam_low_args:
    description: The argument of the low-spam action (a header, a subject prefix, an address).
    type: str
  spam_medium_action:
    description: What to do with medium-spam messages - V(Delete), V(Header), V(None), V(PassScore), V(Reroute)
      or V(Subject) (V(None) when added without it).
    type: str
    choices: [Delete, Header, None, PassScore, Reroute, Subject]
  spam_medium_args:
    description: The argument of the medium-spam action (a header, a subject prefix, an address).
    type: str
  spam_high_action:
    description: What to do with high-spam messages - V(Delete), V(Header), V(None), V(PassScore), V(Reroute) or
      V(Subject) (V(None) when added without it).
    type: str
    choices: [Delete, Header, None, PassScore, Reroute, Subject]
  spam_high_args:
    description: The argument of the high-spam action (a header, a subject prefix, an address).
    type: str
  not_spam_action:
    description: What to do with non-spam messages - V(Delete), V(Header), V(None), V(PassScore), V(Reroute) or
      V(Subject) (V(None) when added without it).
    type: str
    choices: [Delete, Header, None, PassScore, Reroute, Subject]
  not_spam_args:
    description: The argument of the non-spam action (a header, a subject prefix, an address).
    type: str
  smartermail_mode:
    description: The gateway is a SmarterMail server (then O(smartermail_url), O(smartermail_username) and O(smartermail_password)
      are required).
    type: bool
  smartermail_url:
    description: URL of the SmarterMail web interface (http or https).
    type: str
  smartermail_username:
    description: Administrator user name (with O(smartermail_mode)).
    type: str
  smartermail_password:
    description: Administrator password (with O(smartermail_mode); never shown).
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
- name: A backup MX for two domains
  mailops.smartermail.smartermail_incoming_gateway:
    ip_address: 198.51.100.25
    gateway_mode: BackupMX
    domains_to_forward: [example.com, example.net]
"""

RETURN = r"""
gateway:
  description: The object after the task (empty when removed). Returned in
    the single form.
  returned: when the single form is used
  type: dict
  sample:
    ip_address: 198.51.100.25
    ip_range_start: ''
    ip_range_end: ''
    gateway_mode: BackupMX
    user_verify_type: None
    webservice_url: ''
    domain_verify_type: SpecifiedDomains
    domains_to_forward:
    - example.com
    - example.net
    enable_spam_actions: false
    spam_low_action: None
    spam_low_args: ''
    spam_medium_action: None
    spam_medium_args: ''
    spam_high_action: None
    spam_high_args: ''
    not_spam_action: None
    not_spam_args: ''
    smartermail_mode: false
    smartermail_url: ''
    smartermail_username: ''
    guid: 6a1f0c3e-2b7d-4e8a-9c5f-1d0e2f3a4b5c
gateways:
  description: Every object on the server after the task. Returned with O(gateways).
  returned: when O(gateways) is used
  type: list
  elements: dict
  sample:
  - ip_address: 198.51.100.25
    ip_range_start: ''
    ip_range_end: ''
    gateway_mode: BackupMX
    user_verify_type: None
    webservice_url: ''
    domain_verify_type: SpecifiedDomains
    domains_to_forward:
    - example.com
    - example.net
    enable_spam_actions: false
    spam_low_action: None
    spam_low_args: ''
    spam_medium_action: None
    spam_medium_args: ''
    spam_high_action: None
    spam_high_args: ''
    not_spam_action: None
    not_spam_args: ''
    smartermail_mode: false
    smartermail_url: ''
    smartermail_username: ''
    guid: 6a1f0c3e-2b7d-4e8a-9c5f-1d0e2f3a4b5c
created:
  description: Keys of the objects added (or that would be, in check mode).
  returned: when O(gateways) is used
  type: list
  elements: str
  sample:
  - 198.51.100.25
updated:
  description: Keys of the objects changed (or replaced) (or that would be,
    in check mode).
  returned: when O(gateways) is used
  type: list
  elements: str
  sample:
  - 198.51.100.25
removed:
  description: Keys of the objects removed (or that would be, in check mode).
  returned: when O(gateways) is used
  type: list
  elements: str
  sample:
  - 198.51.100.25
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample:
  - add incoming gateway 198.51.100.25
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.incoming_gateway import (
    IncomingGatewayResource,
)


def main():
    run_resource(IncomingGatewayResource)


if __name__ == "__main__":
    main()
