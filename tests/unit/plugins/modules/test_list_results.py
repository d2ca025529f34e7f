# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The list form returns every object on the server after the task, as RETURN says, also for an
empty list without purge (an empty inventory variable): it changes nothing and shows what is there."""

import importlib

import pytest

from ansible_collections.mailops.smartermail.plugins.modules import smartermail_domain

DOMAIN = "unit.test"
GW_PASSWORD = "Gw-Unit-Pw-3c9"

# module -> (list option, result key, two entries to add, whether the family lives in a domain)
FAMILIES = {
    "abuse_detection_rule": ("rules", "rules", [
        {"type": "DOS", "service": "SMTP", "time_frame": 1, "occurrences_before_trigger": 100, "time_to_block": 10},
        {"type": "Harvesting", "time_frame": 10, "occurrences_before_trigger": 20, "time_to_block": 60}], False),
    "blocked_sender": ("blocked_senders", "blocked_senders", [
        {"sender": "spammer.example"}, {"sender": "bad@junk.example"}], False),
    "folder_autoclean_rule": ("rules", "rules", [
        {"type": "Date", "mail_age_days": 30, "folder": "Junk E-Mail"},
        {"type": "Date", "mail_age_days": 60, "folder": "Deleted Items"}], False),
    "forwarding_blacklist": ("domains", "domains", ["freemail.example", "webmail.example"], False),
    "gateway": ("gateways", "gateways", [
        {"address": "203.0.113.25"},
        {"address": "gw1.example.com", "smartermail": True, "smartermail_url": "https://gw1.example.com/",
         "smartermail_username": "admin", "smartermail_password": GW_PASSWORD}], False),
    "greylisting_filter": ("filters", "filters", [{"country_code": "XX"}, {"ip_address": "203.0.113.0/24"}], False),
    "hostname": ("hostnames", "hostnames", [
        {"hostname": "mail.example.com", "ip_address": "192.0.2.10"},
        {"hostname": "mx2.example.com", "ip_address": "192.0.2.11"}], False),
    "incoming_gateway": ("gateways", "gateways", [
        {"ip_address": "198.51.100.25", "domains_to_forward": ["example.com"]},
        {"ip_address": "198.51.100.26", "domains_to_forward": ["example.net"]}], False),
    "ip_blacklist": ("entries", "entries", [
        {"ip_address": "203.0.113.5"}, {"ip_range_start": "198.51.100.1", "ip_range_end": "198.51.100.9"}], False),
    "ip_whitelist": ("entries", "entries", [
        {"ip_address": "203.0.113.5"}, {"ip_range_start": "198.51.100.1", "ip_range_end": "198.51.100.9"}], False),
    "server_port": ("ports", "ports", [
        {"port": 2525, "protocol": "SMTP"}, {"port": 4190, "protocol": "IMAP"}], False),
    "smtp_auth_bypass": ("bypasses", "bypasses", [
        {"ip_address": "192.0.2.25"}, {"ip_range_start": "198.51.100.1", "ip_range_end": "198.51.100.20"}], False),
    "spamassassin_server": ("servers", "servers", [
        {"name": "spamd1", "ip_address": "192.0.2.50", "port": 783},
        {"name": "spamd2", "ip_address": "192.0.2.51", "port": 783}], False),
    "system_admin": ("admins", "admins", [
        {"name": "ops", "admin_password": "Ops-Unit-Pw-1"}, {"name": "audit", "admin_password": "Audit-Unit-Pw-1"}],
        False),
    "trusted_sender": ("senders", "senders", ["partner.example", "billing@vendor.example"], False),
    "rbl": ("rbls", "rbls", [
        {"name": "Spamhaus ZEN", "hostname": "zen.spamhaus.org", "weight": 30},
        {"name": "SpamCop", "hostname": "bl.spamcop.net", "weight": 20}], False),
    "domain_forwarding": ("blocks", "blocks", [
        {"target": "192.0.2.80", "domains": ["example.com"]},
        {"target": "192.0.2.81", "domains": ["example.org"]}], False),
    "alias": ("aliases", "aliases", [
        {"name": "info", "addresses": ["a@unit.test"]}, {"name": "support", "addresses": ["b@unit.test"]}], True),
    "domain_alias": ("names", "domain_aliases", ["example.net", "example.org"], True),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_empty_list_without_purge_returns_every_object(family, server, run_module):
    module = importlib.import_module("ansible_collections.mailops.smartermail.plugins.modules.smartermail_" + family)
    option, key, entries, in_domain = FAMILIES[family]
    extra = {}
    if in_domain:
        made = run_module(smartermail_domain, {"name": DOMAIN, "primary_admin": "postmaster",
                                               "primary_admin_password": "Pm-Unit-1"})
        assert made["changed"], made
        extra = {"domain": DOMAIN}
        if family == "domain_alias":
            extra["mx_check"] = False
    added = run_module(module, dict(extra, **{option: entries}))
    assert added["changed"] and not added.get("failed"), added
    assert len(added[key]) >= 2, added
    writes = server.writes()
    empty = run_module(module, dict(extra, **{option: []}))
    assert not empty.get("failed"), empty
    assert not empty["changed"] and server.writes() == writes
    assert empty[key] == added[key]
    checked = run_module(module, dict(extra, **{option: []}), check_mode=True)
    assert checked[key] == added[key]
