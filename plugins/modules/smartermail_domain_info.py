#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: mailops.smartermail contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_domain_info
short_description: Read SmarterMail domains with their settings, aliases and domain aliases
version_added: 0.1.0
description:
  - Return the domains of a SmarterMail server with their typed settings, enabled state, primary
    administrator, aliases, domain aliases and usage counts.
  - Each domain is shaped like the options of M(mailops.smartermail.smartermail_domain), its C(aliases) like the
    O(mailops.smartermail.smartermail_alias#module:aliases) option and its C(domain_aliases) like the
    O(mailops.smartermail.smartermail_domain_alias#module:names) option, so existing servers can be exported
    and managed as code.
  - A domain without its C(aliases), C(domain_aliases) and C(counts) can be passed back to
    M(mailops.smartermail.smartermail_domain) unchanged, which then changes nothing (C(ip) and
    C(list_command_address) are empty texts, not null, when the domain has none).
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes.INFO_MODULE
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
options:
  names:
    description: Domains to read. When omitted, every domain of the server.
    type: list
    elements: str
  include:
    description: What to read besides the typed settings and the enabled state.
    type: list
    elements: str
    choices: [primary_admin, aliases, domain_aliases, counts]
    default: [primary_admin, aliases, domain_aliases, counts]
  settings_keys:
    description:
      - Requested domain settings to return under C(settings), for example C(enablecatchalls).
      - A key must not be blank or contain C(=) or control characters (checked before any call).
    type: list
    elements: str
    default: []
"""

EXAMPLES = r"""
- name: Export every domain
  mailops.smartermail.smartermail_domain_info:
    url: http://mail.example.com:9998
    username: admin
    password: "{{ smartermail_admin_password }}"
  register: smartermail

- name: Re-apply the aliases of one domain as they are
  mailops.smartermail.smartermail_alias:
    domain: "{{ item.name }}"
    aliases: "{{ item.aliases }}"
  loop: "{{ smartermail.domains }}"
"""

RETURN = r"""
domains:
  description: The domains read, sorted by name.
  returned: always
  type: list
  elements: dict
  sample:
    - name: example.com
      path: "C:\\SmarterMail\\Domains\\example.com"
      enabled: true
      ip: 127.0.0.1
      imap_port: 143
      max_users: 50
      primary_admin: postmaster
      aliases: [{name: sales, addresses: [alice@example.com], catch_all: false}]
      domain_aliases: [example.net]
      counts: {users: 2, aliases: 1, lists: 0, size: 0}
missing:
  description: Domains asked for in O(names) that the server does not have.
  returned: always
  type: list
  elements: str
  sample: [old.example.com]
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail_domain_info import DomainInfoResource
from ansible_collections.mailops.smartermail.plugins.module_utils._module import run_resource


def main():
    run_resource(DomainInfoResource)


if __name__ == "__main__":
    main()
