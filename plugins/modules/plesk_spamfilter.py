#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: plesk_spamfilter
short_description: Manage Plesk's SpamAssassin spam filter of mailboxes and of the server
version_added: 0.1.0
description:
  - In version 0.1.0 this module was called C(mailops.smartermail.spamfilter_prefs); that name still works,
    with a deprecation warning, until version 2.0.0.
  - Switch the Plesk spam filter (SpamAssassin) on or off and set its preferences, for one mailbox,
    for many mailboxes in one task (O(mailboxes)), or server-wide (name V(admin)).
  - Manage the black, white, unblack and unwhite pattern lists as sets. By default only missing
    patterns are added; with O(purge) the patterns not listed are removed.
  - Only the options that are set are managed; the others are left as they are.
  - All filters of a task are read with one C(get) packet, and each list the task manages with one
    C(get-patterns) packet; only the differences are written.
  - Every input is checked before the first call, including preferences that Plesk supports only
    server-wide (O(personal), O(max_children)) or only for mailboxes (O(action), O(unblack_list), O(unwhite_list)).
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.plesk
  - mailops.smartermail.attributes
  - mailops.smartermail.attributes.ACTIONGROUP_PLESK
options:
  name:
    description:
      - The mailbox (C(user@example.com)), or V(admin) for the server-wide settings.
      - Mailbox names compare without case; they are shown in lower case.
      - An internationalized domain part (C(user@bücher.test)) is converted to A-labels (C(xn--bcher-kva.test)).
      - Mutually exclusive with O(mailboxes).
    type: str
    aliases:
      - mailbox
  mailboxes:
    description:
      - Many filters in one task. Each entry takes the same options as the top level, plus its own O(mailboxes[].purge).
      - Mutually exclusive with O(name) and the per-filter options of the top level.
      - An empty list (an empty inventory variable) manages nothing (no call, no change).
    type: list
    elements: dict
    suboptions:
      name:
        description: The mailbox, or V(admin) for the server-wide settings.
        type: str
        required: true
        aliases:
          - mailbox
      purge:
        description: Overrides O(purge) for this entry.
        type: bool
      enabled:
        description: As O(enabled), for this entry.
        type: bool
      personal:
        description: Server-wide only. Whether mailbox owners may use their own settings.
        type: bool
      max_children:
        description: Server-wide only. SpamAssassin processes at once, from 1 to 5.
        type: int
      use_server_wide_settings:
        description: Whether the server-wide settings and lists apply too.
        type: bool
      required_score:
        description: The score a message needs to be classified as spam.
        type: float
      rewrite_header:
        description: Text put at the beginning of the subject of a spam message.
        type: str
        aliases:
          - rewrite_subject
      action:
        description: What happens to a spam message. Mailboxes only.
        type: str
        choices: [mark, delete, move]
      black_list:
        description: Patterns of senders whose mail is always spam.
        type: list
        elements: str
      white_list:
        description: Patterns of senders whose mail is never spam.
        type: list
        elements: str
      unblack_list:
        description: Mailboxes only. Patterns exempted from the server-wide black list.
        type: list
        elements: str
      unwhite_list:
        description: Mailboxes only. Patterns exempted from the server-wide white list.
        type: list
        elements: str
  purge:
    description: Remove the patterns of each managed list that are not given. Lists that are not given are never
      touched.
    type: bool
    default: false
  enabled:
    description: Whether the spam filter is switched on.
    type: bool
  personal:
    description: Server-wide only. Whether mailbox owners may use their own spam filter settings.
    type: bool
  max_children:
    description:
      - Server-wide only. How many SpamAssassin processes may run at once, from 1 to 5.
      - Plesk calls it C(max-children-process).
    type: int
  use_server_wide_settings:
    description: Whether the server-wide settings and lists apply to the mailbox's mail as well.
    type: bool
  required_score:
    description:
      - The score a message needs to be classified as spam (Plesk's default is 7). A lower value filters more.
      - A number greater than 0.
    type: float
  rewrite_header:
    description:
      - Text put at the beginning of the subject of a message classified as spam, for example C(*****SPAM*****).
      - Plesk stores it without surrounding blanks, so it is compared and written trimmed.
    type: str
    aliases:
      - rewrite_subject
  action:
    description:
      - What happens to a message classified as spam. Mailboxes only.
      - V(mark) keeps it with the marks, V(delete) deletes it, V(move) moves it to the Spam folder.
    type: str
    choices: [mark, delete, move]
  black_list:
    description:
      - Patterns of senders whose mail is always spam, like C(user@example.com), C(*@example.com) or C(*@*.example.net).
      - Set semantics, case does not matter. Patterns not listed are removed only with O(purge).
    type: list
    elements: str
  white_list:
    description: Patterns of senders whose mail is never spam. Same rules as O(black_list).
    type: list
    elements: str
  unblack_list:
    description: Mailboxes only. Patterns exempted from the server-wide black list. Same rules as O(black_list).
    type: list
    elements: str
  unwhite_list:
    description: Mailboxes only. Patterns exempted from the server-wide white list. Same rules as O(black_list).
    type: list
    elements: str
notes:
  - Use M(mailops.smartermail.plesk_spamfilter_info) to read the current settings in the shape of this module's options.
seealso:
  - module: mailops.smartermail.plesk_spamfilter_info
"""

EXAMPLES = r"""
- name: Server-wide spam filter
  mailops.smartermail.plesk_spamfilter:
    url: https://plesk.example.com:8443
    username: admin
    password: "{{ plesk_admin_password }}"
    name: admin
    enabled: true
    required_score: 6
    personal: true
    max_children: 5
    black_list: ["*@spam.example.net"]

# The tasks below carry no connection options: they come from the play's module_defaults
# (group/mailops.smartermail.plesk, with the password from a vault variable) or from the
# PLESK_URL, PLESK_USERNAME and PLESK_PASSWORD (or PLESK_API_KEY) environment variables
# (an AWX credential injects them).
- name: One mailbox moves spam to its Spam folder and trusts a partner
  mailops.smartermail.plesk_spamfilter:
    name: alice@example.com
    enabled: true
    action: move
    white_list: ["*@partner.example.org"]

- name: Several mailboxes in one task, the white lists exactly as given
  mailops.smartermail.plesk_spamfilter:
    mailboxes:
      - name: bob@example.com
        enabled: true
        required_score: 5.5
        white_list: []
      - name: carol@example.com
        enabled: false
    purge: true
"""

RETURN = r"""
spamfilter:
  description:
    - The filter after the task. Returned with O(name).
    - Holds the preferences the server reports and the lists the task managed.
  returned: when O(name) is used
  type: dict
  contains:
    name:
      description: The mailbox in lower case, or V(admin).
      type: str
      sample: alice@example.com
    enabled:
      description: Whether the spam filter is on (absent when the server does not say).
      type: bool
      sample: true
    required_score:
      description: Score needed to be spam.
      type: float
      sample: 7.0
    rewrite_header:
      description: Subject prefix of spam messages.
      type: str
      sample: "*****SPAM*****"
    action:
      description: What happens to spam (mailboxes).
      type: str
      sample: move
    personal:
      description: Whether mailbox owners may use their own settings (server-wide).
      type: bool
      sample: true
    max_children:
      description: SpamAssassin processes at once (server-wide).
      type: int
      sample: 5
    use_server_wide_settings:
      description: Whether the server-wide settings apply too.
      type: bool
      sample: true
    black_list:
      description: Patterns of the black list, sorted and in lower case (when managed).
      type: list
      elements: str
      sample: ["*@spam.example.net"]
    white_list:
      description: Patterns of the white list (when managed).
      type: list
      elements: str
      sample: ["*@partner.example.org"]
    unblack_list:
      description: Patterns of the unblack list (when managed).
      type: list
      elements: str
      sample: ["*@trusted.example.org"]
    unwhite_list:
      description: Patterns of the unwhite list (when managed).
      type: list
      elements: str
      sample: ["*@bulk.example.org"]
  sample:
    name: alice@example.com
    enabled: true
    use_server_wide_settings: true
    required_score: 7.0
    rewrite_header: "*****SPAM*****"
    action: move
    white_list: ["*@partner.example.org"]
spamfilters:
  description: Every filter of O(mailboxes) after the task, in the order given, shaped like RV(spamfilter).
  returned: when O(mailboxes) is used
  type: list
  elements: dict
  sample: [{"name": "bob@example.com", "enabled": true, "required_score": 5.5, "white_list": []}]
updated:
  description: Names of the filters that changed (or would, in check mode).
  returned: when O(mailboxes) is used
  type: list
  elements: str
  sample: ["bob@example.com"]
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample: ["set spam filter of bob@example.com: enable, required-score=5.5"]
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._plesk.spamfilter import SpamFilterResource


def main():
    run_resource(SpamFilterResource)


if __name__ == "__main__":
    main()
