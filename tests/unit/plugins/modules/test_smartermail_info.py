# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from ansible_collections.mailops.smartermail.plugins.modules import smartermail_info

PARTS = ["product", "hostnames", "ports", "gateways", "incoming_gateways", "ids", "smtp_auth_bypass",
         "blocked_senders", "trusted_senders", "greylisting_filters", "abuse_rules", "autoclean_rules",
         "forwarding_blacklist", "spamassassin_servers", "system_admins", "services", "spool",
         "system_settings"]


def seed(server):
    """A server with one of everything, written straight into the emulator's state."""
    doc = server.state()
    srv = doc["server"]
    srv["product"].update(license_key="ABCDE-12345", edition="Enterprise")
    srv["hostnames"] = [{"ip": "192.0.2.10", "hostname": "mail.example.com"}]
    srv["ip_bindings"] = {"192.0.2.10": ["p-smtp"]}
    srv["ports"] = [{"id": "p-smtp", "protocol": "SMTP", "encryption": "", "certificate_path": "", "name": "SMTP",
                     "port": 25, "description": ""},
                    {"id": "p-imap", "protocol": "IMAP", "encryption": "SSL", "certificate_path": "C:\\c.pfx",
                     "name": "IMAPS", "port": 993, "description": "secure"}]
    srv["gateways"] = [{"guid": "g1", "address": "gw.example.net", "enabled": True, "is_smartermail": True,
                        "sm_url": "https://gw.example.net/", "sm_username": "admin", "sm_password": "Gw-Secret-1"}]
    srv["incoming_gateways"] = [{"guid": "ig1", "gatewayMode": "BackupMX", "IPAddress": "198.51.100.5",
                                 "IPStartRange": "", "IPEndRange": "", "userVerifyType": "None",
                                 "webserviceURL": "", "domainVerifyType": "SpecifiedDomains",
                                 "domainsToForward": ["b.example", "a.example"], "enableSpamActions": True,
                                 "spamLowAction": "None", "spamLowArgs": "", "spamMedAction": "Subject",
                                 "spamMedArgs": "[SPAM]", "spamHighAction": "Delete", "spamHighArgs": "",
                                 "smarterMailMode": True, "smarterMailURL": "https://in.example/",
                                 "authSmarterMailUserName": "admin", "authSmarterMailPassword": "In-Secret-2",
                                 "notSpamAction": "None", "notSpamArgs": ""}]
    srv["ids_blacklist"] = [{"ip": "203.0.113.1", "range_start": "", "range_end": "", "description": "bad",
                             "smtp": True, "pop": False, "imap": True, "xmpp": False}]
    srv["ids_whitelist"] = [{"ip": "", "range_start": "198.51.100.0", "range_end": "198.51.100.255",
                             "description": "office", "smtp": True, "pop": True, "imap": True, "xmpp": False,
                             "greylisting_disabled": True}]
    srv["smtp_auth_bypass"] = [{"ip": "10.0.0.1", "range_start": "", "range_end": "", "description": "relay"}]
    srv["blocked_senders"] = [{"sender": "spammer@bad.example", "description": "spam"}]
    srv["trusted_senders"] = ["partner.example", "boss@partner.example"]
    srv["greylisting_filters"] = [{"type": "Country", "ip": "", "range_start": "", "range_end": "",
                                   "country": "DE", "description": ""}]
    srv["abuse_rules"] = [{"id": "r1", "type": "DOS", "service": "SMTP", "action": "", "time_frame": 10,
                           "occurrences": 5, "time_to_block": 30, "email": "", "description": "dos"}]
    srv["autoclean_rules"] = [{"id": "a1", "folder": "Junk E-Mail", "enabled": True, "type": "Size",
                               "size_before_mb": 100, "size_after_mb": 50, "age_days": 0}]
    srv["forwarding_blacklist"] = ["evil.example"]
    srv["spamassassin_servers"] = [{"name": "sa1", "ip": "192.0.2.40", "port": 783, "consecutive_failures": 0,
                                    "enabled": True, "total_connections": 0}]
    srv["system_admins"].append({"username": "ops", "password": "Ops-Secret-3", "primary": False,
                                 "description": "operations", "ip_restrictions": [{"value": "10.0.0.1",
                                                                                   "description": ""}]})
    srv["services"] = {"smtp": False, "pop": True, "imap": True, "spool": True}
    srv["spool_message_count"] = 4
    srv["system_settings"] = {"SmtpBanner": "Hello"}
    server.emulator.reset(doc)


