#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_antispam_wizard
short_description: Apply one of SmarterMail's spam wizard presets
version_added: 0.1.0
description:
  - Apply a predefined spam wizard level with C(SetSpamWizardLevel); the server sets the spam
    checks and their weights to that preset.
  - This is an action, not a state. The server does not report which preset is in effect, so the
    module applies the level every time it runs and always reports C(changed). Run it once (for
    example with a C(when) condition or a handler) and manage individual values afterwards with
    M(mailops.smartermail.smartermail_antispam_settings).
  - In check mode it reports the change and writes nothing.
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes.ACTION
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
attributes:
  diff_mode:
    support: partial
    details: >-
      The SPF, DKIM, reverse DNS and pattern matching settings before and after the preset. In
      check mode both sides show the settings as read, under a header saying that the values the
      preset sets are known only after a real run (the server alone knows them).
  idempotent:
    details: >-
      The server does not report which preset is in effect, so every run applies the preset and
      reports changed.
options:
  level:
    description: The preset to apply.
    type: str
    required: true
    choices: [Low, Medium, High]
seealso:
  - module: mailops.smartermail.smartermail_antispam_settings
"""

EXAMPLES = r"""
- name: Start a new server from the medium preset
  mailops.smartermail.smartermail_antispam_wizard:
    url: http://mail.example.com:9998
    username: admin
    password: "{{ smartermail_admin_password }}"
    level: Medium
  when: new_server | default(false)
"""

RETURN = r"""
level:
  description: The preset applied (or that would be, in check mode).
  returned: always
  type: str
  sample: Medium
settings:
  description: The SPF, DKIM, reverse DNS and pattern matching settings after the preset, shaped like
    the options of M(mailops.smartermail.smartermail_antispam_settings).
  returned: when not in check mode
  type: dict
  sample: {"spf": {"filtering": true, "incoming_blocking": false, "outgoing_blocking": false, "pass_weight": 0,
           "neutral_weight": 0, "none_weight": 0, "soft_fail_weight": 10, "fail_weight": 20, "perm_error_weight": 5}}
changes:
  description: The write made (or planned, in check mode).
  returned: always
  type: list
  elements: str
  sample: ["apply spam wizard level Medium"]
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.antispam_wizard import AntispamWizardResource
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource


def main():
    run_resource(AntispamWizardResource)


if __name__ == "__main__":
    main()
