# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The collection's action plugins: ``resource.py``, routed to every module by ``meta/runtime.yml``.

Ansible imports this package in its main process while it resolves each task's action, before it
forks the worker process of a task; it never loads a routed action plugin there. What is imported
here is inherited by every worker instead of being compiled again per task (see ``warm_up``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.plugin_utils._resource_action import warm_up

warm_up()
