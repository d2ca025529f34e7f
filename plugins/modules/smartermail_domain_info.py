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
    administrator, aliases, domain aliases, usage counts and, when asked for, users.
  - "What feeds back, with no change: a domain without its C(aliases), C(domain_aliases), C(users) and
    C(counts) is passed to M(mailops.smartermail.smartermail_domain) as its options (C(ip) and
    C(list_command_address) are empty texts, not null, when the domain has none); C(aliases) to
    O(mailops.smartermail.smartermail_alias#module:aliases) with O(mailops.smartermail.smartermail_alias#module:domain)
    set to the domain's name; C(domain_aliases) to O(mailops.smartermail.smartermail_domain_alias#module:names);
    C(users) to O(mailops.smartermail.smartermail_user#module:users). C(counts) feeds nothing."
  - C(users) carry no password (the server returns them in clear text; they are never returned), so they
    feed back only users that exist; creating a user still needs its password.
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes.INFO_MODULE
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
options:
  names:
    description: Domains to read. When omitted, every domain of the server; an empty list reads none.
    type: list
    elements: str
  include:
    description:
      - What to read besides the typed settings and the enabled state.
      - V(users) (one C(GetUsers) call per domain) is read only when listed.
    type: list
    elements: str
    choices: [primary_admin, aliases, domain_aliases, counts, users]
    default: [primary_admin, aliases, domain_aliases, counts]
  settings_keys:
    description:
      - Requested domain settings to return under C(settings), for example C(enablecatchalls). A key the
        server does not know is returned as an empty text.
      - The keys are those of O(mailops.smartermail.smartermail_domain#module:settings), listed in that
        module's notes.
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

# The connection options of the tasks below come from module_defaults (see the README), for example
#   module_defaults:
#     group/mailops.smartermail.smartermail: {url: ..., username: ..., password: "{{ vault_password }}"}
# or from the SMARTERMAIL_URL, SMARTERMAIL_USERNAME and SMARTERMAIL_PASSWORD environment variables.
- name: Re-apply the aliases of every domain as they are (changes nothing)
  mailops.smartermail.smartermail_alias:
    domain: "{{ item.name }}"
    aliases: "{{ item.aliases }}"
  loop: "{{ smartermail.domains }}"

- name: Export one domain with its users
  mailops.smartermail.smartermail_domain_info:
    names: [example.com]
    include: [users]
  register: exported

- name: Re-apply the users as they are (changes nothing; no password is needed for existing users)
  mailops.smartermail.smartermail_user:
    domain: example.com
    users: "{{ exported.domains[0].users }}"
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
      users: [{name: postmaster, first_name: "", last_name: "", domain_admin: true}]
missing:
  description: Domains asked for in O(names) that the server does not have.
  returned: always
  type: list
  elements: str
  sample: [old.example.com]
known_settings_keys:
  description:
    - The requested-settings keys SmarterMail documents, for the O(mailops.smartermail.smartermail_domain#module:settings)
      of a domain and the O(mailops.smartermail.smartermail_user#module:settings) of a user (without C(password),
      which the O(mailops.smartermail.smartermail_user#module:user_password) option sets).
    - A key to pass in O(settings_keys) to read its value.
  returned: always
  type: dict
  contains:
    domain:
      description: Keys of a domain's settings, in lower case.
      type: list
      elements: str
    user:
      description: Keys of a user's settings, in lower case.
      type: list
      elements: str
  sample: {"domain": ["altsmtpport", "enablecatchalls"], "user": ["activedirectorydomain", "signature"]}
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail_domain_info import DomainInfoResource
from ansible_collections.mailops.smartermail.plugins.module_utils._module import run_resource


def main():
    run_resource(DomainInfoResource)


if __name__ == "__main__":
    main()
