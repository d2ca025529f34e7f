# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Planning of the greylisting filters, SpamAssassin servers and folder auto-clean rules from their
tables: current + params in, exact SOAP writes out (the tables' SOAP columns are what is sent)."""
import os
import sys

import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import PlanError
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.greylisting_filter import (
    GreylistingFilterResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.spamassassin_server import (
    SpamAssassinServerResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.folder_autoclean_rule import (
    FolderAutocleanRuleResource,
)

# the plan helper of the server list tests (this folder is not a package: ansible-test units imports
# the test files by their collection path, so the folder is put on the path for it)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_plan_server_lists import plan  # noqa: E402  pylint: disable=wrong-import-position

FILTERS = {"xx": {"filter_type": "Country", "ip_address": "", "ip_range_start": "", "ip_range_end": "",
                  "country_code": "XX", "description": "old"}}
SERVERS = {"spamd1": {"name": "spamd1", "ip_address": "192.0.2.50", "port": 783, "enabled": False}}
RULES = {"date|30": {"id": "r1", "type": "Date", "enabled": True, "size_before_clean_mb": 0, "size_after_clean_mb": 0,
                     "mail_age_days": 30}}


def test_greylisting_filter_replaced_and_added_with_every_soap_column():
    writes, out, dummy = plan(GreylistingFilterResource, FILTERS, filters=[
        {"country_code": "xx", "description": "new"}, {"ip_address": "10.0.0.0/24"}])
    named = {"filterType": "Country", "ipAddress": "", "ipRangeStart": "", "ipRangeEnd": "", "countryCode": "XX"}
    assert writes == [
        ("DeleteGreylistingFilter", named),
        ("AddGreylistingFilter", dict(named, description="new")),
        ("AddGreylistingFilter", {"filterType": "IPRange", "ipAddress": "", "ipRangeStart": "10.0.0.0",
                                  "ipRangeEnd": "10.0.0.255", "countryCode": "", "description": ""})]
    assert out.summary == {"created": ["10.0.0.0-10.0.0.255"], "updated": ["xx"]}


def test_spamassassin_server_added_enabled_and_removed_by_name():
    writes, out, dummy = plan(SpamAssassinServerResource, SERVERS, purge=True, servers=[
        {"name": "spamd2", "ip_address": "192.0.2.51", "port": 784}])
    assert writes == [("DeleteSpamAssassinServer", {"serverName": "spamd1"}),
                      ("AddSpamAssassinServer", {"serverName": "spamd2", "ipAddress": "192.0.2.51",
                                                 "serverPort": 784})]
    # the server enables a server it adds; ``enabled`` is read only, never a change
    assert out.after["spamd2"]["enabled"] is True
    writes, out, dummy = plan(SpamAssassinServerResource, SERVERS, name="SPAMD1", ip_address="192.0.2.50",
                              port=783, enabled=True)
    assert writes == []


def test_autoclean_rule_re_added_with_its_folder_and_removed_by_id():
    writes, out, dummy = plan(FolderAutocleanRuleResource, RULES, type="date", mail_age_days=30, enabled=False,
                              folder="Junk E-Mail")
    assert writes == [
        ("DeleteFolderAutoCleanRule", {"id": "r1"}),
        ("AddFolderAutocleanRule", {"type": "Date", "mailAgeInDays": 30, "sizeBeforeAutoClean": 0,
                                    "sizeAfterClean": 0, "enableRule": False, "folder": "Junk E-Mail"})]
    assert "folder" not in out.after["date|30"]  # sent, never shown


def test_autoclean_rule_without_its_folder_cannot_be_re_added():
    with pytest.raises(PlanError, match="folder is required to add \\(or re-add\\) auto-clean rule Date 30 days"):
        plan(FolderAutocleanRuleResource, RULES, type="Date", mail_age_days=30, enabled=False)
