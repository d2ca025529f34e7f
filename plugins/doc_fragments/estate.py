# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""``domains`` and ``parallel_reads``, of a module whose list entries may name their own domain (a task
of many domains). ``scripts/generate.py`` fails when this text and the table (``_smartermail.estate``) differ."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r"""
options:
  domains:
    description:
      - Domains the task covers besides those its entries name; with O(purge), a domain listed here and named by
        no entry loses every object O(keep) does not name.
      - Given, the task is one of many domains, as when an entry names its domain.
    type: list
    elements: str
    version_added: 1.1.0
"""

    # the option alone (smartermail_domain, whose own domains option is its list form)
    PARALLEL = r"""
options:
  parallel_reads:
    description:
      - How many domains a task of many domains reads at once.
      - Over SOAP each reader has a connection of its own; over the JSON API the readers share the task's one
        session. The writes are always made one domain after the other, with the task's connection. From 1
        (one domain after the other) to 16.
    type: int
    default: 4
    version_added: 1.1.0
"""
