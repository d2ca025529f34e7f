#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_rbl
short_description: Manage the RBL checks of a SmarterMail server
version_added: 0.1.0
description:
  - Add, update, rename and remove one RBL (DNS block list) check of SmarterMail's anti-spam
    administration, with every field of the server's RBLSetting.
  - Manage the whole RBL list in one task with O(rbls), reading it once and writing only the
    differences; with O(purge) remove the checks not listed, except those in O(keep).
  - A check is renamed only when O(rename_from) (or C(rename_from) in an O(rbls) entry) names it;
    otherwise a new name is a new check.
notes:
  - C(EditRBL) takes the whole check. Right before it, the module reads the list again and applies only
    the fields that change to the check as read then (tasks on the same machine take turns per check), and
    reads the list back afterwards. A change made elsewhere in the milliseconds between that read and the
    write is still overwritten.
  - When C(AddRBL) answers that the check already exists because another task added it after this task's
    read, the module reads it and updates only what differs instead of failing.
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
  - mailops.smartermail.attributes.BULK
options:
  name:
    description:
      - Name of one RBL check (at most 100 characters). Mutually exclusive with O(rbls).
      - Names compare without case (also in O(keep) and O(rename_from)), as one name. A name that differs from an
        existing check's only in case is that check, which keeps the spelling it has; the check is renamed (to change
        the case of its name, too) only when O(rename_from) names it.
    type: str
  rbls:
    description:
      - Many RBL checks in one task. Mutually exclusive with O(name).
      - The list is read with one call; only the differences are written. Checks not listed are left alone unless
        O(purge) is set.
      - An empty list (an empty inventory variable) changes nothing (the list is still read, to be returned); with
        O(purge) it removes every check not in O(keep).
    type: list
    elements: dict
    suboptions:
      name:
        description: Name of the check.
        type: str
        required: true
      rename_from:
        description: Rename the check of this name to O(rbls[].name).
        type: str
      description:
        description: A short description for display.
        type: str
      hostname:
        description: The DNS zone of the list. Required to add a check.
        type: str
      weight:
        description: Spam weight when listed, from -100 to 100. Required to add a check.
        type: int
      filtering:
        description: Use the check in spam filtering (V(true) on add when omitted).
        type: bool
      incoming_blocking:
        description: Refuse incoming SMTP sessions from listed senders.
        type: bool
      outgoing_blocking:
        description: Refuse outgoing SMTP sessions from listed senders.
        type: bool
      uribl:
        description: The list is a URI block list.
        type: bool
      bitmap_checking:
        description: Interpret the answer as a bitmap.
        type: bool
      required_ip:
        description: The answer that counts as listed.
        type: str
      required_ip_enabled:
        description: Count as listed only when the answer is O(rbls[].required_ip).
        type: bool
      state:
        description: Whether this check should exist.
        type: str
        choices: [present, absent]
        default: present
  rename_from:
    description: Rename the check of this name to O(name), keeping its other fields unless given. Nothing is renamed
      when O(name) already exists and this one does not; both existing is an error.
    type: str
  description:
    description: A short description for display.
    type: str
  hostname:
    description:
      - The DNS zone of the list, for example C(zen.spamhaus.org). Required to add a check.
      - Internationalized names (C(bücher.test)) are converted to A-labels (C(xn--bcher-kva.test)), the form the
        server holds and the result shows; a trailing dot and the case are ignored.
    type: str
  weight:
    description: Spam weight added when the sender is listed, from -100 to 100. Required to add a check.
    type: int
  filtering:
    description: Use the check in spam filtering. V(true) when a check is added without it.
    type: bool
  incoming_blocking:
    description: Refuse incoming SMTP sessions from listed senders. V(false) when a check is added without it.
    type: bool
  outgoing_blocking:
    description: Refuse outgoing SMTP sessions from listed senders. V(false) when a check is added without it.
    type: bool
  uribl:
    description: The list is a URI block list (checks links in the message body). V(false) when a check is added
      without it.
    type: bool
  bitmap_checking:
    description: Interpret the answer as a bitmap. V(false) when a check is added without it.
    type: bool
  required_ip:
    description: The answer (an IPv4 address such as C(127.0.0.2)) that counts as listed; empty for any answer.
    type: str
  required_ip_enabled:
    description: Count the sender as listed only when the answer is O(required_ip) (which must then be set).
    type: bool
  state:
    description: Whether the check named in O(name) should exist.
    type: str
    choices: [present, absent]
    default: present
