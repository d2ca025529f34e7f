#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

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
      - V(statistics) (C(GetDomainStatistics)), V(usernames) (C(GetDomainUsers), every user, alias and mailing list
        name, with C(has_catch_all)), V(location) (C(GetDomainInfo2), the data path) and V(signing_keys) (C(GetDKIMCert)
        and C(GetDomainKeysCert), shaped like the options of M(mailops.smartermail.smartermail_dkim), never the
        private key) are read only when listed; each is one more call per domain (two for V(signing_keys)).
    type: list
    elements: str
    choices: [primary_admin, aliases, domain_aliases, counts, users, statistics, usernames, location, signing_keys]
    default:
      - primary_admin
      - aliases
      - domain_aliases
      - counts
  settings_keys:
    description:
      - Requested domain settings to return under C(settings), for example C(enablecatchalls). A key the server
        does not know is returned as an empty text.
      - The keys are those of O(mailops.smartermail.smartermail_domain#module:settings), listed in that module's
        notes.
      - Requested domain settings to return under C(settings), for example C(enablecatchalls).
      - A key must not be blank or contain C(=) or control characters (checked before any call).
    type: list
    elements: str
    default: []
  server_include:
    description:
      - Server-wide reads returned beside RV(domains).
      - V(forwarding_blocks) (C(GetDomainForwarding)) is shaped like the O(mailops.smartermail.smartermail_domain_forwarding#module:blocks)
        option.
      - V(all_statistics) (C(GetAllDomainStatistics)) gives every domain's statistics over the period.
      - V(all_domain_aliases) (C(GetAllDomainAliases)) gives every domain alias by domain.
    type: list
    elements: str
    choices: [forwarding_blocks, all_statistics, all_domain_aliases]
    default: []
    version_added: 1.0.0
  statistics_start:
    description: First day (YYYY-MM-DD) of the statistics period. Default 30 days before today.
    type: str
    version_added: 1.0.0
  statistics_end:
    description: Last day (YYYY-MM-DD) of the statistics period. Default today.
    type: str
    version_added: 1.0.0
  defaults_keys:
    description: Domain defaults keys (C(GetRequestedDomainDefaults)) to return under RV(defaults), shaped like
      the options of M(mailops.smartermail.smartermail_domain_defaults).
    type: list
    elements: str
    version_added: 1.0.0
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
unavailable:
  description:
    - With O(api=json), the parts asked for in
      O(include) or O(server_include) that it does not serve, with why; they are left out of the result and
      each gives a warning. V(statistics), V(usernames), V(signing_keys), V(forwarding_blocks),
      V(all_statistics) and V(all_domain_aliases) are not served; O(settings_keys) and O(defaults_keys) are
      refused before any call.
    - With O(api=auto), a task asking for such a part is read over SOAP instead (with a warning saying so).
  returned: with O(api=json), when a part asked for is not served over the JSON API
  type: dict
  sample: {"statistics": "report/domain-stats answers only bytesSent and bytesReceived (one client), not the message counts"}
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
      statistics: {messages_received: 120, messages_sent: 80, bytes_received: 5242880, bytes_sent: 1048576,
                   bytes_size: 10485760}
      usernames: [postmaster, sales]
      has_catch_all: false
      location: {path: "C:\\SmarterMail\\Domains\\example.com"}
      signing_keys: {dkim: {selector: mail2026, dns_record: {name: mail2026._domainkey.example.com, type: TXT,
                                                             value: "v=DKIM1; k=rsa; p=MIIBIjAN..."}}}
missing:
  description: Domains asked for in O(names) that the server does not have.
  returned: always
  type: list
  elements: str
  sample: [old.example.com]
forwarding_blocks:
  description:
    - Every domain forwarding block, shaped like the entries of
      O(mailops.smartermail.smartermail_domain_forwarding#module:blocks).
  returned: when V(forwarding_blocks) is in O(server_include)
  type: list
  elements: dict
  sample: [{"target": "192.0.2.80", "domains": ["example.com"]}]
all_statistics:
  description: Statistics of every domain over the period, by domain.
  returned: when V(all_statistics) is in O(server_include)
  type: dict
  sample: {"example.com": {"messages_received": 120, "messages_sent": 80, "bytes_received": 5242880,
                           "bytes_sent": 1048576, "bytes_size": 10485760}}
all_domain_aliases:
  description: Every domain alias of the server, by the domain it points to.
  returned: when V(all_domain_aliases) is in O(server_include)
  type: dict
  sample: {"example.com": ["example.net"]}
defaults:
  description: The domain defaults asked for in O(defaults_keys), as the server's text.
  returned: when O(defaults_keys) is given
  type: dict
  sample: {"settings": {"defaultmaxdomainusers": "250"}}
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
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain_info import DomainInfoResource
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource


def main():
    run_resource(DomainInfoResource)


if __name__ == "__main__":
    main()
