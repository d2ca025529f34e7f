#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_abuse_detection_rule
short_description: Manage the abuse detection rules of a SmarterMail server
version_added: 1.0.0
description:
- Add, change and remove abuse detection rules of every kind the web service
  documents - V(DOS) and V(BruteForce) per service, V(Harvesting), V(InternalSpammer)
  and V(Bounces); one at a time or the whole list with O(rules).
- A rule is named by its type and service, as C(type|service) in O(keep) (C(bruteforce|smtp),
  C(harvesting|)); the module manages one rule per type and service. A second
  rule of the same type and service on the server is named C(...#2) and removed
  by a O(purge).
- The type and the service of a rule cannot be changed; the other fields are
  updated in place.
- Reading costs one call per type (a rule read with the filter C(ALL) does
  not say its type).
author:
- mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
- mailops.smartermail.smartermail
- mailops.smartermail.attributes
- mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
- mailops.smartermail.attributes.BULK
options:
  type:
    description: The kind of rule. Required.
    type: str
    choices: [DOS, BruteForce, Harvesting, InternalSpammer, Bounces]
  rules:
    description:
      - Many rules in one task, read with one call; only the differences are written.
      - Objects not listed are left alone unless O(purge) is set; an empty list manages nothing (with O(purge) it
        removes every object not in O(keep)).
      - Mutually exclusive with the options of the single form.
    type: list
    elements: dict
    suboptions:
      type:
        description: As O(type), for this entry.
        type: str
        choices: [DOS, BruteForce, Harvesting, InternalSpammer, Bounces]
      service:
        description: As O(service), for this entry.
        type: str
        choices: [IMAP, LDAP, POP, SMTP, XMPP, '']
      time_frame:
        description: As O(time_frame), for this entry.
        type: int
      occurrences_before_trigger:
        description: As O(occurrences_before_trigger), for this entry.
        type: int
      time_to_block:
        description: As O(time_to_block), for this entry.
        type: int
      action:
        description: As O(action), for this entry.
        type: str
        choices: [NotifyOnly, Block, '']
      email_to_notify:
        description: As O(email_to_notify), for this entry.
        type: str
      description:
        description: As O(description), for this entry.
        type: str
      id:
        description: As O(id), for this entry.
        type: str
      state:
        description: As O(state), for this entry.
        type: str
        choices: [present, absent]
        default: present
  service:
    description: The service a V(DOS) or V(BruteForce) rule watches (required for those, none for the others).
    type: str
    choices: [IMAP, LDAP, POP, SMTP, XMPP, '']
  time_frame:
    description: The time frame in minutes in which the rule can trigger (at least 1). Required to add a rule.
    type: int
  occurrences_before_trigger:
    description: How many occurrences in O(time_frame) trigger the rule (at least 1). Required to add a rule.
    type: int
  time_to_block:
    description: Minutes the offender is blocked (0 or more). Required to add a V(DOS), V(BruteForce) or V(Harvesting)
      rule.
    type: int
  action:
    description: What an V(InternalSpammer) or V(Bounces) rule does (V(NotifyOnly) when added without it).
    type: str
    choices: [NotifyOnly, Block, '']
  email_to_notify:
    description: The address an V(InternalSpammer) or V(Bounces) rule notifies (required to add one).
    type: str
  description:
    description: A description for display.
    type: str
  id:
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
- name: Block SMTP brute force
  mailops.smartermail.smartermail_abuse_detection_rule:
    type: BruteForce
    service: SMTP
    time_frame: 10
    occurrences_before_trigger: 5
    time_to_block: 60

- name: Exactly these rules
  mailops.smartermail.smartermail_abuse_detection_rule:
    rules:
      - {type: DOS, service: SMTP, time_frame: 1, occurrences_before_trigger: 100, time_to_block: 10}
      - {type: Harvesting, time_frame: 10, occurrences_before_trigger: 20, time_to_block: 60}
      - {type: InternalSpammer, time_frame: 60, occurrences_before_trigger: 500,
         email_to_notify: postmaster@example.com}
    purge: true
"""

RETURN = r"""
rule:
  description: The object after the task (empty when removed). Returned in
    the single form.
  returned: when the single form is used
  type: dict
  sample:
    type: BruteForce
    service: SMTP
    time_frame: 10
    occurrences_before_trigger: 5
    time_to_block: 60
    action: ''
    email_to_notify: ''
    description: ''
    id: 7b0e4c1e-3c55-4c43-9d7e-3b7c0b1f0a11
rules:
  description: Every object on the server after the task. Returned with O(rules).
  returned: when O(rules) is used
  type: list
  elements: dict
  sample:
  - type: BruteForce
    service: SMTP
    time_frame: 10
    occurrences_before_trigger: 5
    time_to_block: 60
    action: ''
    email_to_notify: ''
    description: ''
    id: 7b0e4c1e-3c55-4c43-9d7e-3b7c0b1f0a11
created:
  description: Keys of the objects added (or that would be, in check mode).
  returned: when O(rules) is used
  type: list
  elements: str
  sample:
  - bruteforce|smtp
updated:
  description: Keys of the objects changed (or replaced) (or that would be,
    in check mode).
  returned: when O(rules) is used
  type: list
  elements: str
  sample:
  - bruteforce|smtp
removed:
  description: Keys of the objects removed (or that would be, in check mode).
  returned: when O(rules) is used
  type: list
  elements: str
  sample:
  - bruteforce|smtp
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample:
  - add abuse detection rule BruteForce SMTP
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.abuse_detection_rule import (
    AbuseDetectionRuleResource,
)


def main():
    run_resource(AbuseDetectionRuleResource)


if __name__ == "__main__":
    main()
