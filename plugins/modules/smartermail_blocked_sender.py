#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_blocked_sender
short_description: Manage the SMTP blocked senders of a SmarterMail server
version_added: 1.0.0
description:
- Add SMTP blocked senders (e-mail addresses or domains) to a SmarterMail
  server, one at a time or many with O(blocked_senders).
notes:
- The web service has no operation to remove a blocked sender or change its
  description. O(state=absent), a O(purge) that would remove one, or a new
  description fails before any write.
author:
- mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
- mailops.smartermail.smartermail
- mailops.smartermail.attributes
- mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
- mailops.smartermail.attributes.BULK
options:
  sender:
    description: An e-mail address or a domain name (compared without case); it names the entry.
    type: str
  blocked_senders:
    description:
      - Many blocked senders in one task, read with one call; only the differences are written.
      - Objects not listed are left alone unless O(purge) is set; an empty list manages nothing (with O(purge) it
        removes every object not in O(keep)).
      - Mutually exclusive with the options of the single form.
    type: list
    elements: dict
    suboptions:
      sender:
        description: As O(sender), for this entry.
        type: str
      description:
        description: As O(description), for this entry.
        type: str
      state:
        description: As O(state), for this entry.
        type: str
        choices: [present, absent]
        default: present
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
- name: Block a sender domain
  mailops.smartermail.smartermail_blocked_sender:
    sender: spammer.example
    description: known spam source
"""

RETURN = r"""
blocked_sender:
  description: The object after the task (empty when removed). Returned in
    the single form.
  returned: when the single form is used
  type: dict
  sample:
    sender: spammer.example
    description: known spam source
blocked_senders:
  description: Every object on the server after the task. Returned with O(blocked_senders).
  returned: when O(blocked_senders) is used
  type: list
  elements: dict
  sample:
  - sender: spammer.example
    description: known spam source
created:
  description: Keys of the objects added (or that would be, in check mode).
  returned: when O(blocked_senders) is used
  type: list
  elements: str
  sample:
  - spammer.example
updated:
  description: Keys of the objects changed (or replaced) (or that would be,
    in check mode).
  returned: when O(blocked_senders) is used
  type: list
  elements: str
  sample:
  - spammer.example
removed:
  description: Keys of the objects removed (or that would be, in check mode).
  returned: when O(blocked_senders) is used
  type: list
  elements: str
  sample:
  - spammer.example
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample:
  - add blocked sender spammer.example
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.blocked_sender import (
    BlockedSenderResource,
)


def main():
    run_resource(BlockedSenderResource)


if __name__ == "__main__":
    main()
