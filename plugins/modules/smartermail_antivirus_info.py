#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_antivirus_info
short_description: Read SmarterMail's anti-virus settings
version_added: 1.0.0
description:
  - Return every anti-virus settings group of a SmarterMail server (svcVirusAdmin), or the groups asked for.
  - C(settings) is shaped like the options of M(mailops.smartermail.smartermail_antivirus); fed back to it,
    it changes nothing.
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes.INFO_MODULE
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
options:
  groups:
    description: The settings groups to read. When omitted, all of them.
    type: list
    elements: str
    choices: [clamav, command_line, realtime, commtouch_zero_hour, options]
"""

EXAMPLES = r"""
- name: Read the anti-virus settings
  mailops.smartermail.smartermail_antivirus_info:
  register: av

- name: Apply them to another server
  mailops.smartermail.smartermail_antivirus:
    url: http://mail2.example.com:9998
    clamav: "{{ av.settings.clamav }}"
    command_line: "{{ av.settings.command_line }}"
    realtime: "{{ av.settings.realtime }}"
    commtouch_zero_hour: "{{ av.settings.commtouch_zero_hour }}"
    options: "{{ av.settings.options }}"
"""

RETURN = r"""
unavailable:
  description:
    - With O(api=json), the groups asked for that it
      does not serve, with why; each gives a warning. Only V(command_line) is read over the JSON API.
    - With O(api=auto), a task asking for such a part is read over SOAP instead (with a warning saying so).
  returned: with O(api=json), when a group asked for is not served over the JSON API
  type: dict
  sample: {"clamav": "the ClamAV settings appear only in the anti-spam export file, not in a known endpoint"}
settings:
  description: Every requested group, keyed by the option names of M(mailops.smartermail.smartermail_antivirus).
  returned: always
  type: dict
  sample: {"clamav": {"address": "127.0.0.1", "port": 3310, "remote": false, "failures_before_disable": 3,
                      "timeout_seconds": 30}, "command_line": {"command": ""},
           "realtime": {"quarantine_directory": "C:\\SmarterMail\\Quarantine"},
           "commtouch_zero_hour": {"virus_action": "Delete", "high_action": "Quarantine", "medium_action": "NoAction"},
           "options": {"clamav": true, "command_line": false, "commtouch_zero_hour": false, "quarantine_days": 15}}
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.antivirus import AntivirusInfoResource
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource


def main():
    run_resource(AntivirusInfoResource)


if __name__ == "__main__":
    main()
