# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ``state`` option of a module that adds and removes objects one at a time or as a list.

A module that extends C(state) has no ``state`` in its own options: ``scripts/generate.py`` leaves out
what a fragment documents, and fails when the fragment and the resource's table disagree.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r"""
options:
  state:
    description: Whether the object should exist.
    type: str
    choices: [present, absent]
    default: present
"""
