#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_port_binding
short_description: Assign SmarterMail server ports to IP addresses
version_added: 1.0.0
description:
- Set the ports assigned to an IP address (C(AssignPortToIP), C(RemovePortFromIP),
  read with C(ListPortsAssignedToIP)), one address at a time or many with
  O(bindings).
- O(ports) is the exact set of port numbers assigned to the address; the ports
  must exist (M(mailops.smartermail.smartermail_server_port)). An address
  without ports has no binding.
- The web service cannot list the addresses that have assignments - over SOAP
  the module reads the addresses it is given and, with O(purge), the addresses
  of the server's hostnames.
- Over the JSON API (O(api=json), or O(api=auto) on a server that answers it) the
  module reads every address that has a binding (so O(purge) considers them all,
  and O(bindings) returns them all). No known endpoint assigns a port to an address
  or removes it from one, so a change replaces each server port it touches - the
  port is removed, then added again with the same settings and the addresses bound
  to it with this change applied; the bindings of other addresses are kept, and
  the port's id changes (a warning says so). A port whose type the JSON API cannot
  add (other than SMTP, POP and IMAP) cannot be replaced - the task fails before
  any write (use O(api=soap)).
author:
- mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
- mailops.smartermail.smartermail
- mailops.smartermail.attributes
- mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
- mailops.smartermail.attributes.BULK
options:
  ip_address:
    description: The IP address; it names the binding (also in O(keep)).
    type: str
  bindings:
    description:
      - Many bindings in one task, read with one call; only the differences are written.
      - Objects not listed are left alone unless O(purge) is set; an empty list manages nothing (with O(purge) it
        removes every object not in O(keep)).
      - Mutually exclusive with the options of the single form.
    type: list
    elements: dict
    suboptions:
      ip_address:
        description: As O(ip_address), for this entry.
        type: str
      ports:
        description: As O(ports), for this entry.
        type: list
        elements: int
      state:
        description: As O(state), for this entry.
        type: str
        choices: [present, absent]
        default: present
  ports:
    description: The port numbers assigned to the address. Required unless O(state=absent).
    type: list
    elements: int
  state:
    description: V(absent) removes every port from the address.
    type: str
    choices: [present, absent]
    default: present
seealso:
- module: mailops.smartermail.smartermail_info
"""

EXAMPLES = r"""
- name: SMTP, submission and IMAPS on the public address
  mailops.smartermail.smartermail_port_binding:
    ip_address: 192.0.2.10
    ports: [25, 587, 993]
"""

RETURN = r"""
binding:
  description: The object after the task (empty when removed). Returned in
    the single form.
  returned: when the single form is used
  type: dict
  sample:
    ip_address: 192.0.2.10
    ports:
    - 25
    - 587
    - 993
bindings:
  description: The bindings read after the task, returned with O(bindings) - over SOAP those of the
    addresses O(bindings) names and, with O(purge), of the addresses of the server's hostnames (the
    web service cannot list the others); over the JSON API those of every address that has one.
  returned: when O(bindings) is used
  type: list
  elements: dict
  sample:
  - ip_address: 192.0.2.10
    ports:
    - 25
    - 587
    - 993
created:
  description: Keys of the objects added (or that would be, in check mode).
  returned: when O(bindings) is used
  type: list
  elements: str
  sample:
  - 192.0.2.10
updated:
  description: Keys of the objects changed (or replaced) (or that would be,
    in check mode).
  returned: when O(bindings) is used
  type: list
  elements: str
  sample:
  - 192.0.2.10
removed:
  description: Keys of the objects removed (or that would be, in check mode).
  returned: when O(bindings) is used
  type: list
  elements: str
  sample:
  - 192.0.2.10
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample:
  - assign port 25 to 192.0.2.10
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.server_port import (
    PortBindingResource,
)


def main():
    run_resource(PortBindingResource)


if __name__ == "__main__":
    main()
