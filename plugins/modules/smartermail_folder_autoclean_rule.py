#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_folder_autoclean_rule
short_description: Manage the server-level folder auto-clean rules of a SmarterMail
  server
version_added: 1.0.0
description:
- Add and remove server-level folder auto-clean rules, one at a time or the
  whole list with O(rules).
- The server does not return a rule's folder, so a rule is named by its type
  and limits - C(date|30) for mail older than 30 days, C(size|500|400) to
  trim a folder of 500 MB to 400 MB (also in O(keep)). New limits are a new
  rule - use O(purge) (or O(state=absent)) to remove the old one; the server
  holds one rule per folder and type.
- The server has no edit operation - enabling or disabling a rule removes
  it, then adds it, which needs O(folder) again.
author:
- mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
- mailops.smartermail.smartermail
- mailops.smartermail.attributes
- mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
- mailops.smartermail.attributes.BULK
- mailops.smartermail.state
options:
  type:
    description: V(Date) (delete mail older than O(mail_age_days)) or V(Size) (trim the folder). Required.
    type: str
    choices: [Date, Size]
  rules:
    description:
      - Many rules in one task, read with one call; only the differences are written.
      - Objects not listed are left alone unless O(purge) is set; an empty list manages nothing (with O(purge) it
        removes every object not in O(keep)).
      - Mutually exclusive with the options of the single form.
    type: list
    elements: dict
    suboptions:
      type:
        description: As O(type), for this entry.
        type: str
        choices: [Date, Size]
      mail_age_days:
        description: As O(mail_age_days), for this entry.
        type: int
      size_before_clean_mb:
        description: As O(size_before_clean_mb), for this entry.
        type: int
      size_after_clean_mb:
        description: As O(size_after_clean_mb), for this entry.
        type: int
      enabled:
        description: As O(enabled), for this entry.
        type: bool
      folder:
        description: As O(folder), for this entry.
        type: str
      id:
        description: As O(id), for this entry.
        type: str
      state:
        description: As O(state), for this entry.
        type: str
        choices: [present, absent]
        default: present
  mail_age_days:
    description: Age in days of the mail a V(Date) rule deletes (at least 1).
    type: int
  size_before_clean_mb:
    description: Size in MB at which a V(Size) rule cleans the folder (greater than O(size_after_clean_mb)).
    type: int
  size_after_clean_mb:
    description: Size in MB a V(Size) rule trims the folder to (0 or more).
    type: int
  enabled:
    description: Whether the rule is enabled (V(true) when added without it).
    type: bool
  folder:
    description: The folder the rule cleans. Required to add a rule; the server does not return it, so it is never
      compared.
    type: str
  id:
    description: Read only - the server's identifier, ignored on input (so that the output of M(mailops.smartermail.smartermail_info)
      feeds back unchanged).
    type: str
seealso:
- module: mailops.smartermail.smartermail_info
"""

EXAMPLES = r"""
- name: Empty the junk folders after 30 days
  mailops.smartermail.smartermail_folder_autoclean_rule:
    type: Date
    mail_age_days: 30
    folder: Junk E-Mail
"""

RETURN = r"""
rule:
  description: The object after the task (empty when removed). Returned in
    the single form.
  returned: when the single form is used
  type: dict
  sample:
    type: Date
    mail_age_days: 30
    size_before_clean_mb: 0
    size_after_clean_mb: 0
    enabled: true
    id: 0c3b8a52-52b3-4a4e-8f3e-1f8e0c7d6a10
rules:
  description: Every object on the server after the task. Returned with O(rules).
  returned: when O(rules) is used
  type: list
  elements: dict
  sample:
  - type: Date
    mail_age_days: 30
    size_before_clean_mb: 0
    size_after_clean_mb: 0
    enabled: true
    id: 0c3b8a52-52b3-4a4e-8f3e-1f8e0c7d6a10
created:
  description: Keys of the objects added (or that would be, in check mode).
  returned: when O(rules) is used
  type: list
  elements: str
  sample:
  - date|30
updated:
  description: Keys of the objects changed (or replaced) (or that would be,
    in check mode).
  returned: when O(rules) is used
  type: list
  elements: str
  sample:
  - date|30
removed:
  description: Keys of the objects removed (or that would be, in check mode).
  returned: when O(rules) is used
  type: list
  elements: str
  sample:
  - date|30
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample:
  - add auto-clean rule Date 30 days
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.folder_autoclean_rule import (
    FolderAutocleanRuleResource,
)


def main():
    run_resource(FolderAutocleanRuleResource)


if __name__ == "__main__":
    main()
