#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_greylisting_filter
short_description: Manage the greylisting filters of a SmarterMail server
version_added: 1.0.0
description:
- Add, change and remove the greylisting filters of a SmarterMail server (a
  country, an IP address or an IP range), one at a time or the whole list
  with O(filters).
- A filter is named by its country code, its address or its range (C(start-end));
  O(keep) takes any of them, or a CIDR network.
- The server has no edit operation - a new description removes the filter,
  then adds it.
author:
- mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
- mailops.smartermail.smartermail
- mailops.smartermail.attributes
- mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
- mailops.smartermail.attributes.BULK
- mailops.smartermail.state
options:
  filter_type:
    description: The kind of filter. When omitted, it follows from the fields given (a CIDR network is a range).
    type: str
    choices: [Country, IPAddress, IPRange]
  filters:
    description:
      - Many filters in one task, read with one call; only the differences are written.
      - Objects not listed are left alone unless O(purge) is set; an empty list manages nothing (with O(purge) it
        removes every object not in O(keep)).
      - Mutually exclusive with the options of the single form.
    type: list
    elements: dict
    suboptions:
      filter_type:
        description: As O(filter_type), for this entry.
        type: str
        choices: [Country, IPAddress, IPRange]
      ip_address:
        description: As O(ip_address), for this entry.
        type: str
      ip_range_start:
        description: As O(ip_range_start), for this entry.
        type: str
      ip_range_end:
        description: As O(ip_range_end), for this entry.
        type: str
      country_code:
        description: As O(country_code), for this entry.
        type: str
      description:
        description: As O(description), for this entry.
        type: str
      state:
        description: As O(state), for this entry.
        type: str
        choices: [present, absent]
        default: present
  ip_address:
    description: One IP address (IPv4 or IPv6), or a CIDR network such as C(10.0.0.0/24), which stands for the range
      from its first to its last address. Give either this or O(ip_range_start) and O(ip_range_end).
    type: str
  ip_range_start:
    description: First address of an IP range (with O(ip_range_end)).
    type: str
  ip_range_end:
    description: Last address of an IP range (with O(ip_range_start)).
    type: str
  country_code:
    description: A two-letter country code (for a V(Country) filter).
    type: str
  description:
    description: A description for display (empty when added without it).
    type: str
seealso:
- module: mailops.smartermail.smartermail_info
"""

EXAMPLES = r"""
- name: Greylist a country
  mailops.smartermail.smartermail_greylisting_filter:
    country_code: XX
    description: greylisted country

- name: Exactly these filters
  mailops.smartermail.smartermail_greylisting_filter:
    filters:
      - {country_code: XX}
      - {ip_address: 203.0.113.0/24}
    purge: true
"""

RETURN = r"""
filter:
  description: The object after the task (empty when removed). Returned in
    the single form.
  returned: when the single form is used
  type: dict
  sample:
    filter_type: Country
    ip_address: ''
    ip_range_start: ''
    ip_range_end: ''
    country_code: XX
    description: greylisted country
filters:
  description: Every object on the server after the task. Returned with O(filters).
  returned: when O(filters) is used
  type: list
  elements: dict
  sample:
  - filter_type: Country
    ip_address: ''
    ip_range_start: ''
    ip_range_end: ''
    country_code: XX
    description: greylisted country
created:
  description: Keys of the objects added (or that would be, in check mode).
  returned: when O(filters) is used
  type: list
  elements: str
  sample:
  - xx
updated:
  description: Keys of the objects changed (or replaced) (or that would be,
    in check mode).
  returned: when O(filters) is used
  type: list
  elements: str
  sample:
  - xx
removed:
  description: Keys of the objects removed (or that would be, in check mode).
  returned: when O(filters) is used
  type: list
  elements: str
  sample:
  - xx
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample:
  - add greylisting filter xx
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.greylisting_filter import (
    GreylistingFilterResource,
)


def main():
    run_resource(GreylistingFilterResource)


if __name__ == "__main__":
    main()
