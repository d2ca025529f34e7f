#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_antispam_settings
short_description: Manage SmarterMail's server-wide spam checks, weights, thresholds and actions
version_added: 0.1.0
description:
  - Manage every readable settings group of SmarterMail's anti-spam administration (svcSpamAdmin)
    idempotently, namely SPF, DKIM, DomainKeys, reverse DNS, SpamAssassin-based pattern matching, remote
    SpamAssassin, Declude, MessageSniffer, Commtouch, and the spam filtering thresholds and actions.
  - Only the groups given are read, and within them only the keys given are managed; a group is
    written (with its other keys as they are) only when one of its keys differs.
  - Every value is checked before any call to the server; weights are integers from -100 to 100,
    filtering thresholds from 1 to 1000 and strictly ascending.
  - RBL checks are managed by M(mailops.smartermail.smartermail_rbl); the write-only anti-spam
    options by M(mailops.smartermail.smartermail_antispam_options); the wizard presets by
    M(mailops.smartermail.smartermail_antispam_wizard).
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
options:
  spf:
    description: SPF settings (GetSPFSettings / SetSPFSettings). Only the keys given are managed.
    type: dict
    suboptions:
      filtering:
        description: Use this check's result in spam filtering (its weights count toward the message's spam weight).
        type: bool
      incoming_blocking:
        description: Refuse incoming SMTP sessions that fail this check.
        type: bool
      outgoing_blocking:
        description: Refuse outgoing (authenticated) SMTP sessions that fail this check.
        type: bool
      pass_weight:
        description: Weight added when the check passes. From -100 to 100.
        type: int
      neutral_weight:
        description: Weight for an SPF C(neutral) result. From -100 to 100.
        type: int
      none_weight:
        description: Weight when the sender publishes no record (or the check has no verdict). From -100 to 100.
        type: int
      soft_fail_weight:
        description: Weight for an SPF C(softfail) result. From -100 to 100.
        type: int
      fail_weight:
        description: Weight added when the check fails. From -100 to 100.
        type: int
      perm_error_weight:
        description: Weight for an SPF C(permerror) result. From -100 to 100.
        type: int
  dkim:
    description: DKIM settings (GetDKIMSettings / SetDKIMSettings). Only the keys given are managed.
    type: dict
    suboptions:
      filtering:
        description: Use this check's result in spam filtering (its weights count toward the message's spam weight).
        type: bool
      incoming_blocking:
        description: Refuse incoming SMTP sessions that fail this check.
        type: bool
      outgoing_blocking:
        description: Refuse outgoing (authenticated) SMTP sessions that fail this check.
        type: bool
      pass_weight:
        description: Weight added when the check passes. From -100 to 100.
        type: int
      none_weight:
        description: Weight when the sender publishes no record (or the check has no verdict). From -100 to 100.
        type: int
      fail_weight:
        description: Weight added when the check fails. From -100 to 100.
        type: int
      max_key_size:
        description: Largest key size, in bits, that is verified.
        type: int
        choices: [512, 768, 1024, 1536, 2048]
      max_message_size_to_sign_mb:
        description: Largest message, in MB, that is signed.
        type: int
      max_message_size_to_verify_mb:
        description: Largest message, in MB, that is verified.
        type: int
  domainkeys:
    description: DomainKeys settings (GetDomainKeysSettings / SetDomainKeysSettings). Only the keys given are managed.
    type: dict
    suboptions:
      filtering:
        description: Use this check's result in spam filtering (its weights count toward the message's spam weight).
        type: bool
      incoming_blocking:
        description: Refuse incoming SMTP sessions that fail this check.
        type: bool
      outgoing_blocking:
        description: Refuse outgoing (authenticated) SMTP sessions that fail this check.
        type: bool
      pass_weight:
        description: Weight added when the check passes. From -100 to 100.
        type: int
      none_weight:
        description: Weight when the sender publishes no record (or the check has no verdict). From -100 to 100.
        type: int
      fail_weight:
        description: Weight added when the check fails. From -100 to 100.
        type: int
      max_key_size:
        description: Largest key size, in bits, that is verified.
        type: int
        choices: [512, 768, 1024, 1536, 2048]
      max_message_size_to_sign_mb:
        description: Largest message, in MB, that is signed.
        type: int
      max_message_size_to_verify_mb:
        description: Largest message, in MB, that is verified.
        type: int
  reverse_dns:
    description: Reverse DNS settings (GetReverseDNSSettings / SetReverseDNSSettings). Only the keys given are managed.
    type: dict
    suboptions:
      filtering:
        description: Use this check's result in spam filtering (its weights count toward the message's spam weight).
        type: bool
      incoming_blocking:
        description: Refuse incoming SMTP sessions that fail this check.
        type: bool
      outgoing_blocking:
        description: Refuse outgoing (authenticated) SMTP sessions that fail this check.
        type: bool
      weight:
        description: Weight added when the sending IP has no valid reverse DNS (PTR) record. From -100 to 100.
        type: int
  sa_pattern_matching:
    description:
      - SpamAssassin-based pattern matching settings (GetSABPMSettings / SetSABPMSettings).
      - Only the keys given are managed.
    type: dict
    suboptions:
      filtering:
        description: Use this check's result in spam filtering (its weights count toward the message's spam weight).
        type: bool
      incoming_blocking:
        description: Refuse incoming SMTP sessions that fail this check.
        type: bool
      outgoing_blocking:
        description: Refuse outgoing (authenticated) SMTP sessions that fail this check.
        type: bool
      low_weight:
        description: Weight for a low spam verdict. From -100 to 100.
        type: int
      medium_weight:
        description: Weight for a medium spam verdict. From -100 to 100.
        type: int
      high_weight:
        description: Weight for a high spam verdict. From -100 to 100.
        type: int
      log_level:
        description: How much of the verdict is logged.
        type: str
        choices: [None, Normal, Detailed]
  remote_spamassassin:
    description: Remote SpamAssassin settings (GetRemoteSASettings / SetRemoteSASettings). Only the keys given are
      managed.
    type: dict
    suboptions:
      filtering:
        description: Use this check's result in spam filtering (its weights count toward the message's spam weight).
        type: bool
      incoming_blocking:
        description: Refuse incoming SMTP sessions that fail this check.
        type: bool
      outgoing_blocking:
        description: Refuse outgoing (authenticated) SMTP sessions that fail this check.
        type: bool
      low_weight:
        description: Weight for a low spam verdict. From -100 to 100.
        type: int
      medium_weight:
        description: Weight for a medium spam verdict. From -100 to 100.
        type: int
      high_weight:
        description: Weight for a high spam verdict. From -100 to 100.
        type: int
      log_level:
        description: How much of the verdict is logged.
        type: str
        choices: [None, Normal, Detailed]
      client_timeout_seconds:
        description: Seconds to wait for a remote SpamAssassin server (1 to 300).
        type: int
      failures_before_disable:
        description: Failures after which a remote SpamAssassin server is disabled automatically (at least 1).
        type: int
      disable_time_minutes:
        description: Minutes an automatically disabled server stays disabled.
        type: int
      max_attempts_per_message:
        description: Checks to try for one message before skipping this check (at least 1).
        type: int
  declude:
    description: Declude settings (GetDecludeSettings / SetDecludeSettings). Only the keys given are managed.
    type: dict
    suboptions:
      filtering:
        description: Use this check's result in spam filtering (its weights count toward the message's spam weight).
        type: bool
      incoming_blocking:
        description: Refuse incoming SMTP sessions that fail this check.
        type: bool
      outgoing_blocking:
        description: Refuse outgoing (authenticated) SMTP sessions that fail this check.
        type: bool
      low_weight:
        description: Weight for a low spam verdict. From -100 to 100.
        type: int
      medium_weight:
        description: Weight for a medium spam verdict. From -100 to 100.
        type: int
      high_weight:
        description: Weight for a high spam verdict. From -100 to 100.
        type: int
  message_sniffer:
    description:
      - MessageSniffer settings (GetMessageSnifferSettings / SetMessageSnifferSettings).
      - Only the keys given are managed.
    type: dict
    suboptions:
      filtering:
        description: Use this check's result in spam filtering (its weights count toward the message's spam weight).
        type: bool
      incoming_blocking:
        description: Refuse incoming SMTP sessions that fail this check.
        type: bool
      outgoing_blocking:
        description: Refuse outgoing (authenticated) SMTP sessions that fail this check.
        type: bool
      confirmed_weight:
        description: Weight for confirmed spam. From -100 to 100.
        type: int
      none_weight:
        description: Weight when the sender publishes no record (or the check has no verdict). From -100 to 100.
        type: int
  commtouch:
    description: Commtouch settings (GetCommtouchSettings / SetCommtouchSettings). Only the keys given are managed.
    type: dict
    suboptions:
      filtering:
        description: Use this check's result in spam filtering (its weights count toward the message's spam weight).
        type: bool
      incoming_blocking:
        description: Refuse incoming SMTP sessions that fail this check.
        type: bool
      outgoing_blocking:
        description: Refuse outgoing (authenticated) SMTP sessions that fail this check.
        type: bool
      bulk_weight:
        description: Weight for bulk mail. From -100 to 100.
        type: int
      confirmed_weight:
        description: Weight for confirmed spam. From -100 to 100.
        type: int
      none_weight:
        description: Weight when the sender publishes no record (or the check has no verdict). From -100 to 100.
        type: int
      suspect_weight:
        description: Weight for suspected spam. From -100 to 100.
        type: int
      unknown_weight:
        description: Weight for an unknown verdict. From -100 to 100.
        type: int
  filtering:
    description: Spam filtering settings (GetSpamFilteringSettings / SetSpamFilteringSettings). Only the keys given
      are managed.
    type: dict
    suboptions:
      low_threshold:
        description: Spam weight from which a message is low-probability spam (1 to 1000).
        type: int
      medium_threshold:
        description: Spam weight from which a message is medium-probability spam; above O(filtering.low_threshold).
        type: int
      high_threshold:
        description: Spam weight from which a message is high-probability spam; above O(filtering.medium_threshold).
        type: int
      low_action:
        description: What happens to low-probability spam.
        type: str
        choices: [NoAction, DeleteMessage, MoveToJunkFolder, AddTextToSubject]
      medium_action:
        description: What happens to medium-probability spam.
        type: str
        choices: [NoAction, DeleteMessage, MoveToJunkFolder, AddTextToSubject]
      high_action:
        description: What happens to high-probability spam.
        type: str
        choices: [NoAction, DeleteMessage, MoveToJunkFolder, AddTextToSubject]
      low_prefix:
        description: Text added to the subject by C(AddTextToSubject) for low-probability spam (at most 50 characters).
        type: str
      medium_prefix:
        description: Text added to the subject by C(AddTextToSubject) for medium-probability spam (at most 50 characters).
        type: str
      high_prefix:
        description: Text added to the subject by C(AddTextToSubject) for high-probability spam (at most 50 characters).
        type: str
