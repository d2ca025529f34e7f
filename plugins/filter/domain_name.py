# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The filter mailops.smartermail.domain_name: a domain name as the modules compare it.

It calls the modules' own normalization (``domain_key``) and check (``domain_name_error``), so a
playbook or role that compares domain names (a purge, a keep list) decides exactly as the modules do.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    domain_key,
    domain_name_error,
)

DOCUMENTATION = r"""
name: domain_name
short_description: A domain name as the modules of this collection compare it
version_added: 1.1.0
description:
  - Returns the domain name normalized the way every module of this collection normalizes it before it
    compares or sends it - surrounding blanks and a trailing dot removed, lower case, internationalized
    labels as A-labels (C(xn--)).
  - Fails, naming the problem, when the value is not a valid domain name (in that normalized form).
  - Use it to compare names the way the modules do, for example to decide which server domains a list
    does not name (the P(mailops.smartermail.domain_provisioning#role) role's domain purge does).
options:
  _input:
    description: A domain name.
    type: str
    required: true
author:
  - mailops.smartermail contributors
"""

EXAMPLES = r"""
- name: Domains of the server that the inventory does not list (names compared as the modules compare them)
  ansible.builtin.debug:
    msg: >-
      {{ server_domains | map('mailops.smartermail.domain_name')
         | difference(wanted | map('mailops.smartermail.domain_name')) }}
  vars:
    server_domains: [example.com, xn--bcher-kva.example, old.example]
    wanted: [Example.COM., bücher.example]   # -> [old.example]
"""

RETURN = r"""
_value:
  description: The normalized name.
  type: str
  sample: xn--bcher-kva.example
"""


def domain_name(value):
    """``value`` normalized (no blanks, no trailing dot, lower case, A-labels); an error when invalid."""
    if not isinstance(value, str):
        raise AnsibleFilterError("domain_name: a domain name must be a string, got %s" % type(value).__name__)
    error = domain_name_error(value)
    if error:
        raise AnsibleFilterError("domain_name: %s" % error)
    return domain_key(value)


class FilterModule(object):
    def filters(self):
        return {"domain_name": domain_name}
