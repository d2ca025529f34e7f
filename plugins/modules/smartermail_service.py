#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_service
short_description: Start and stop the SMTP, POP, IMAP and spool services of
  SmarterMail
version_added: 1.0.0
description:
- Start or stop SmarterMail's SMTP, POP, IMAP and spool services, one with
  O(name) or several with O(services).
- The state is read with one C(RequestStatus) call; only a service whose state
  differs is started (C(StartServices)) or stopped (C(StopServices)), so the
  task is idempotent.
- Over the JSON API (O(api=json)) every option is served (C(settings/sysadmin/services),
  C(start-services), C(stop-services)); see the collection's JSON API guide for the evidence.
author:
- mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
- mailops.smartermail.smartermail
- mailops.smartermail.attributes
- mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
options:
  name:
    description: The service.
    type: str
    choices: [imap, pop, smtp, spool]
  services:
    description: Several services in one task (one read). Mutually exclusive with O(name) and O(running).
    type: list
    elements: dict
    suboptions:
      name:
        description: As O(name), for this entry.
        type: str
        choices: [imap, pop, smtp, spool]
      running:
        description: As O(running), for this entry.
        type: bool
      thread_count:
        description: As O(thread_count), for this entry.
        type: int
  running:
    description: Whether the service should run. Required.
    type: bool
  thread_count:
    description: Read only - the service's thread count, ignored on input (so that the C(services) output of M(mailops.smartermail.smartermail_info)
      feeds back unchanged).
    type: int
seealso:
- module: mailops.smartermail.smartermail_info
"""

EXAMPLES = r"""
- name: Stop POP
  mailops.smartermail.smartermail_service:
    name: pop
    running: false

- name: SMTP, IMAP and the spool running, POP stopped
  mailops.smartermail.smartermail_service:
    services:
      - {name: smtp, running: true}
      - {name: imap, running: true}
      - {name: spool, running: true}
      - {name: pop, running: false}
"""

RETURN = r"""
service:
  description: The service after the task. Returned with O(name).
  returned: when the single form is used
  type: dict
  sample:
    name: pop
    running: false
    thread_count: 0
services:
  description: The four services after the task. Returned with O(services).
  returned: when O(services) is used
  type: list
  elements: dict
  sample:
  - name: pop
    running: false
    thread_count: 0
updated:
  description: Names of the services started or stopped (or that would be,
    in check mode).
  returned: when O(services) is used
  type: list
  elements: str
  sample:
  - pop
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample:
  - stop service pop
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.service import (
    ServiceResource,
)


def main():
    run_resource(ServiceResource)


if __name__ == "__main__":
    main()