notes:
  - The server replaces a whole group on every write. Right before writing a group, the module reads it
    again and sends every key, those that change with the new value and the others as just read, so keys
    not given keep their values, also when another client changed them after the task's first read; the
    groups are read back after the writes. Tasks on the same machine take turns for that read and write;
    a change made elsewhere in the milliseconds between them is still overwritten.
seealso:
  - module: mailops.smartermail.smartermail_antispam_info
  - module: mailops.smartermail.smartermail_rbl
"""

EXAMPLES = r"""
- name: SPF, reverse DNS and DKIM weights, filtering thresholds and actions
  mailops.smartermail.smartermail_antispam_settings:
    url: http://mail.example.com:9998
    username: admin
    password: "{{ smartermail_admin_password }}"
    spf:
      filtering: true
      fail_weight: 20
      soft_fail_weight: 10
    reverse_dns:
      filtering: true
      weight: 10
    dkim:
      fail_weight: 15
    filtering:
      low_threshold: 20
      medium_threshold: 40
      high_threshold: 70
      low_action: AddTextToSubject
      low_prefix: "[SPAM?] "
      medium_action: MoveToJunkFolder
      high_action: DeleteMessage

# The tasks below carry no connection options: they come from the play's module_defaults
# (group/mailops.smartermail.smartermail, with the password from a vault variable) or from the
# SMARTERMAIL_URL, SMARTERMAIL_USERNAME and SMARTERMAIL_PASSWORD environment variables (an AWX credential injects them).
- name: Read the settings of another server
  mailops.smartermail.smartermail_antispam_info:
    url: http://old-mail.example.com:9998
  register: exported

- name: Apply its SPF and filtering settings here
  mailops.smartermail.smartermail_antispam_settings:
    spf: "{{ exported.settings.spf }}"
    filtering: "{{ exported.settings.filtering }}"
"""

RETURN = r"""
settings:
  description: The managed groups after the task (every key of each group given), shaped like the options.
  returned: always
  type: dict
  sample: {"spf": {"filtering": true, "incoming_blocking": false, "outgoing_blocking": false, "pass_weight": 0,
           "neutral_weight": 0, "none_weight": 0, "soft_fail_weight": 10, "fail_weight": 20, "perm_error_weight": 5}}
changes:
  description: The writes made (or planned, in check mode), one per group that differs.
  returned: changed
  type: list
  elements: str
  sample: ["set SPF settings (fail_weight, soft_fail_weight)"]
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.antispam_settings import (
    AntispamSettingsResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource


def main():
    run_resource(AntispamSettingsResource)


if __name__ == "__main__":
    main()
