#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_mailing_list_info
short_description: Read the mailing lists of a SmarterMail domain
version_added: 1.0.0
description:
  - Read the mailing lists of one domain with their settings, the counts of their address sets and, when
    asked, the addresses themselves, shaped as the options of M(mailops.smartermail.smartermail_mailing_list).
    RV(mailing_lists) fed back into its O(mailops.smartermail.smartermail_mailing_list#module:lists) (with
    RV(command_address) and RV(subscriber_fields)) reports no change.
  - The list password is never read.
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes.INFO_MODULE
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
options:
  domain:
    description: The domain whose lists are read.
    type: str
    required: true
  names:
    description:
      - Lists to read, bare or with the domain. When omitted, every list of O(domain); an empty list reads none.
      - Names the domain does not have are returned in RV(missing).
    type: list
    elements: str
  include:
    description:
      - What to read besides the list names. V(settings) (one call per list), V(counts) (the four address sets of
        each list, one call each), V(command_address) and V(subscriber_fields) (one call each) by default.
      - V(subscribers) adds the addresses of the four sets to each list (read with the counts).
      - V(subscriber_values) reads the field values of every subscriber and digest subscriber of the lists read
        (one call per address).
    type: list
    elements: str
    choices: [settings, counts, command_address, subscriber_fields, subscribers, subscriber_values]
    default:
      - settings
      - counts
      - command_address
      - subscriber_fields
seealso:
  - module: mailops.smartermail.smartermail_mailing_list
"""

EXAMPLES = r"""
- name: Every list of a domain with its subscribers
  mailops.smartermail.smartermail_mailing_list_info:
    domain: example.com
    include: [settings, subscribers]
  register: lists

- name: The same lists on another server (a copy)
  mailops.smartermail.smartermail_mailing_list:
    url: https://mail2.example.com
    domain: example.com
    lists: "{{ lists.mailing_lists }}"

- name: Read the lists over the JSON API (builds 100.x); subscriber fields are returned as unavailable
  mailops.smartermail.smartermail_mailing_list_info:
    domain: example.com
    api: json
    include: [settings, counts]
  register: json_lists
"""

RETURN = r"""
mailing_lists:
  description:
    - The lists read, each shaped as an entry of O(mailops.smartermail.smartermail_mailing_list#module:lists)
      (name, the typed settings, and with V(subscribers) the four address sets), sorted by name.
  returned: always
  type: list
  elements: dict
  sample: [{"name": "news", "moderator": "alice", "who_can_post": "anyone", "disabled": false,
            "subscribers": ["bob@example.net"]}]
counts:
  description: Per list name, the number of subscribers, digest subscribers and poster white and kill list entries.
  returned: when O(include) has V(counts)
  type: dict
  sample: {"news": {"subscribers": 1, "digest_subscribers": 0, "poster_whitelist": 0, "poster_killlist": 0}}
missing:
  description: Names in O(names) that are not lists of the domain.
  returned: always
  type: list
  elements: str
  sample: [oldnews]
command_address:
  description: The domain's list command address.
  returned: when O(include) has V(command_address)
  type: str
  sample: listserv
subscriber_fields:
  description: The domain's default subscriber fields.
  returned: when O(include) has V(subscriber_fields)
  type: list
  elements: dict
  sample: [{"name": "City", "value": ""}]
subscriber_values:
  description: The field values of each subscriber of the lists read that has any.
  returned: when O(include) has V(subscriber_values)
  type: list
  elements: dict
  sample: [{"address": "bob@example.net", "fields": {"City": "Bonn"}}]
unavailable:
  description:
    - Over the JSON API, the parts asked for in O(include) that it has no known read for (V(subscriber_fields),
      V(subscriber_values), and V(command_address) for a domain without lists), each with the reason; each also
      gives a warning, the task does not fail. Use O(api=soap) to read them.
  returned: when O(api) resolves to V(json) and such a part is asked for
  type: dict
  sample: {"subscriber_fields": "the reference names settings/domain/subscriber-field-definitions but not the shape
           of its answer"}
  version_added: 1.0.0
known_settings_keys:
  description: The list settings keys O(mailops.smartermail.smartermail_mailing_list#module:settings) may hold.
  returned: always
  type: list
  elements: str
  sample: [allowunsubscribe, description, digestmode]
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.mailing_list_info import (
    MailingListInfoResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource


def main():
    run_resource(MailingListInfoResource)


if __name__ == "__main__":
    main()
