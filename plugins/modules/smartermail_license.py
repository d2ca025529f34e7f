#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_license
short_description: Set and activate SmarterMail's licence key
version_added: 1.0.0
description:
  - Set the product licence key (C(SetLicenseKey)) and activate it (C(ActivateLicenseKey)) when the key the
    server holds (C(GetLicenseInfo)) is not the one given; nothing is written when it is.
  - The key, the one the server holds and the account password are secrets; no result, diff or message shows
    them (the diff shows C(********) and C(******** (changed))).
  - The API cannot tell whether a key is activated. The key is activated in the task that sets it (with
    O(activate=true)); O(reactivate=true) activates it again on every run, an action that is never idempotent.
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
options:
  key:
    description: The licence key.
    type: str
    required: true
  activate:
    description: Activate the key after setting it (needs O(account_email) and O(account_password)).
    type: bool
    default: true
  reactivate:
    description: Activate the key even when it is already set (every run).
    type: bool
    default: false
  account_email:
    description: E-mail address of the account the licence belongs to (for the activation).
    type: str
  account_password:
    description: Password of that account (for the activation; never stored by the server).
    type: str
"""

EXAMPLES = r"""
- name: Licence this server
  mailops.smartermail.smartermail_license:
    url: http://mail.example.com:9998
    username: admin
    password: "{{ smartermail_admin_password }}"
    key: "{{ vault_smartermail_license_key }}"
    account_email: licences@example.com
    account_password: "{{ vault_smartertools_account_password }}"
"""

RETURN = r"""
license:
  description: What the task did, never the key.
  returned: always
  type: dict
  contains:
    key_set:
      description: A key is set after the task.
      type: bool
    key_changed:
      description: The task set the key (or would, in check mode).
      type: bool
    activated:
      description: The task activated the key (or would, in check mode).
      type: bool
  sample: {"key_set": true, "key_changed": true, "activated": true}
changes:
  description: The writes made (or planned, in check mode).
  returned: changed
  type: list
  elements: str
  sample: ["set the licence key", "activate the licence key for licences@example.com"]
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.license import LicenseResource
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource


def main():
    run_resource(LicenseResource)


if __name__ == "__main__":
    main()
