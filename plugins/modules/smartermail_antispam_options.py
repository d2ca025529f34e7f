#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_antispam_options
short_description: Write SmarterMail's server-wide anti-spam options (write-only API)
version_added: 0.1.0
description:
  - Set the options of SmarterMail's anti-spam administration with C(SetAntispamOptions),
    auto-responder and content-filter bounce restrictions, DMARC, SRS, the spool proc folder,
    filtering of whitelisted IPs, scan size and per-domain overrides.
  - The legacy API has no operation that reads these options back, so the module cannot compare;
    it writes the whole set every time it runs and always reports C(changed). The server replaces
    all options on each write, so every option is required.
  - In check mode it reports the write it would make and makes none.
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes.ACTION
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
attributes:
  diff_mode:
    support: partial
    details: The options cannot be read, so the diff shows only the values written.
  idempotent:
    details: There is no read operation to compare with; every run writes and reports changed.
options:
  auto_responders_level:
    description: How strictly auto-responders are restricted for spam.
    type: str
    required: true
    choices: [None, Low, Medium, High]
  catchall_to_send_bounces:
    description: Let catch-all accounts send auto-responders and bounce messages.
    type: bool
    required: true
  content_filter_bounce_level:
    description: How strictly content-filter bounces are restricted for spam.
    type: str
    required: true
    choices: [None, Low, Medium, High]
  disable_filtering_on_whitelisted_ip:
    description: Skip spam filtering for SMTP-whitelisted IP addresses (the server's C(DisableFitleringOnWhitelistedIp)).
    type: bool
    required: true
  enable_bounces_for_outgoing_smtp_blocking:
    description: Send bounces for messages refused by outgoing SMTP blocking.
    type: bool
    required: true
  enable_dmarc:
    description: Check DMARC policy compliance.
    type: bool
    required: true
  enable_spool_proc_folder:
    description: Use the spool proc folder.
    type: bool
    required: true
  enable_srs:
    description: Rewrite senders (SRS) when forwarding messages.
    type: bool
    required: true
  max_message_scan_size_kb:
    description: Largest message, in KB, whose content is scanned (0 or more).
    type: int
    required: true
  override_filter_actions:
    description: Let domains override the filter weights and actions.
    type: bool
    required: true
seealso:
  - module: mailops.smartermail.smartermail_antispam_settings
"""

EXAMPLES = r"""
- name: Anti-spam options (written on every run)
  mailops.smartermail.smartermail_antispam_options:
    url: http://mail.example.com:9998
    username: admin
    password: "{{ smartermail_admin_password }}"
    auto_responders_level: Medium
    catchall_to_send_bounces: false
    content_filter_bounce_level: Medium
    disable_filtering_on_whitelisted_ip: true
    enable_bounces_for_outgoing_smtp_blocking: false
    enable_dmarc: true
    enable_spool_proc_folder: false
    enable_srs: true
    max_message_scan_size_kb: 1024
    override_filter_actions: true
"""

RETURN = r"""
options:
  description: The options written (or that would be, in check mode).
  returned: always
  type: dict
  sample: {"auto_responders_level": "Medium", "enable_dmarc": true, "max_message_scan_size_kb": 1024}
changes:
  description: The write made (or planned, in check mode).
  returned: always
  type: list
  elements: str
  sample: ["set anti-spam options (SetAntispamOptions has no read counterpart: always written)"]
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.antispam_options import AntispamOptionsResource
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource


def main():
    run_resource(AntispamOptionsResource)


if __name__ == "__main__":
    main()
