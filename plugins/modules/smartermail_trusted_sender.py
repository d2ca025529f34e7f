#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_trusted_sender
short_description: Manage the globally trusted senders of a SmarterMail server
version_added: 1.0.0
description:
- Add and remove the globally trusted senders (e-mail addresses or domains)
  of a SmarterMail server, one at a time or the whole list with O(senders).
author:
- mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
- mailops.smartermail.smartermail
- mailops.smartermail.attributes
- mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
- mailops.smartermail.attributes.BULK
options:
  sender:
    description: An e-mail address or a domain name (compared without case; internationalized domains as A-labels).
    type: str
  senders:
    description:
      - Many trusted senders (e-mail addresses or domain names) in one task, read with one call; only the differences
        are written.
      - Objects not listed are left alone unless O(purge) is set; an empty list manages nothing (with O(purge) it
        removes every object not in O(keep)).
      - Mutually exclusive with the options of the single form.
    type: list
    elements: str
  state:
    description: Whether the object should exist.
    type: str
    choices: [present, absent]
    default: present
seealso:
- module: mailops.smartermail.smartermail_info
"""

EXAMPLES = r"""
- name: Trust a partner domain
  mailops.smartermail.smartermail_trusted_sender:
    sender: partner.example

- name: Exactly these trusted senders
  mailops.smartermail.smartermail_trusted_sender:
    senders: [partner.example, billing@vendor.example]
    purge: true
"""

RETURN = r"""
sender:
  description: The object after the task (empty when removed). Returned in
    the single form.
  returned: when the single form is used
  type: str
  sample: partner.example
senders:
  description: Every object on the server after the task. Returned with O(senders).
  returned: when O(senders) is used
  type: list
  elements: str
  sample:
  - partner.example
created:
  description: Keys of the objects added (or that would be, in check mode).
  returned: when O(senders) is used
  type: list
  elements: str
  sample:
  - partner.example
updated:
  description: Keys of the objects changed (or replaced) (or that would be,
    in check mode).
  returned: when O(senders) is used
  type: list
  elements: str
  sample:
  - partner.example
removed:
  description: Keys of the objects removed (or that would be, in check mode).
  returned: when O(senders) is used
  type: list
  elements: str
  sample:
  - partner.example
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample:
  - add trusted sender partner.example
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.trusted_sender import (
    TrustedSenderResource,
)


def main():
    run_resource(TrustedSenderResource)


if __name__ == "__main__":
    main()