def test_everything_in_check_mode_reads_only(server, run_module):
    seed(server)
    result = run_module(smartermail_info, {"system_settings_keys": ["smtpbanner", "GreylistingEnabled"]},
                        check_mode=True)
    assert result["changed"] is False and server.writes() == 0
    assert result["gathered"] == PARTS
    assert result["product"] == {"name": "SmarterMail", "version": "16.3.6989", "edition": "ENT",
                                 "license_key_set": True}
    assert result["hostnames"] == [{"hostname": "mail.example.com", "ip_address": "192.0.2.10"}]
    assert [p["port"] for p in result["ports"]] == [25, 993]
    assert result["ip_bindings"] == [{"ip_address": "192.0.2.10", "ports": [25]}]
    assert result["gateways"] == [{"guid": "g1", "address": "gw.example.net", "enabled": True, "smartermail": True,
                                   "smartermail_url": "https://gw.example.net/", "smartermail_username": "admin"}]
    incoming = result["incoming_gateways"][0]
    assert incoming["domains_to_forward"] == ["a.example", "b.example"] and incoming["spam_medium_args"] == "[SPAM]"
    assert incoming["smartermail_mode"] is True
    assert result["ids"]["blacklist"][0]["ip_address"] == "203.0.113.1"
    assert result["ids"]["whitelist"][0]["disable_greylisting"] is True
    assert result["smtp_auth_bypass"] == [{"ip_address": "10.0.0.1", "ip_range_start": "", "ip_range_end": "",
                                           "description": "relay"}]
    assert result["blocked_senders"] == [{"sender": "spammer@bad.example", "description": "spam"}]
    assert result["trusted_senders"] == ["boss@partner.example", "partner.example"]
    assert result["greylisting_filters"][0]["country_code"] == "DE"
    assert result["abuse_rules"][0]["occurrences_before_trigger"] == 5
    assert result["abuse_rules"][0]["type"] == "DOS"
    assert result["autoclean_rules"][0]["size_before_clean_mb"] == 100
    assert result["forwarding_blacklist"] == ["evil.example"]
    assert result["spamassassin_servers"] == [{"name": "sa1", "ip_address": "192.0.2.40", "port": 783,
                                               "enabled": True}]
    assert [(a["name"], a["primary"], a["restricted_by_ip"]) for a in result["system_admins"]] == [
        ("admin", True, False), ("ops", False, True)]
    assert {"name": "smtp", "running": False, "thread_count": 0} in result["services"]
    assert [x["name"] for x in result["services"]] == ["imap", "pop", "smtp", "spool"]
    assert result["server_status"]["spool_message_count"] == 4
    assert result["spool"] == {"message_count": 4}
    assert result["system_settings"] == {"SmtpBanner": "Hello", "GreylistingEnabled": "False"}
    text = str(result)
    for secret in ("Gw-Secret-1", "In-Secret-2", "Ops-Secret-3", "ABCDE-12345"):
        assert secret not in text


def test_gather_pays_only_for_what_is_asked(server, run_module):
    result = run_module(smartermail_info, {"gather": ["trusted_senders", "system_admins"]})
    assert result["gathered"] == ["trusted_senders", "system_admins"]
    assert "product" not in result and "ports" not in result
    ops = server.counters()["operations"]
    assert sorted(ops) == ["svcServerAdmin.GetGlobalTrustedSenders", "svcServerAdmin.ListSystemAdmins"]
    assert server.writes() == 0


def test_ports_with_explicit_ips(server, run_module):
    result = run_module(smartermail_info, {"gather": ["ports"], "port_ip_addresses": ["192.0.2.1", "192.0.2.1"]})
    assert len(result["ports"]) == 8
    assert result["ip_bindings"] == [{"ip_address": "192.0.2.1", "ports": []}]
    assert "hostnames" not in result
    assert "svcServerAdmin.ListHostnames" not in server.counters()["operations"]


def test_all_system_settings_by_default(server, run_module):
    result = run_module(smartermail_info, {"gather": ["system_settings"]})
    assert len(result["system_settings"]) == 164 and result["system_settings"]["AdminUsername"] == "admin"


def test_failure_names_host_service_and_operation(server, run_module):
    server.emulator.faults.add({"service": "svcServerAdmin", "operation": "GetBlacklistEntries",
                                "fault": "result_false", "message": "boom"})
    result = run_module(smartermail_info, {"gather": ["ids"]})
    assert result["failed"]
    assert "svcServerAdmin.GetBlacklistEntries" in result["msg"] and "smartermail.unit.test" in result["msg"]
    assert result["operation"] == "GetBlacklistEntries"


def test_bad_setting_key_fails_cleanly(server, run_module):
    result = run_module(smartermail_info, {"gather": ["system_settings"], "system_settings_keys": ["Nope"]})
    assert result["failed"] and "GetRequestedSystemSettings" in result["msg"] and "Nope" in result["msg"]


def _shape(value):
    """The keys of a returned value, one level down: a dict's, or its first element's."""
    if isinstance(value, list):
        value = value[0] if value else None
    return sorted(value) if isinstance(value, dict) else None


def test_return_documentation_matches_what_is_returned(server, run_module):
    """Every key a RETURN sample shows (a dict, or a list of dicts) is one the module returns (a
    sample may leave keys out for brevity)."""
    import yaml

    seed(server)
    result = run_module(smartermail_info, {}, check_mode=True)
    documented = yaml.safe_load(smartermail_info.RETURN)
    mismatches = []
    for key, doc in documented.items():
        if key not in result or "sample" not in doc:
            continue
        want, got = _shape(doc["sample"]), _shape(result[key])
        if want is not None and got is not None and not set(want) <= set(got):
            mismatches.append("%s: documented %s, not returned" % (key, sorted(set(want) - set(got))))
    assert not mismatches, mismatches
