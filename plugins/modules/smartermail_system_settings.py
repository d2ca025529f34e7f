#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_system_settings
short_description: Manage the system settings of a SmarterMail server
version_added: 1.0.0
description:
  - Set any key of SmarterMail's C(GetRequestedSystemSettings) / C(SetRequestedSystemSettings) through one dict,
    for example C(SmtpBanner), C(GreylistingEnabled) or C(MinimumPasswordLength).
  - Only the keys given are read (one call) and managed; one call writes the keys whose value differs, compared as
    the server stores them (C(0500) is 500; V(yes), V(on), V(1) and V(true) are V(true)).
  - Keys compare without case and are returned as the server spells them. A key the server does not know is
    refused by its read, before any write.
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
options:
  settings:
    description:
      - The settings to manage, key to value (a text, a number or a boolean).
      - The C(system_settings) output of M(mailops.smartermail.smartermail_info) feeds back unchanged.
      - A key whose value is V(null) is not managed (it is not read, sent or returned), as in every module of the
        collection.
      - Keys the server documents are checked before any call to the server, by type and range (counts, times and
        sizes are integers from 0 to 2147483647, C(SubmissionPort) a port, flags like C(GreylistingEnabled) booleans);
        the read-only C(AdminUsername) is refused. Other keys are checked by the server's read, before any write.
        Texts are at most 4096 characters.
    type: dict
    required: true
seealso:
  - module: mailops.smartermail.smartermail_info
"""

EXAMPLES = r"""
- name: Greylisting on, a banner, stronger passwords
  mailops.smartermail.smartermail_system_settings:
    url: http://mail.example.com:9998
    username: admin
    password: "{{ smartermail_admin_password }}"
    settings:
      GreylistingEnabled: true
      SmtpBanner: mail.example.com ESMTP
      MinimumPasswordLength: 12
      MinimumPasswordLengthEnabled: true
"""

RETURN = r"""
settings:
  description: The managed settings after the task, keyed as the server spells them, typed like the values given.
  returned: always
  type: dict
  sample: {"GreylistingEnabled": true, "SmtpBanner": "mail.example.com ESMTP", "MinimumPasswordLength": 12}
changes:
  description: The writes made (or planned, in check mode).
  returned: changed
  type: list
  elements: str
  sample: ["set system settings GreylistingEnabled, SmtpBanner"]
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.system_settings import (
    SystemSettingsResource,
)


def main():
    run_resource(SystemSettingsResource)


if __name__ == "__main__":
    main()
