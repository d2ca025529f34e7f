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

from ansible_collections.mailops.smartermail.plugins.module_utils._validation import (
    domain_key,
    domain_name_error,
)


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
