#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_server_port
short_description: Manage the ports of a SmarterMail server
version_added: 1.0.0
description:
- Add, change and remove the ports SmarterMail listens on, one at a time or
  the whole list with O(ports). A port is named by its number (also in O(keep)).
- The server has no edit operation - a new protocol, encryption, certificate,
  name or description removes the port, then adds it, which drops its IP assignments
  (a warning says so); assign them again with M(mailops.smartermail.smartermail_port_binding).
- Over the JSON API (O(api=json)) SMTP, POP and IMAP ports are served (C(settings/sysadmin/ip-binding-manager),
  C(ip-binding-ports)), with the same replacement on a change; O(protocol=LDAP) and O(protocol=SubmissionPort)
  are refused before any call. See the collection's JSON API guide for the evidence.
author:
- mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
- mailops.smartermail.smartermail
- mailops.smartermail.attributes
- mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
- mailops.smartermail.attributes.BULK
options:
  port:
    description: The port number (1-65535); it names the port.
    type: int
  ports:
    description:
      - Many ports in one task, read with one call; only the differences are written.
      - Objects not listed are left alone unless O(purge) is set; an empty list manages nothing (with O(purge) it
        removes every object not in O(keep)).
      - Mutually exclusive with the options of the single form.
    type: list
    elements: dict
    suboptions:
      port:
        description: As O(port), for this entry.
        type: int
      protocol:
        description: As O(protocol), for this entry.
        type: str
        choices: [IMAP, LDAP, POP, SMTP, SubmissionPort]
      encryption:
        description: As O(encryption), for this entry.
        type: str
        choices: ['', SSL, TLS]
      certificate_path:
        description: As O(certificate_path), for this entry.
        type: str
      name:
        description: As O(name), for this entry.
        type: str
      description:
        description: As O(description), for this entry.
        type: str
      id:
        description: As O(id), for this entry.
        type: str
      state:
        description: As O(state), for this entry.
        type: str
        choices: [present, absent]
        default: present
  protocol:
    description: The protocol served. Required to add a port.
    type: str
    choices: [IMAP, LDAP, POP, SMTP, SubmissionPort]
  encryption:
    description: V(SSL), V(TLS) or V('') for none (none when added without it).
    type: str
    choices: ['', SSL, TLS]
  certificate_path:
    description: Path of the certificate on the server, for SSL or TLS.
    type: str
  name:
    description: A descriptive name (the server's C(<protocol> <port>) when added without it).
    type: str
  description:
    description: A description for display.
    type: str
  id:
    description: Read only - the server's identifier, ignored on input (so that the output of M(mailops.smartermail.smartermail_info)
      feeds back unchanged).
    type: str
  state:
    description: Whether the object should exist.
    type: str
    choices: [present, absent]
    default: present
seealso:
- module: mailops.smartermail.smartermail_info
"""

EXAMPLES = r"""
- name: Submission over TLS
  mailops.smartermail.smartermail_server_port:
    port: 587
    protocol: SubmissionPort
    encryption: TLS
    name: Submission
"""

RETURN = r"""
port:
  description: The object after the task (empty when removed). Returned in
    the single form.
  returned: when the single form is used
  type: dict
  sample:
    port: 587
    protocol: SubmissionPort
    encryption: TLS
    certificate_path: ''
    name: Submission
    description: ''
    id: 4f6c0d5e-8a39-5d5b-9a1e-2f0c3e7d9b21
ports:
  description: Every object on the server after the task. Returned with O(ports).
  returned: when O(ports) is used
  type: list
  elements: dict
  sample:
  - port: 587
    protocol: SubmissionPort
    encryption: TLS
    certificate_path: ''
    name: Submission
    description: ''
    id: 4f6c0d5e-8a39-5d5b-9a1e-2f0c3e7d9b21
created:
  description: Keys of the objects added (or that would be, in check mode).
  returned: when O(ports) is used
  type: list
  elements: str
  sample:
  - '587'
updated:
  description: Keys of the objects changed (or replaced) (or that would be,
    in check mode).
  returned: when O(ports) is used
  type: list
  elements: str
  sample:
  - '587'
removed:
  description: Keys of the objects removed (or that would be, in check mode).
  returned: when O(ports) is used
  type: list
  elements: str
  sample:
  - '587'
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample:
  - add server port SubmissionPort 587
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.server_port import (
    ServerPortResource,
)


def main():
    run_resource(ServerPortResource)


if __name__ == "__main__":
    main()
