#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_forwarding_blacklist
short_description: Manage the forwarding black list of a SmarterMail server
version_added: 1.0.0
description:
- Add and remove the domains of a SmarterMail server's forwarding black list
  (domains mail is never forwarded to), one at a time or the whole list with
  O(domains).
author:
- mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
- mailops.smartermail.smartermail
- mailops.smartermail.attributes
- mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
- mailops.smartermail.attributes.BULK
options:
  domain:
    description: A domain name (compared without case; internationalized names as A-labels).
    type: str
  domains:
    description:
      - Many domains in one task, read with one call; only the differences are written.
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
- name: Never forward to a free-mail provider
  mailops.smartermail.smartermail_forwarding_blacklist:
    domain: freemail.example

- name: Exactly this list
  mailops.smartermail.smartermail_forwarding_blacklist:
    domains: [freemail.example, webmail.example]
    purge: true
"""

RETURN = r"""
domain:
  description: The object after the task (empty when removed). Returned in
    the single form.
  returned: when the single form is used
  type: str
  sample: freemail.example
domains:
  description: Every object on the server after the task. Returned with O(domains).
  returned: when O(domains) is used
  type: list
  elements: str
  sample:
  - freemail.example
created:
  description: Keys of the objects added (or that would be, in check mode).
  returned: when O(domains) is used
  type: list
  elements: str
  sample:
  - freemail.example
updated:
  description: Keys of the objects changed (or replaced) (or that would be,
    in check mode).
  returned: when O(domains) is used
  type: list
  elements: str
  sample:
  - freemail.example
removed:
  description: Keys of the objects removed (or that would be, in check mode).
  returned: when O(domains) is used
  type: list
  elements: str
  sample:
  - freemail.example
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample:
  - add forwarding black list entry freemail.example
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.forwarding_blacklist import (
    ForwardingBlacklistResource,
)


def main():
    run_resource(ForwardingBlacklistResource)


if __name__ == "__main__":
    main()
