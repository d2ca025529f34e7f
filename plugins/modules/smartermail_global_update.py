#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_global_update
short_description: Apply settings to every SmarterMail domain at once (global update)
version_added: 1.0.0
description:
  - Send settings to every domain of the server in one call (C(UpdateAllDomainSettings), svcGlobalUpdate) and
    report the update's progress (C(GetGlobalUpdateStatus)).
  - The keys are checked against the ones the server takes (C(ListGlobalUpdateFields)) and the values against
    their types (Boolean, Int32) before anything is written; an unknown key or a bad value fails the task
    with no write.
  - B(What can be known before the write.) The global update API has no read of its own and no dry run.
    With O(compare=true) (the default) the task reads the given keys of every domain first
    (C(GetAllDomains), then one C(GetRequestedDomainSettings) per domain) and sends the update only when at
    least one domain differs, so a second run changes nothing; the result names the domains that differ.
    A domain created between that read and the write is not compared, but the update reaches it. With
    O(compare=false) nothing is read and the update is sent on every run (an action, never idempotent).
  - Check mode lists the fields that would be sent (RV(fields)) and, with O(compare=true), the domains that
    differ; it sends nothing.
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
options:
  settings:
    description:
      - Domain settings keys (those C(ListGlobalUpdateFields) names, for example C(enablecatchalls), C(maxusers))
        and values (text, number or boolean).
      - A key whose value is V(null) is not managed (it is not read, sent or returned), as in every module
        of the collection.
      - Keys the server documents are checked before any call by type and range (ports from 1 to 65535,
        counts and sizes from 0 to 2147483647, booleans, the throttle actions and spam levels by their
        words), like the O(mailops.smartermail.smartermail_domain#module:settings) of a domain.
    type: dict
    required: true
  compare:
    description:
      - Read every domain's value of the keys first and send the update only when a domain differs.
      - With V(false), the update is sent every run (no read, reported as a change every time).
    type: bool
    default: true
  wait:
    description: After the update, poll C(GetGlobalUpdateStatus) until the server says it has finished.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait with O(wait); the task warns (and does not fail) when the update is still
      running.
    type: int
    default: 600
notes:
  - O(compare=true) costs one call per domain; on a server with many thousands of domains O(compare=false) may suit
    a one-off change better.
"""

EXAMPLES = r"""
- name: No catch-alls anywhere
  mailops.smartermail.smartermail_global_update:
    url: http://mail.example.com:9998
    username: admin
    password: "{{ smartermail_admin_password }}"
    settings:
      enablecatchalls: false

- name: Send the update without comparing (every run)
  mailops.smartermail.smartermail_global_update:
    settings:
      maxmessagesize: 51200
    compare: false
"""

RETURN = r"""
fields:
  description: The fields sent (or that would be, in check mode) to UpdateAllDomainSettings.
  returned: always
  type: list
  elements: dict
  sample: [{"name": "enablecatchalls", "val": "False"}]
domains_differing:
  description: The domains that differed before the task, with the keys that differed.
  returned: with O(compare=true)
  type: dict
  sample: {"example.com": ["enablecatchalls"]}
domains_compared:
  description: How many domains were read and compared.
  returned: with O(compare=true)
  type: int
  sample: 42
status:
  description: The update's progress as C(GetGlobalUpdateStatus) reports it after the write.
  returned: when the update was sent
  type: dict
  sample: {"finished": 42, "total": 42, "running": false}
changes:
  description: The update sent (or that would be, in check mode).
  returned: changed
  type: list
  elements: str
  sample: ["update enablecatchalls on every domain"]
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.global_update import (
    GlobalUpdateResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource


def main():
    run_resource(GlobalUpdateResource)


if __name__ == "__main__":
    main()
