# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The filter mailops.smartermail.domain_entries: the entries of many domains, each with its domain.

A task of many domains (smartermail_user, smartermail_alias, smartermail_dkim) takes one list whose
entries name their domain; an inventory lists the domains, each with its own entries. This filter
turns the one into the other in one pass, where a Jinja loop that combines each entry with its domain
costs a role of thousands of domains seconds and a copy of every entry.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections.abc import Mapping, Sequence

from ansible.errors import AnsibleFilterError

DOCUMENTATION = r"""
name: domain_entries
short_description: The entries of many domains as one list, each entry with its domain
version_added: 1.1.0
description:
  - Takes a list of domains, each a dictionary with its C(name) and, under O(key), its entries (for example
    C(users)), and returns the entries of every domain as one list in which each entry names its domain - the
    form the list options of the modules take when one task covers many domains (see the guide
    R(Many domains in one task,ansible_collections.mailops.smartermail.docsite.many-domains)).
  - An entry that is a dictionary is returned as a copy with C(domain) set to its domain's name. An entry that is a
    string (a O(mailops.smartermail.smartermail_user#module:keep) name) becomes C(name@domain), unless it names
    a domain already. A value of O(key) that is a dictionary (a domain's C(dkim) options) is one entry.
  - Domains with C(state=absent), those named in O(exclude) and those without O(key) give no entry.
  - Fails, naming the domain, when a domain has no C(name), when an entry names another domain than its own, or
    when an entry is neither a dictionary nor a string.
options:
  _input:
    description: The domains, each a dictionary with C(name).
    type: list
    elements: dict
    required: true
  key:
    description: The key of each domain that holds its entries (C(users), C(aliases), C(users_keep), C(dkim)).
    type: str
    required: true
  exclude:
    description: Names of domains left out (as written in the domains' C(name)).
    type: list
    elements: str
    default: []
author:
  - mailops.smartermail contributors
"""

EXAMPLES = r"""
- name: The users of every domain of the inventory in one task
  mailops.smartermail.smartermail_user:
    users: "{{ domains | mailops.smartermail.domain_entries('users') }}"
    domains: "{{ domains | selectattr('users', 'defined') | map(attribute='name') | list }}"
    purge: true
    keep: "{{ domains | mailops.smartermail.domain_entries('users_keep') }}"
  vars:
    domains:
      - name: example.com
        users: [{name: alice, password: "{{ vault_alice }}"}]
        users_keep: [scanner]
      - name: example.net
        users: []
  # users: [{name: alice, password: ..., domain: example.com}]; keep: [scanner@example.com]
"""

RETURN = r"""
_value:
  description: The entries, in the order of the domains and of each domain's entries.
  type: list
  elements: raw
  sample: [{name: alice, password: VALUE_SPECIFIED_IN_NO_LOG_PARAMETER, domain: example.com}, scanner@example.com]
"""


def domain_entries(domains, key, exclude=None):
    """Every domain's entries under ``key``, each naming its domain (see DOCUMENTATION)."""
    if not isinstance(domains, Sequence) or isinstance(domains, (str, bytes)):
        raise AnsibleFilterError("domain_entries: the input must be a list of domains, got %s" % type(domains).__name__)
    if not isinstance(key, str):
        raise AnsibleFilterError("domain_entries: the key must be a string, got %s" % type(key).__name__)
    left_out = set(exclude or ())
    out = []
    for index, domain in enumerate(domains):
        if not isinstance(domain, Mapping) or not isinstance(domain.get("name"), str) or not domain["name"]:
            raise AnsibleFilterError("domain_entries: domain %d must be a dictionary with a name" % (index + 1))
        name = domain["name"]
        value = domain.get(key)
        if value is None or name in left_out or domain.get("state", "present") == "absent":
            continue
        if isinstance(value, Mapping):
            entries = [value]
        elif isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
            entries = value
        else:
            raise AnsibleFilterError("domain_entries: %s of domain %s must be a list or a dictionary, got %s"
                                     % (key, name, type(value).__name__))
        out.extend(_entry(entry, name, key) for entry in entries)
    return out


def _entry(entry, name, key):
    if isinstance(entry, Mapping):
        if entry.get("domain") not in (None, name):
            raise AnsibleFilterError("domain_entries: an entry of %s of domain %s names the domain %s"
                                     % (key, name, entry["domain"]))
        copy = dict(entry)
        copy["domain"] = name
        return copy
    if isinstance(entry, str):
        return entry if "@" in entry else "%s@%s" % (entry, name)
    raise AnsibleFilterError("domain_entries: an entry of %s of domain %s must be a dictionary or a string, got %s"
                             % (key, name, type(entry).__name__))


class FilterModule(object):
    def filters(self):
        return {"domain_entries": domain_entries}
