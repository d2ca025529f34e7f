#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_antispam_info
short_description: Read SmarterMail's anti-spam configuration (spam checks, RBLs, settings groups)
version_added: 0.1.0
description:
  - Return the spam checks (C(ListSpamChecks)), the RBL checks (C(ListRBLs)) and every readable
    anti-spam settings group of a SmarterMail server.
  - C(rbls) is shaped like the O(mailops.smartermail.smartermail_rbl#module:rbls) option and each
    group of C(settings) like the option of the same name of
    M(mailops.smartermail.smartermail_antispam_settings), so a server's configuration can be exported
    and applied elsewhere; C(settings) as a whole is the options of
    M(mailops.smartermail.smartermail_antispam_settings), and fed back to either module changes nothing.
  - C(spam_checks) is a report; it feeds no module.
  - The anti-spam options (C(SetAntispamOptions)) and the wizard level cannot be read through the API.
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes.INFO_MODULE
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
options:
  include:
    description: What to read.
    type: list
    elements: str
    choices: [settings, rbls, spam_checks]
    default:
      - settings
      - rbls
      - spam_checks
  groups:
    description: With C(settings) in O(include), the settings groups to read. When omitted, all of them.
    type: list
    elements: str
    choices: [spf, dkim, domainkeys, reverse_dns, sa_pattern_matching, remote_spamassassin, declude, message_sniffer,
      commtouch, filtering]
seealso:
  - module: mailops.smartermail.smartermail_antispam_settings
  - module: mailops.smartermail.smartermail_rbl
"""

EXAMPLES = r"""
- name: Export the anti-spam configuration
  mailops.smartermail.smartermail_antispam_info:
    url: http://mail.example.com:9998
    username: admin
    password: "{{ smartermail_admin_password }}"
  register: antispam

# The tasks below carry no connection options: they come from the play's module_defaults
# (group/mailops.smartermail.smartermail, with the password from a vault variable) or from the
# SMARTERMAIL_URL, SMARTERMAIL_USERNAME and SMARTERMAIL_PASSWORD environment variables (an AWX credential injects them).
- name: Apply the same RBL list to another server
  mailops.smartermail.smartermail_rbl:
    url: http://mail2.example.com:9998
    rbls: "{{ antispam.rbls }}"
"""

RETURN = r"""
settings:
  description:
    - Every requested settings group, keyed by the option names of
      M(mailops.smartermail.smartermail_antispam_settings).
  returned: when C(settings) is in O(include)
  type: dict
  sample: {"reverse_dns": {"filtering": true, "incoming_blocking": false, "outgoing_blocking": false, "weight": 10}}
rbls:
  description:
    - Every RBL check in the server's order, shaped like the entries of
      O(mailops.smartermail.smartermail_rbl#module:rbls).
  returned: when C(rbls) is in O(include)
  type: list
  elements: dict
  sample: [{"name": "Spamhaus ZEN", "description": "", "hostname": "zen.spamhaus.org", "weight": 30,
            "filtering": true, "incoming_blocking": false, "outgoing_blocking": false, "uribl": false,
            "bitmap_checking": false, "required_ip": "", "required_ip_enabled": false}]
spam_checks:
  description: Every spam check the server knows, as its anti-spam administration page lists them.
  returned: when C(spam_checks) is in O(include)
  type: list
  elements: dict
  sample: [{"name": "SPF", "uid": "spf", "filtering": true, "incoming_blocking": false, "outgoing_blocking": false,
            "min_weight": 0, "max_weight": 10}]
  contains:
    name:
      description: Display name.
      type: str
    uid:
      description: Unique identifier.
      type: str
    filtering:
      description: Used in spam filtering.
      type: bool
    incoming_blocking:
      description: Blocks incoming SMTP sessions.
      type: bool
    outgoing_blocking:
      description: Blocks outgoing SMTP sessions.
      type: bool
    min_weight:
      description: Smallest weight the check assigns.
      type: int
    max_weight:
      description: Largest weight the check assigns.
      type: int
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.antispam_info import AntispamInfoResource
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource


def main():
    run_resource(AntispamInfoResource)


if __name__ == "__main__":
    main()
