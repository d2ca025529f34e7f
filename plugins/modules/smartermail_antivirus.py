#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_antivirus
short_description: Manage SmarterMail's server-wide anti-virus settings (ClamAV, command line, real-time, Commtouch)
version_added: 1.0.0
description:
  - Manage the anti-virus administration of SmarterMail (svcVirusAdmin) idempotently, namely the ClamAV,
    command-line, real-time and Commtouch Zero-Hour settings and the anti-virus options that switch the
    scanners on and set the quarantine length.
  - Only the groups given are read, and within them only the keys given are managed; a group is
    written (with its other keys as the server holds them right before the write) only when one of its keys differs.
  - Every value is checked before any call to the server. Command-line AV cannot be enabled while no
    command line is set, and its command line cannot be cleared while it is enabled; both are refused before any write.
  - M(mailops.smartermail.smartermail_antivirus_info) reads the same groups, shaped like these options.
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
options:
  clamav:
    description: ClamAV settings (GetClamAvSettings / SetClamAvSettings). Only the keys given are managed.
    type: dict
    suboptions:
      address:
        description: IP address of the ClamAV daemon. Required (not blank) when O(clamav.remote=true); blank means
          V(127.0.0.1) otherwise.
        type: str
      port:
        description: TCP port of the ClamAV daemon, from 1 to 65535.
        type: int
      remote:
        description: Whether the ClamAV daemon runs on another server.
        type: bool
      failures_before_disable:
        description: Consecutive failures before ClamAV scanning is disabled; 0 or more.
        type: int
      timeout_seconds:
        description: Timeout of one scan, in seconds; at least 1.
        type: int
  command_line:
    description: Command-line AV settings (GetCommandLineAvSettings / SetCommandLineAvSettings).
    type: dict
    suboptions:
      command:
        description: The command line that scans a message.
        type: str
  realtime:
    description: Real-time AV settings (GetRealtimeAvSettings / SetRealtimeAvSettings).
    type: dict
    suboptions:
      quarantine_directory:
        description: Directory where infected messages are quarantined; not blank.
        type: str
  commtouch_zero_hour:
    description: Commtouch Zero-Hour anti-virus actions (GetCommtouchZeroHourSettings / SetCommtouchZeroHourSettings).
    type: dict
    suboptions:
      virus_action:
        description: Action on a message found infected.
        type: str
        choices: [NoAction, Delete, Quarantine]
      high_action:
        description: Action on a message with a high virus-outbreak result.
        type: str
        choices: [NoAction, Delete, Quarantine]
      medium_action:
        description: Action on a message with a medium virus-outbreak result.
        type: str
        choices: [NoAction, Delete, Quarantine]
  options:
    description: The anti-virus options (GetAntivirusOptions / SetAntivirusOptions). Only the keys given are managed.
    type: dict
    suboptions:
      clamav:
        description: Scan with ClamAV.
        type: bool
      command_line:
        description: Scan with the command line of O(command_line.command) (which must be set).
        type: bool
      commtouch_zero_hour:
        description: Scan with Commtouch Zero-Hour anti-virus.
        type: bool
      quarantine_days:
        description: Days quarantined items are kept.
        type: int
        choices: [0, 15, 30]
notes:
  - When the same task enables command-line AV and sets its command line, the command line is written first;
    when it disables command-line AV, the options are written first.
  - Over the JSON API (O(api=json), or O(api=auto) on a 100.x server) only O(command_line) is served, through
    C(settings/sysadmin/antivirus/settings), and the write is read back; O(clamav), O(realtime),
    O(commtouch_zero_hour), O(options) and clearing O(command_line.command) are refused before any call with the
    reason (O(api=auto) uses SOAP for them). See the JSON API guide (C(docs/json-api.md)).
"""

EXAMPLES = r"""
- name: ClamAV on a dedicated scanner, 30 days of quarantine
  mailops.smartermail.smartermail_antivirus:
    url: http://mail.example.com:9998
    username: admin
    password: "{{ smartermail_admin_password }}"
    clamav:
      remote: true
      address: 192.0.2.25
      port: 3310
      timeout_seconds: 60
    options:
      clamav: true
      quarantine_days: 30

- name: Commtouch Zero-Hour quarantines high results
  mailops.smartermail.smartermail_antivirus:
    commtouch_zero_hour:
      high_action: Quarantine
      virus_action: Delete
    options:
      commtouch_zero_hour: true
"""

RETURN = r"""
settings:
  description: The managed groups after the task (every key of each group given), shaped like the options.
  returned: always
  type: dict
  sample: {"clamav": {"address": "192.0.2.25", "port": 3310, "remote": true, "failures_before_disable": 3,
                      "timeout_seconds": 60}, "options": {"clamav": true, "command_line": false,
                                                          "commtouch_zero_hour": false, "quarantine_days": 30}}
changes:
  description: The writes made (or planned, in check mode), one per group that differs.
  returned: changed
  type: list
  elements: str
  sample: ["set ClamAV settings (address, remote, timeout_seconds)",
           "set anti-virus options settings (quarantine_days)"]
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.antivirus import AntivirusResource
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource


def main():
    run_resource(AntivirusResource)


if __name__ == "__main__":
    main()
