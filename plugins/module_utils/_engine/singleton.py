# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Singletons: settings groups and other server objects that always exist under one fixed key
(the server's antispam settings, its licence, a domain's defaults). They are read and updated,
never created or removed."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import PlanError, Resource


class Singleton(Resource):
    """One server object under a fixed key: it always exists, so it is only ever updated."""

    backend = "smartermail"
    key_option = None
    KEY = None

    def entry(self, **values):
        return dict(values, key=self.KEY, state="present")

    def plan_create(self, plan, entry, desired):
        raise PlanError("the server's %s cannot be created" % self.item)

    def plan_remove(self, plan, key, current):
        raise PlanError("the server's %s cannot be removed" % self.item)