seealso:
  - module: mailops.smartermail.smartermail_antispam_settings
  - module: mailops.smartermail.smartermail_antispam_info
"""

EXAMPLES = r"""
- name: Spamhaus ZEN, weight 30, only the 127.0.0.2 answer counts
  mailops.smartermail.smartermail_rbl:
    url: http://mail.example.com:9998
    username: admin
    password: "{{ smartermail_admin_password }}"
    name: Spamhaus ZEN
    hostname: zen.spamhaus.org
    weight: 30
    required_ip: 127.0.0.2
    required_ip_enabled: true

# The tasks below carry no connection options: they come from the play's module_defaults
# (group/mailops.smartermail.smartermail, with the password from a vault variable) or from the
# SMARTERMAIL_URL, SMARTERMAIL_USERNAME and SMARTERMAIL_PASSWORD environment variables (an AWX credential injects them).
- name: Rename a check
  mailops.smartermail.smartermail_rbl:
    name: SpamCop
    rename_from: spamcop-old

- name: The whole RBL list, removing unlisted checks but one
  mailops.smartermail.smartermail_rbl:
    rbls:
      - {name: Spamhaus ZEN, hostname: zen.spamhaus.org, weight: 30}
      - {name: SpamCop, hostname: bl.spamcop.net, weight: 20}
      - {name: SURBL, hostname: multi.surbl.org, weight: 20, uribl: true}
    purge: true
    keep: [Local list]

- name: Remove a check
  mailops.smartermail.smartermail_rbl:
    name: SORBS
    state: absent
"""

RETURN = r"""
rbl:
  description: The check after the task (empty when removed). Returned with O(name).
  returned: when O(name) is used
  type: dict
  sample: {"name": "Spamhaus ZEN", "description": "", "hostname": "zen.spamhaus.org", "weight": 30,
           "filtering": true, "incoming_blocking": false, "outgoing_blocking": false, "uribl": false,
           "bitmap_checking": false, "required_ip": "127.0.0.2", "required_ip_enabled": true}
rbls:
  description: Every RBL check after the task, in the server's order. Returned with O(rbls).
  returned: when O(rbls) is used
  type: list
  elements: dict
  sample: [{"name": "Spamhaus ZEN", "description": "", "hostname": "zen.spamhaus.org", "weight": 30,
            "filtering": true, "incoming_blocking": false, "outgoing_blocking": false, "uribl": false,
            "bitmap_checking": false, "required_ip": "127.0.0.2", "required_ip_enabled": true}]
created:
  description: Names of the checks added (or that would be, in check mode).
  returned: when O(rbls) is used
  type: list
  elements: str
  sample: ["SURBL"]
updated:
  description: Names of the checks changed in place.
  returned: when O(rbls) is used
  type: list
  elements: str
  sample: ["SpamCop"]
renamed:
  description: New names of the checks renamed (with or without other changes).
  returned: when O(rbls) is used
  type: list
  elements: str
  sample: ["ZEN"]
removed:
  description: Names of the checks removed.
  returned: when O(rbls) is used
  type: list
  elements: str
  sample: ["SORBS"]
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample: ["add RBL Spamhaus ZEN"]
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.rbl import RblResource


def main():
    run_resource(RblResource)


if __name__ == "__main__":
    main()
