# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Anti-spam options (SetAntispamOptions): the API has no Get, so the whole set is written every run."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import ArgumentSpec
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import diff
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.singleton import Singleton
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.antispam_settings import (
    OPTION_FIELDS,
    OPTIONS,
    SERVICE,
    field_errors,
    suboptions,
    to_soap,
)


class AntispamOptionsResource(Singleton):
    """SetAntispamOptions: the API has no Get, so nothing is read and the whole set is written every run."""

    item = "options"
    KEY = "options"
    fields = OPTION_FIELDS
    argument_spec = ArgumentSpec(suboptions(OPTIONS, required=True))

    def values(self):
        return dict((option, self.params[option]) for option, dummy, dummy2, dummy3 in OPTIONS)

    def validate(self):
        values = self.values()
        return [self.entry(**values)], field_errors("options", OPTIONS, values)

    def read_all(self, client, entries):
        # Nothing can be read: the object exists, its values are unknown.
        return {self.KEY: {}}

    def desired(self, entry, current):
        return self.values()

    def changes(self, entry, current, desired):
        # Nothing to compare with: every option is written.
        return [f.option for f in self.fields]

    def plan_update(self, plan, entry, current, desired, changed):
        plan.add("update", "SetAntispamOptions",
                 "set anti-spam options (SetAntispamOptions has no read counterpart: always written)",
                 dict(optionsSettings=to_soap(OPTIONS, desired)), key=self.KEY, service=SERVICE)

    def result(self, outcome):
        values = outcome.after[self.KEY]
        return {"options": values,
                "diff": diff({}, values, before_header="anti-spam options (unreadable: the API has no Get)",
                             after_header="anti-spam options")}
