#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_domain_alias
short_description: Manage the domain aliases of a SmarterMail domain
version_added: 0.1.0
description:
  - Add or remove domain aliases (other domain names whose mail is delivered into a domain).
  - By default the server checks that the alias's MX record points to it; O(mx_check=false) skips
    that check (system administrators only).
  - Several domain aliases can be managed in one task with O(names); with O(purge) the domain aliases
    not listed are removed, except those in O(keep).
notes:
  - Over the JSON API (O(api=json), or O(api=auto) on a 100.x server) O(mx_check=false) is honoured only with a system
    administrator's login (with a domain administrator's own token the server always checks the MX record).
    See the JSON API guide (C(docs/json-api.md)).
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
  - mailops.smartermail.attributes.BULK
options:
  domain:
    description: The domain the aliases deliver into.
    type: str
    required: true
  name:
    description:
      - One domain alias, for example C(example.net). Mutually exclusive with O(names).
      - Names (like O(keep) entries) compare without case, surrounding blanks and a trailing dot; they are shown
        in lower case.
      - Internationalized names (C(bücher.test)) are converted to A-labels (C(xn--bcher-kva.test)), the form the
        server holds and the result shows.
    type: str
  names:
    description:
      - Several domain aliases of O(domain), read with one call. Mutually exclusive with O(name).
      - An empty list (an empty inventory variable) changes nothing (the list is still read, to be returned); with
        O(purge) it removes every domain alias not in O(keep).
    type: list
    elements: str
  state:
    description: Whether the domain aliases given should exist.
    type: str
    choices: [present, absent]
    default: present
  mx_check:
    description: Let the server check the MX record of each domain alias before adding it.
    type: bool
    default: true
seealso:
  - module: mailops.smartermail.smartermail_domain
"""

EXAMPLES = r"""
- name: example.net delivers into example.com
  mailops.smartermail.smartermail_domain_alias:
    url: http://mail.example.com:9998
    username: admin
    password: "{{ smartermail_admin_password }}"
    domain: example.com
    name: example.net

# The tasks below carry no connection options: they come from the play's module_defaults
# (group/mailops.smartermail.smartermail, with the password from a vault variable) or from the
# SMARTERMAIL_URL, SMARTERMAIL_USERNAME and SMARTERMAIL_PASSWORD environment variables (an AWX credential injects them).
- name: Exactly these domain aliases, added without the MX check
  mailops.smartermail.smartermail_domain_alias:
    domain: example.com
    names: [example.net, example.org]
    mx_check: false
    purge: true
"""

RETURN = r"""
domain_aliases:
  description: The domain aliases of O(domain) after the task, sorted.
  returned: always
  type: list
  elements: str
  sample: [example.net, example.org]
added:
  description: Domain aliases added (or that would be, in check mode).
  returned: always
  type: list
  elements: str
  sample: [example.org]
removed:
  description: Domain aliases removed (or that would be, in check mode).
  returned: always
  type: list
  elements: str
  sample: [example.info]
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample: ["add domain alias example.org to example.com"]
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain_alias import DomainAliasResource
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource


def main():
    run_resource(DomainAliasResource)


if __name__ == "__main__":
    main()
