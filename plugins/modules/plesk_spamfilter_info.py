#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: plesk_spamfilter_info
short_description: Read Plesk's SpamAssassin spam filter settings of mailboxes and of the server
version_added: 0.1.0
description:
  - In version 0.1.0 this module was called C(mailops.smartermail.spamfilter_prefs_info); that name still
    works, with a deprecation warning, until version 2.0.0.
  - Read whether the Plesk spam filter is on, its preferences and its pattern lists, for mailboxes
    and for the server (V(admin)).
  - The result can be fed back unchanged as the O(mailops.smartermail.plesk_spamfilter#module:mailboxes)
    option of M(mailops.smartermail.plesk_spamfilter), to adopt or copy existing settings.
  - One C(get) packet reads all filters; one C(get-patterns) packet reads each list.
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.plesk
  - mailops.smartermail.attributes.INFO_MODULE
  - mailops.smartermail.attributes.ACTIONGROUP_PLESK
options:
  names:
    description:
      - Mailboxes (C(user@example.com)) to read, and/or V(admin) for the server-wide settings.
      - An empty list reads nothing and returns no filter.
    type: list
    elements: str
    default:
      - admin
  lists:
    description:
      - The pattern lists to read. The server-wide filter (V(admin)) has only the black and white lists.
      - An empty list reads no pattern list at all.
    type: list
    elements: str
    choices: [black, white, unblack, unwhite]
    default:
      - black
      - white
      - unblack
      - unwhite
seealso:
  - module: mailops.smartermail.plesk_spamfilter
"""

EXAMPLES = r"""
- name: Read the server-wide settings and two mailboxes
  mailops.smartermail.plesk_spamfilter_info:
    url: https://plesk.example.com:8443
    api_key: "{{ plesk_api_key }}"
    names: [admin, alice@example.com, bob@example.com]
  register: spam

# The tasks below carry no connection options: they come from the play's module_defaults
# (group/mailops.smartermail.plesk, with the password from a vault variable) or from the
# PLESK_URL, PLESK_USERNAME and PLESK_PASSWORD (or PLESK_API_KEY) environment variables
# (an AWX credential injects them).
- name: Copy them to another Plesk server
  mailops.smartermail.plesk_spamfilter:
    url: https://plesk2.example.com:8443
    api_key: "{{ plesk2_api_key }}"
    mailboxes: "{{ spam.spamfilters }}"
    purge: true
"""

RETURN = r"""
spamfilters:
  description:
    - One entry per filter read, in the order of O(names), shaped like the entries of
      O(mailops.smartermail.plesk_spamfilter#module:mailboxes).
    - Only the preferences the server reports for that filter and the lists read are present.
  returned: success
  type: list
  elements: dict
  contains:
    name:
      description: The mailbox in lower case, or V(admin).
      type: str
      sample: alice@example.com
    enabled:
      description: Whether the spam filter is on.
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
      description: Patterns of the black list, sorted and in lower case.
      type: list
      elements: str
      sample: ["*@spam.example.net"]
    white_list:
      description: Patterns of the white list.
      type: list
      elements: str
      sample: ["*@partner.example.org"]
    unblack_list:
      description: Patterns of the unblack list (mailboxes).
      type: list
      elements: str
      sample: ["*@trusted.example.org"]
    unwhite_list:
      description: Patterns of the unwhite list (mailboxes).
      type: list
      elements: str
      sample: ["*@bulk.example.org"]
  sample:
    - name: admin
      enabled: true
      personal: true
      max_children: 5
      use_server_wide_settings: true
      required_score: 7.0
      rewrite_header: "*****SPAM*****"
      black_list: ["*@spam.example.net"]
      white_list: []
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._plesk.spamfilter import SpamFilterInfoResource


def main():
    run_resource(SpamFilterInfoResource)


if __name__ == "__main__":
    main()
