# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The spam wizard (SetSpamWizardLevel): an action that applies a preset; the preset in effect cannot be read."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import Adapter, diff
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.singleton import Singleton
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.antispam_settings import (
    SERVICE,
    WIZARD_LEVELS,
    read_all,
)


WIZARD_GROUPS = ("spf", "dkim", "reverse_dns", "sa_pattern_matching")

TABLE = Table([
    Option("level", "The preset to apply.", choices=WIZARD_LEVELS, required=True, soap="level"),
])


class SoapAntispamWizard(Adapter):
    """svcSpamAdmin: ``SetSpamWizardLevel``; the groups the preset sets are read with their Gets."""

    api = "soap"

    def read_settings(self, client):
        return read_all(client, WIZARD_GROUPS)

    def read_all(self, client, entries):
        return {self.resource.KEY: {"settings": self.read_settings(client)}}

    def plan_update(self, plan, entry, current, desired, changed):
        plan.add("update", "SetSpamWizardLevel", "apply spam wizard level %s" % entry["level"],
                 dict(level=entry["level"]), key=self.resource.KEY, service=SERVICE)


class AntispamWizardResource(Singleton):
    """SetSpamWizardLevel, an action: the preset in effect cannot be read, so it is applied every run.

    The groups the preset sets are read before (for the diff) and, after a real run, read back:
    what the server chose is known only then.
    """
    json_missing = "no known endpoint of the JSON API runs the anti-spam wizard"

    module = "smartermail_antispam_wizard"
    item = "wizard level"
    KEY = "wizard"
    table = TABLE
    argument_spec = TABLE.argument_spec()
    adapters = {"soap": SoapAntispamWizard}

    def __init__(self, params, api=None):
        super(AntispamWizardResource, self).__init__(params, api)
        self.read_after = None

    def validate(self):
        return [self.entry(level=self.params["level"])], []

    def desired(self, entry, current):
        return dict(current, level=entry["level"])

    def changes(self, entry, current, desired):
        return ["level"]

    def read_back(self, client, outcome):
        self.read_after = self.adapter.read_settings(client)
        outcome.after[self.KEY] = dict(outcome.after[self.KEY], settings=self.read_after)

    def result(self, outcome):
        before = outcome.before[self.KEY]["settings"]
        result = {"level": self.params["level"]}
        if self.read_after is not None:
            result["settings"] = self.read_after
            result["diff"] = diff(before, self.read_after)
        else:
            # The preset's values are the server's choice, known only once applied: the groups are
            # shown as read, not as deleted.
            result["diff"] = diff(before, dict(before), after_header=(
                "(check mode: level %s is applied by the server; the values it sets are known after a real run)"
                % self.params["level"]))
        return result
