# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The action of every module of the collection, routed to each in ``meta/runtime.yml``.

``plugin_routing.modules.<module>.action_plugin: mailops.smartermail.resource``: the fast path on
the controller, the module otherwise (see ``plugins/plugin_utils/_resource_action.py``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.plugin_utils._resource_action import ResourceAction


class ActionModule(ResourceAction):
    pass
