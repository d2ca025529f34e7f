#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_domain_forwarding
short_description: Manage SmarterMail's domain forwarding blocks (domains whose mail goes to another server's IP)
version_added: 1.0.0
description:
  - Manage the server-wide domain forwarding blocks of SmarterMail (svcDomainAdmin) idempotently. A block
    sends the mail of its domains to one target IP address; blocks are keyed by that address.
  - One block (O(target)) or the whole list (O(blocks), with O(purge) to remove the blocks not listed).
  - A block's domains compare as a set (order and case do not matter).
  - One block is read by its target address (C(GetDomainForwardingBlockByTargetAddress)), the list with one
    C(GetDomainForwarding). Domains are written by target address (C(SetDomainForwardingBlockByTargetAddress));
    a block whose target changes (O(rename_from)) is read and rewritten by its numeric ID
    (C(GetDomainForwardingBlock), C(SetDomainForwardingBlock)). A block named with O(state=absent) is deleted by
    its target address (C(DeleteDomainForwardBlockByTargetAddress)), one removed by O(purge) by the ID read in the
    same task (C(DeleteDomainForwardingBlock)).
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
  - mailops.smartermail.attributes.BULK
options:
  target:
    description:
      - The IP address (IPv4 or IPv6) that receives the mail of the block's domains.
      - Mutually exclusive with O(blocks).
    type: str
  blocks:
    description:
      - Several blocks, each with the options above (C(target) required).
      - Mutually exclusive with O(target), O(domains) and O(rename_from) (give them in each entry); O(state) beside
        the list is not used.
    type: list
    elements: dict
    suboptions:
      target:
        description: The target IP address.
        type: str
        required: true
      domains:
        description: The domains of the block.
        type: list
        elements: str
      rename_from:
        description: The target address of an existing block to move to C(target).
        type: str
      state:
        description: As O(state), for this entry.
        type: str
        choices: [present, absent]
        default: present
  domains:
    description: The domains of the block. Needed to create a block; not managed when omitted.
    type: list
    elements: str
  rename_from:
    description: The target address of an existing block to move to O(target) (its domains kept unless O(domains)
      is given).
    type: str
  state:
    description: Whether the block exists.
    type: str
    choices: [present, absent]
    default: present
"""

EXAMPLES = r"""
- name: Mail for the migrated domains goes to the new server
  mailops.smartermail.smartermail_domain_forwarding:
    url: http://mail.example.com:9998
    username: admin
    password: "{{ smartermail_admin_password }}"
    target: 192.0.2.80
    domains: [example.com, example.net]

- name: Exactly these blocks
  mailops.smartermail.smartermail_domain_forwarding:
    blocks:
      - {target: 192.0.2.80, domains: [example.com]}
      - {target: "2001:db8::25", domains: [example.org]}
    purge: true
"""

RETURN = r"""
block:
  description: The block after the task (one-block form), empty when absent.
  returned: with O(target)
  type: dict
  sample: {"target": "192.0.2.80", "domains": ["example.com", "example.net"]}
blocks:
  description: Every block read after the task (list form), shaped like the entries of O(blocks).
  returned: with O(blocks)
  type: list
  elements: dict
  sample: [{"target": "192.0.2.80", "domains": ["example.com"]}]
created:
  description: Targets of the blocks created (list form).
  returned: with O(blocks)
  type: list
  elements: str
  sample: ["192.0.2.80"]
updated:
  description: Targets of the blocks changed (list form).
  returned: with O(blocks)
  type: list
  elements: str
  sample: []
removed:
  description: Targets of the blocks removed (list form).
  returned: with O(blocks)
  type: list
  elements: str
  sample: ["198.51.100.7"]
changes:
  description: The writes made (or planned, in check mode).
  returned: changed
  type: list
  elements: str
  sample: ["add forwarding block 192.0.2.80 (example.com, example.net)"]
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain_forwarding import (
    DomainForwardingResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource


def main():
    run_resource(DomainForwardingResource)


if __name__ == "__main__":
    main()
