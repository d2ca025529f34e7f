#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_domain_defaults
short_description: Manage the settings SmarterMail gives new domains
version_added: 1.0.0
description:
  - Manage the server's domain defaults (C(GetRequestedDomainDefaults) / C(SetRequestedDomainDefaults)), the
    settings a domain created with the server's defaults starts from, idempotently.
  - Only the keys given are read and managed; only those that differ are written.
  - Values compare as the server stores them (C("0500") equals 500, C(yes) equals true).
  - Also returns the typed defaults (C(GetDomainDefaults)), shaped like the options of
    M(mailops.smartermail.smartermail_domain).
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
options:
  settings:
    description:
      - Default settings by the server's key (C(defaultimapport), C(defaultmaxdomainusers), C(defaultenablecatchalls),
        ...; the keys of C(GetRequestedDomainDefaults)) and value (text, number or boolean).
      - A key whose value is V(null) is not managed (it is not read, sent or returned), as in every module of the
        collection.
      - Keys the server documents are checked before any call by type and range (C(defaultmaxdomainusers) and the
        other counts and sizes from 0 to 2147483647, ports from 1 to 65535, C(defaultenablecatchalls) and the other
        flags booleans, throttle actions and spam levels by their words).
      - A key the server does not know is refused by the server before anything is written.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: New domains get 250 users at most and no catch-alls
  mailops.smartermail.smartermail_domain_defaults:
    url: http://mail.example.com:9998
    username: admin
    password: "{{ smartermail_admin_password }}"
    settings:
      defaultmaxdomainusers: 250
      defaultenablecatchalls: false
"""

RETURN = r"""
settings:
  description: The managed defaults after the task, typed like the values given where the server's text is unambiguous.
  returned: always
  type: dict
  sample: {"defaultmaxdomainusers": 250, "defaultenablecatchalls": false}
typed_defaults:
  description:
    - The typed defaults (C(GetDomainDefaults)) read before the task, shaped like the options of
      M(mailops.smartermail.smartermail_domain).
  returned: always
  type: dict
  sample: {"imap_port": 143, "pop_port": 110, "smtp_port": 25, "max_users": 0, "ip": ""}
changes:
  description: The writes made (or planned, in check mode).
  returned: changed
  type: list
  elements: str
  sample: ["set domain defaults defaultenablecatchalls, defaultmaxdomainusers"]
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain_defaults import (
    DomainDefaultsResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource


def main():
    run_resource(DomainDefaultsResource)


if __name__ == "__main__":
    main()
