# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.antispam_settings import GROUP_NAMES
from ansible_collections.mailops.smartermail.plugins.modules import (
    smartermail_antispam_info,
    smartermail_antispam_options,
    smartermail_antispam_settings,
    smartermail_antispam_wizard,
    smartermail_rbl,
)

SETTINGS = {
    "spf": {"fail_weight": 25, "soft_fail_weight": 12},
    "reverse_dns": {"weight": 15, "incoming_blocking": False},
    "dkim": {"fail_weight": 20, "max_key_size": 1536},
    "filtering": {"low_threshold": 25, "medium_threshold": 50, "high_threshold": 80, "high_action": "DeleteMessage"},
}


def _spam(server):
    return server.state()["server"]["spam"]


def test_settings_ladder_only_given_groups_read(server, run_module):
    check = run_module(smartermail_antispam_settings, SETTINGS, check_mode=True)
    assert check["changed"] and server.writes() == 0
    ops = server.counters()["operations"]
    assert set(k for k in ops if ops[k]["reads"]) == {"svcSpamAdmin.GetSPFSettings", "svcSpamAdmin.GetReverseDNSSettings",
                                                      "svcSpamAdmin.GetDKIMSettings",
                                                      "svcSpamAdmin.GetSpamFilteringSettings"}
    assert check["diff"]["before"]["spf"]["fail_weight"] == 10 and check["diff"]["after"]["spf"]["fail_weight"] == 25
    assert check["changes"] == ["set SPF settings (fail_weight, soft_fail_weight)",
                                "set DKIM settings (fail_weight, max_key_size)", "set reverse DNS settings (weight)",
                                "set spam filtering settings (high_action, high_threshold, low_threshold, "
                                "medium_threshold)"]
    real = run_module(smartermail_antispam_settings, SETTINGS)
    assert real["changed"] and server.writes() == 4
    spam = _spam(server)
    assert spam["spf"]["fail_weight"] == 25 and spam["spf"]["perm_error_weight"] == 5  # others kept
    assert spam["dkim"]["max_key_size"] == "Key1536"
    assert spam["filtering"]["high_spam_action"] == "DeleteMessage"
    assert spam["filtering"]["low_spam_prefix"] == "SPAM-LOW: "
    assert run_module(smartermail_antispam_settings, SETTINGS)["changed"] is False
    assert run_module(smartermail_antispam_settings, SETTINGS, check_mode=True)["changed"] is False
    assert server.writes() == 4


def test_every_group_round_trips(server, run_module):
    info = run_module(smartermail_antispam_info, {"include": ["settings"]})
    settings = info["settings"]
    assert sorted(settings) == sorted(GROUP_NAMES)
    assert run_module(smartermail_antispam_settings, settings)["changed"] is False
    changed = dict((g, dict(v)) for g, v in settings.items())
    changed["sa_pattern_matching"].update(high_weight=40, log_level="Detailed")
    changed["remote_spamassassin"].update(filtering=True, client_timeout_seconds=30)
    changed["declude"].update(medium_weight=11)
    changed["message_sniffer"].update(confirmed_weight=33)
    changed["commtouch"].update(bulk_weight=7)
    changed["domainkeys"].update(max_key_size=2048)
    result = run_module(smartermail_antispam_settings, changed)
    assert len(result["changes"]) == 6 and server.writes() == 6
    spam = _spam(server)
    assert spam["sabpm"]["log_level"] == "Detailed" and spam["remote_sa"]["client_timeout_seconds"] == 30
    assert spam["message_sniffer"]["confirmed_weight"] == 33 and spam["domainkeys"]["max_key_size"] == "Key2048"
    assert run_module(smartermail_antispam_settings, changed)["changed"] is False


def test_settings_validated_before_any_call(server, run_module):
    result = run_module(smartermail_antispam_settings, {
        "spf": {"fail_weight": 101}, "remote_spamassassin": {"client_timeout_seconds": 0},
        "filtering": {"low_threshold": 50, "medium_threshold": 40, "high_threshold": 60,
                      "low_action": "AddTextToSubject", "low_prefix": " "}})
    assert result["failed"]
    msg = result["msg"]
    assert "spf.fail_weight must be an integer from -100 to 100, got 101" in msg
    assert "remote_spamassassin.client_timeout_seconds must be an integer from 1 to 300, got 0" in msg
    assert "filtering thresholds must ascend: low_threshold (50) < medium_threshold (40) < high_threshold (60)" in msg
    assert "filtering.low_action AddTextToSubject needs a non-blank low_prefix" in msg
    assert server.requests == []
    # a partial change is checked against the current values too (default high threshold is 60)
    partial = run_module(smartermail_antispam_settings, {"filtering": {"medium_threshold": 70}})
    assert partial["failed"] and "medium_threshold (70) < high_threshold (60)" in partial["msg"]
    assert server.writes() == 0


def test_options_always_write(server, run_module):
    args = dict(auto_responders_level="High", catchall_to_send_bounces=False, content_filter_bounce_level="None",
                disable_filtering_on_whitelisted_ip=False, enable_bounces_for_outgoing_smtp_blocking=True,
                enable_dmarc=True, enable_spool_proc_folder=False, enable_srs=True, max_message_scan_size_kb=4096,
                override_filter_actions=False)
    check = run_module(smartermail_antispam_options, args, check_mode=True)
    assert check["changed"] and server.writes() == 0
    real = run_module(smartermail_antispam_options, args)
    assert real["changed"] and server.writes() == 1
    options = _spam(server)["options"]
    assert options["content_filter_bounce_level"] == "None" and options["max_message_scan_size"] == 4096
    assert options["disable_fitlering_on_whitelisted_ip"] is False
    assert run_module(smartermail_antispam_options, args)["changed"] is True
    bad = run_module(smartermail_antispam_options, dict(args, max_message_scan_size_kb=-1))
    assert bad["failed"] and "options.max_message_scan_size_kb must be an integer of at least 0" in bad["msg"]


def test_wizard_is_an_action(server, run_module):
    check = run_module(smartermail_antispam_wizard, {"level": "High"}, check_mode=True)
    assert check["changed"] and server.writes() == 0 and check["diff"]["before"]["spf"]["fail_weight"] == 10
    real = run_module(smartermail_antispam_wizard, {"level": "High"})
    assert real["changed"] and real["settings"]["spf"]["fail_weight"] == 20
    assert real["diff"]["after"]["reverse_dns"]["weight"] == 20
    assert run_module(smartermail_antispam_wizard, {"level": "High"})["changed"] is True
    assert _spam(server)["wizard_level"] == "High" and server.writes() == 2


def test_info_feeds_back(server, run_module):
    run_module(smartermail_rbl, {"name": "SpamCop", "hostname": "bl.spamcop.net", "weight": 20})
    info = run_module(smartermail_antispam_info, {})
    assert info["changed"] is False and server.writes() == 1
    assert info["rbls"][0]["name"] == "SpamCop" and info["rbls"][0]["filtering"] is True
    uids = [c["uid"] for c in info["spam_checks"]]
    assert uids[0] == "spf" and uids[-1] == "rbl:spamcop"
    assert info["settings"]["dkim"]["max_key_size"] == 2048
    assert run_module(smartermail_rbl, {"rbls": info["rbls"], "purge": True})["changed"] is False
    only = run_module(smartermail_antispam_info, {"include": ["settings"], "groups": ["spf"]})
    assert list(only["settings"]) == ["spf"] and "rbls" not in only
