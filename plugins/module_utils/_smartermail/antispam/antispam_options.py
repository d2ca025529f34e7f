# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Anti-spam options (SetAntispamOptions): the API has no Get, so the whole set is written every run."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import Adapter, diff
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.singleton import (
    Singleton,
    group_errors,
    group_to_soap,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.antispam_settings import (
    OPTIONS_TABLE,
    SERVICE,
)


class SoapAntispamOptions(Adapter):
    """svcSpamAdmin: ``SetAntispamOptions`` (every option, every run); no read exists."""

    api = "soap"

    def read_all(self, client, entries):
        # Nothing can be read: the object exists, its values are unknown.
        return {self.resource.KEY: {}}

    def plan_update(self, plan, entry, current, desired, changed):
        plan.add("update", "SetAntispamOptions",
                 "set anti-spam options (SetAntispamOptions has no read counterpart: always written)",
                 dict(optionsSettings=group_to_soap(OPTIONS_TABLE.options, desired)), key=self.resource.KEY,
                 service=SERVICE)


class AntispamOptionsResource(Singleton):
    """SetAntispamOptions: the API has no Get, so nothing is read and the whole set is written every run."""
    json_missing = ("no known endpoint of the JSON API writes the server's anti-spam options (its sources show anti-spam "
                    "reads only)")

    module = "smartermail_antispam_options"
    item = "options"
    KEY = "options"
    table = OPTIONS_TABLE
    fields = OPTIONS_TABLE.fields()
    argument_spec = OPTIONS_TABLE.argument_spec()
    adapters = {"soap": SoapAntispamOptions}

    def values(self):
        return dict((option, self.params[option]) for option in OPTIONS_TABLE.by_name)

    def validate(self):
        values = self.values()
        return [self.entry(**values)], group_errors("options", OPTIONS_TABLE.options, values)

    def desired(self, entry, current):
        return self.values()

    def changes(self, entry, current, desired):
        # Nothing to compare with: every option is written.
        return [f.option for f in self.fields]

    def result(self, outcome):
        values = outcome.after[self.KEY]
        return {"options": values,
                "diff": diff({}, values, before_header="anti-spam options (unreadable: the API has no Get)",
                             after_header="anti-spam options")}
