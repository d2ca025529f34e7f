# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcServerAdmin through zeep against the running emulator: every operation, state and rules."""

from __future__ import annotations

from emu_helpers import add_domain, arr, assert_fail, assert_ok, ops_called_in, strings

from mailops_emulator import results

SVC = "svcServerAdmin"
INVALID, NOT_FOUND, EXISTS = results.INVALID_INPUT, results.NOT_FOUND, results.ALREADY_EXISTS


def items(value, name):
    """Items of an object array in a zeep result ({'Type': [...]} or None)."""
    if not value:
        return []
    # an empty string travels as <X /> which zeep reads as None
    return [{k: ("" if v is None else v) for k, v in item.items()} for item in value.get(name) or []]


def raw(soap, operation, **params):
    """Call without Soap.call's helper arguments (``service`` is a parameter name here)."""
    from emu_helpers import ADMIN_PASSWORD, ADMIN_USER
    from zeep.helpers import serialize_object

    params.setdefault("authUsername", ADMIN_USER)
    params.setdefault("authPassword", ADMIN_PASSWORD)
    return serialize_object(getattr(soap.proxy(SVC), operation)(**params), dict)


def server(emu):
    return emu.state()["server"]


def test_hostnames(soap, emu):
    assert items(soap(SVC, "ListHostnames")["Hostnames"], "HostnameResult") == []
    assert_ok(soap(SVC, "AddHostname", hostname="mail.example.com", ipAddress="192.0.2.10"))
    assert_fail(soap(SVC, "AddHostname", hostname="mx.example.com", ipAddress="192.0.2.10"), EXISTS)
    assert_fail(soap(SVC, "AddHostname", hostname="bad host", ipAddress="192.0.2.11"), INVALID)
    assert_fail(soap(SVC, "AddHostname", hostname="mx.example.com", ipAddress="999.1.1.1"), INVALID)
    assert server(emu)["hostnames"] == [{"ip": "192.0.2.10", "hostname": "mail.example.com"}]
    got = items(soap(SVC, "ListHostnames")["Hostnames"], "HostnameResult")
    assert got == [{"IPAddress": "192.0.2.10", "Hostname": "mail.example.com"}]
    assert_fail(soap(SVC, "DeleteHostname", ipAddress="192.0.2.99"), NOT_FOUND)
    assert_ok(soap(SVC, "DeleteHostname", ipAddress="192.0.2.10"))
    assert server(emu)["hostnames"] == []


def test_ports_and_ip_bindings(soap, emu):
    ports = items(soap(SVC, "ListServerPorts")["Ports"], "ServerPortResult")
    assert {p["Port"] for p in ports} == {25, 465, 587, 110, 995, 143, 993, 389}
    assert_fail(soap(SVC, "AddServerPort", protocol="FTP", certificatePath="", encryption="", name="x", port=21,
                     description=""), INVALID)
    assert_fail(soap(SVC, "AddServerPort", protocol="SMTP", certificatePath="", encryption="", name="x", port=25,
                     description=""), EXISTS)
    assert_fail(soap(SVC, "AddServerPort", protocol="SMTP", certificatePath="", encryption="SSH", name="x",
                     port=2525, description=""), INVALID)
    added = assert_ok(soap(SVC, "AddServerPort", protocol="smtp", certificatePath="C:\\cert.pfx", encryption="tls",
                           name="Alt SMTP", port=2525, description="alternate"))
    new_id = added["NewID"]
    stored = [p for p in server(emu)["ports"] if p["id"] == new_id][0]
    assert (stored["protocol"], stored["encryption"], stored["port"]) == ("SMTP", "TLS", 2525)
    assert_fail(soap(SVC, "AssignPortToIP", portID="no-such-port", ipAddress="192.0.2.1"), NOT_FOUND)
    assert_ok(soap(SVC, "AssignPortToIP", portID=new_id, ipAddress="192.0.2.1"))
    assert_fail(soap(SVC, "AssignPortToIP", portID=new_id, ipAddress="192.0.2.1"), EXISTS)
    assert server(emu)["ip_bindings"] == {"192.0.2.1": [new_id]}
    bound = items(soap(SVC, "ListPortsAssignedToIP", ipAddress="192.0.2.1")["Ports"], "ServerPortResult")
    assert [(p["ID"], p["Port"], p["Name"]) for p in bound] == [(new_id, 2525, "Alt SMTP")]
    assert items(soap(SVC, "ListPortsAssignedToIP", ipAddress="192.0.2.2")["Ports"], "ServerPortResult") == []
    assert_ok(soap(SVC, "RemovePortFromIP", portID=new_id, ipAddress="192.0.2.1"))
    assert_fail(soap(SVC, "RemovePortFromIP", portID=new_id, ipAddress="192.0.2.1"), NOT_FOUND)
    assert_ok(soap(SVC, "AssignPortToIP", portID=new_id, ipAddress="192.0.2.3"))
    assert_ok(soap(SVC, "DeleteServerPort", portId=new_id))
    assert server(emu)["ip_bindings"] == {}
    assert new_id not in [p["id"] for p in server(emu)["ports"]]
    assert_fail(soap(SVC, "DeleteServerPort", portId=new_id), NOT_FOUND)


def test_outgoing_gateways(soap, emu):
    assert_ok(soap(SVC, "AddGateway", address="192.0.2.25", enabled=True))
    assert_fail(soap(SVC, "AddGateway", address="192.0.2.25", enabled=False), EXISTS)
    assert_fail(soap(SVC, "AddSmarterMailGateway", address="gw.example.net", enabled=True, smUrl="ftp://x",
                     smUserName="a", smPassword="b"), INVALID)
    assert_ok(soap(SVC, "AddSmarterMailGateway", address="gw.example.net", enabled=False,
                   smUrl="https://gw.example.net/", smUserName="admin", smPassword="gw-pw"))
    gws = items(soap(SVC, "ListGateways")["gateways"], "GatewayResult")
    assert [(g["gatewayAddress"], g["enabled"], g["isSmarterMailServer"]) for g in gws] == [
        ("192.0.2.25", True, False), ("gw.example.net", False, True)]
    sm = gws[1]
    got = assert_ok(soap(SVC, "GetGateway", guid=sm["guid"]))
    assert (got["smUrl"], got["smUserName"], got["smPassword"]) == ("https://gw.example.net/", "admin", "gw-pw")
    assert_fail(soap(SVC, "GetGateway", guid="00000000-0000-0000-0000-000000000000"), NOT_FOUND)
    assert_fail(soap(SVC, "UpdateGateway", guid=gws[0]["guid"], address="192.0.2.26", enabled=True,
                     isSmarterMailServer=True, smUrl="", smUserName="", smPassword=""), INVALID)
    assert_ok(soap(SVC, "UpdateGateway", guid=gws[0]["guid"], address="192.0.2.26", enabled=False,
                   isSmarterMailServer=False, smUrl="", smUserName="", smPassword=""))
    stored = server(emu)["gateways"][0]
    assert (stored["address"], stored["enabled"]) == ("192.0.2.26", False)
    assert_ok(soap(SVC, "RemoveGateway", guid=gws[0]["guid"]))
    assert_fail(soap(SVC, "RemoveGateway", guid=gws[0]["guid"]), NOT_FOUND)
    assert [g["address"] for g in server(emu)["gateways"]] == ["gw.example.net"]


def _incoming(**kw):
    attrs = dict(guid="", gatewayMode="BackupMX", IPAddress="198.51.100.5", IPStartRange="", IPEndRange="",
                 userVerifyType="None", webserviceURL="", domainVerifyType="SpecifiedDomains",
                 domainsToForward=arr("example.com"), enableSpamActions=True, spamLowAction="None", spamLowArgs="",
                 spamMedAction="Subject", spamMedArgs="[SPAM]", spamHighAction="Delete", spamHighArgs="",
                 smarterMailMode=False, smarterMailURL="", authSmarterMailUserName="", authSmarterMailPassword="",
                 notSpamAction="None", notSpamArgs="")
    attrs.update(kw)
    return attrs


def test_incoming_gateways(soap, emu):
    assert_ok(soap(SVC, "AddIncomingGateway", newIncomingGateway=_incoming()))
    assert_fail(soap(SVC, "AddIncomingGateway", newIncomingGateway=_incoming()), EXISTS)
    assert_fail(soap(SVC, "AddIncomingGateway", newIncomingGateway=_incoming(IPAddress="198.51.100.6",
                     IPStartRange="198.51.100.1", IPEndRange="198.51.100.9")), INVALID, "not both")
    assert_fail(soap(SVC, "AddIncomingGateway", newIncomingGateway=_incoming(IPAddress="198.51.100.7",
                     gatewayMode="Relay")), INVALID)
    assert_fail(soap(SVC, "AddIncomingGateway", newIncomingGateway=_incoming(IPAddress="198.51.100.7",
                     userVerifyType="WebService")), INVALID, "webserviceURL")
    gws = items(soap(SVC, "ListIncomingGateways")["incGateways"], "IncomingGatewayAttributes")
    assert len(gws) == 1 and gws[0]["spamMedArgs"] == "[SPAM]" and strings(gws[0]["domainsToForward"]) == [
        "example.com"]
    guid = gws[0]["guid"]
    got = assert_ok(soap(SVC, "GetIncomingGateway", guid=guid))["gateway"]
    assert (got["IPAddress"], got["gatewayMode"], got["spamHighAction"]) == ("198.51.100.5", "BackupMX", "Delete")
    assert_ok(soap(SVC, "UpdateIncomingGateway", guid=guid, updatedIncomingGateway=_incoming(
        IPAddress="", IPStartRange="198.51.100.16", IPEndRange="198.51.100.31", gatewayMode="DomainForward")))
    stored = server(emu)["incoming_gateways"][0]
    want = (guid, "DomainForward", "198.51.100.16")
    assert (stored["guid"], stored["gatewayMode"], stored["IPStartRange"]) == want
    assert_fail(soap(SVC, "GetIncomingGateway", guid="nope"), NOT_FOUND)
    assert_ok(soap(SVC, "RemoveIncomingGateway", guid=guid))
    assert server(emu)["incoming_gateways"] == []
    assert_fail(soap(SVC, "RemoveIncomingGateway", guid=guid), NOT_FOUND)


def test_ids_blacklist(soap, emu):
    base = dict(ipAddress="", ipRangeStart="", ipRangeEnd="", blacklistSMTP=True, blacklistPOP=False,
                blacklistIMAP=True, blacklistXMPP=False, description="bad")
    assert_fail(soap(SVC, "SetBlacklistEntry", **{**base, "ipAddress": "203.0.113.1", "ipRangeStart": "203.0.113.1",
                                                  "ipRangeEnd": "203.0.113.9"}), INVALID, "not both")
    assert_fail(soap(SVC, "SetBlacklistEntry", **base), INVALID)
    assert_fail(soap(SVC, "SetBlacklistEntry", **{**base, "ipRangeStart": "203.0.113.9",
                                                  "ipRangeEnd": "203.0.113.1"}), INVALID)
    assert_ok(soap(SVC, "SetBlacklistEntry", **{**base, "ipAddress": "203.0.113.1"}))
    assert_ok(soap(SVC, "SetBlacklistEntry", **{**base, "ipRangeStart": "203.0.113.16", "ipRangeEnd": "203.0.113.31"}))
    # edit: same key, other protocols
    assert_ok(soap(SVC, "SetBlacklistEntry", **{**base, "ipAddress": "203.0.113.1", "blacklistSMTP": False,
                                                "blacklistXMPP": True, "description": "edited"}))
    entries = items(soap(SVC, "GetBlacklistEntries")["Entries"], "BlacklistResult")
    assert len(entries) == 2
    first = entries[0]
    assert (first["IPAddress"], first["SMTPBlacklisted"], first["IMAPBlacklisted"], first["XMPPBlacklisted"],
            first["Description"]) == ("203.0.113.1", False, True, True, "edited")
    # all protocols false removes
    off = {**base, "blacklistSMTP": False, "blacklistIMAP": False}
    assert_ok(soap(SVC, "SetBlacklistEntry", **{**off, "ipAddress": "203.0.113.1"}))
    assert_fail(soap(SVC, "SetBlacklistEntry", **{**off, "ipAddress": "203.0.113.1"}), NOT_FOUND)
    assert [(e["range_start"], e["range_end"]) for e in server(emu)["ids_blacklist"]] == [
        ("203.0.113.16", "203.0.113.31")]


def test_ids_whitelist_new_and_obsolete(soap, emu):
    base = dict(ipAddress="198.51.100.1", ipRangeStart="", ipRangeEnd="", whitelistSMTP=True, whitelistPOP=False,
                whitelistIMAP=False, description="partner")
    assert_ok(soap(SVC, "SetWhitelistEntry2", **base, whitelistXMPP=True, disableGreylisting=True))
    # the obsolete setter edits SMTP/POP/IMAP and keeps XMPP + greylisting
    assert_ok(soap(SVC, "SetWhitelistEntry", **{**base, "whitelistPOP": True}))
    entry = server(emu)["ids_whitelist"][0]
    assert (entry["smtp"], entry["pop"], entry["xmpp"], entry["greylisting_disabled"]) == (True, True, True, True)
    new = items(soap(SVC, "GetWhitelistEntries2")["Entries"], "WhitelistResult2")
    assert (new[0]["XMPPWhitelisted"], new[0]["GreylistingDisabled"], new[0]["POPWhitelisted"]) == (True, True, True)
    old = items(soap(SVC, "GetWhitelistEntries")["Entries"], "WhitelistResult")
    assert old[0]["IPAddress"] == "198.51.100.1" and "XMPPWhitelisted" not in old[0]
    both = {**base, "ipRangeStart": "198.51.100.1", "ipRangeEnd": "198.51.100.2"}
    assert_fail(soap(SVC, "SetWhitelistEntry2", **both, whitelistXMPP=False, disableGreylisting=False), INVALID,
                "not both")
    assert_ok(soap(SVC, "SetWhitelistEntry2", **{**base, "whitelistSMTP": False}, whitelistXMPP=False,
                   disableGreylisting=True))
    assert server(emu)["ids_whitelist"] == []


def test_smtp_auth_bypass(soap, emu):
    assert_fail(soap(SVC, "AddSmtpAuthenticationBypass", ipAddress="10.0.0.1", ipRangeStart="10.0.0.1",
                     ipRangeEnd="10.0.0.5", description=""), INVALID, "not both")
    assert_ok(soap(SVC, "AddSmtpAuthenticationBypass", ipAddress="10.0.0.1", ipRangeStart="", ipRangeEnd="",
                   description="relay host"))
    assert_ok(soap(SVC, "AddSmtpAuthenticationBypass", ipAddress="", ipRangeStart="10.1.0.0",
                   ipRangeEnd="10.1.0.255", description="office"))
    assert_fail(soap(SVC, "AddSmtpAuthenticationBypass", ipAddress="10.0.0.1", ipRangeStart="", ipRangeEnd="",
                     description=""), EXISTS)
    got = items(soap(SVC, "GetSmtpAuthenticationBypasses")["Entries"], "SMTPAuthBypassResult")
    assert [(g["IPAddress"], g["IPRangeStart"], g["Description"]) for g in got] == [
        ("10.0.0.1", "", "relay host"), ("", "10.1.0.0", "office")]
    assert_fail(soap(SVC, "DeleteSmtpAuthenticationBypass", ipAddress="10.0.0.2", ipRangeStart="", ipRangeEnd=""),
                NOT_FOUND)
    assert_ok(soap(SVC, "DeleteSmtpAuthenticationBypass", ipAddress="", ipRangeStart="10.1.0.0",
                   ipRangeEnd="10.1.0.255"))
    assert [r["ip"] for r in server(emu)["smtp_auth_bypass"]] == ["10.0.0.1"]


def test_blocked_and_trusted_senders(soap, emu):
    assert_ok(soap(SVC, "AddSMTPBlockedSender", blockedSender="Spammer@Bad.example", description="spam"))
    assert_ok(soap(SVC, "AddSMTPBlockedSender", blockedSender="bad.example", description=""))
    assert_fail(soap(SVC, "AddSMTPBlockedSender", blockedSender="spammer@bad.example", description=""), EXISTS)
    assert_fail(soap(SVC, "AddSMTPBlockedSender", blockedSender="not valid", description=""), INVALID)
    got = items(soap(SVC, "GetSMTPBlockedSenders")["SMTPBlockedSenders"], "SMTPBlockedSenderResult")
    assert [g["BlockedSender"] for g in got] == ["spammer@bad.example", "bad.example"]
    assert_ok(soap(SVC, "AddGlobalTrustedSender", addressOrDomain="partner.example"))
    assert_ok(soap(SVC, "AddGlobalTrustedSender", addressOrDomain="boss@partner.example"))
    assert_fail(soap(SVC, "AddGlobalTrustedSender", addressOrDomain="partner.example"), EXISTS)
    trusted = strings(soap(SVC, "GetGlobalTrustedSenders")["TrustedSenders"])
    assert trusted == ["partner.example", "boss@partner.example"]
    assert_ok(soap(SVC, "DeleteGlobalTrustedSender", addressOrDomain="partner.example"))
    assert_fail(soap(SVC, "DeleteGlobalTrustedSender", addressOrDomain="partner.example"), NOT_FOUND)
    assert server(emu)["trusted_senders"] == ["boss@partner.example"]


def test_greylisting_filters(soap, emu):
    blank = dict(ipRangeStart="", ipRangeEnd="", ipAddress="", countryCode="")
    assert_ok(soap(SVC, "AddGreylistingFilter", **{**blank, "filterType": "Country", "countryCode": "de"},
                   description="germany"))
    assert_ok(soap(SVC, "AddGreylistingFilter", **{**blank, "filterType": "IPAddress", "ipAddress": "192.0.2.7"},
                   description=""))
    assert_ok(soap(SVC, "AddGreylistingFilter", **{**blank, "filterType": "IPRange", "ipRangeStart": "192.0.2.8",
                                                   "ipRangeEnd": "192.0.2.15"}, description=""))
    assert_fail(soap(SVC, "AddGreylistingFilter", **{**blank, "filterType": "Country", "countryCode": "DE"},
                     description=""), EXISTS)
    assert_fail(soap(SVC, "AddGreylistingFilter", **{**blank, "filterType": "IPAddress"}, description=""), INVALID)
    assert_fail(soap(SVC, "AddGreylistingFilter", **{**blank, "filterType": "ASN"}, description=""), INVALID)
    got = items(soap(SVC, "ListGreylistingFilters")["Filters"], "GreylistingFilterResult")
    assert [(f["FilterType"], f["CountryCode"], f["IPAddress"], f["IPRangeEnd"]) for f in got] == [
        ("Country", "DE", "", ""), ("IPAddress", "", "192.0.2.7", ""), ("IPRange", "", "", "192.0.2.15")]
    assert_ok(soap(SVC, "DeleteGreylistingFilter", **{**blank, "filterType": "Country", "countryCode": "DE"}))
    assert_fail(soap(SVC, "DeleteGreylistingFilter", **{**blank, "filterType": "Country", "countryCode": "DE"}),
                NOT_FOUND)
    assert [f["type"] for f in server(emu)["greylisting_filters"]] == ["IPAddress", "IPRange"]


def test_abuse_detection_rules_and_obsolete_views(soap, emu):
    add = dict(service="", action="", timeFrame=10, occurencesBeforeTrigger=5, timeToBlock=30,
               emailAddressToNotify="", description="")
    assert_fail(raw(soap, "AddAbuseDetectionRule", abuseDetectionType="Flood", **add), INVALID)
    assert_fail(raw(soap, "AddAbuseDetectionRule", abuseDetectionType="DOS", **add), INVALID, "service")
    assert_fail(raw(soap, "AddAbuseDetectionRule", abuseDetectionType="InternalSpammer", **add), INVALID,
                "emailAddressToNotify")
    assert_ok(raw(soap, "AddAbuseDetectionRule", abuseDetectionType="dos",
                  **{**add, "service": "smtp", "description": "smtp dos"}))
    assert_ok(raw(soap, "AddAbuseDetectionRule", abuseDetectionType="BruteForce", **{**add, "service": "IMAP"}))
    assert_ok(raw(soap, "AddAbuseDetectionRule", abuseDetectionType="Bounces",
                  **{**add, "action": "Block", "emailAddressToNotify": "abuse@example.com"}))
    assert_ok(raw(soap, "AddDOSAbuseDetectionRule", service="POP", timeframe=2, connectionsBeforeBlock=50,
                  timeToBlock=10, description="pop dos"))
    assert_ok(soap(SVC, "AddHarvestingAbuseDetectionRule", timeframe=30, badSessionsBeforeBlock=3, timeToBlock=60,
                   description="harvest"))
    assert_ok(soap(SVC, "AddInternalSpammerNotificationAbuseDetectionRule", timeframe=60, messagesBeforeNotify=500,
                   emailAddressToNotify="postmaster@example.com", description="spammer"))
    rules = items(soap(SVC, "GetAbuseDetectionRules", filter="ALL")["Rules"], "AbuseDetectionRuleResult")
    assert len(rules) == 6
    dos = items(soap(SVC, "GetAbuseDetectionRules", filter="DOS")["Rules"], "AbuseDetectionRuleResult")
    assert [(r["Service"], r["OccurencesBeforeTrigger"]) for r in dos] == [("SMTP", 5), ("POP", 50)]
    assert_fail(soap(SVC, "GetAbuseDetectionRules", filter="Nope"), INVALID)
    old_dos = items(soap(SVC, "GetDOSAbuseDetectionRules")["Rules"], "DOSAbuseDetectionRuleResult")
    assert [(r["Service"], r["ConnectionsBeforeBlock"], r["Description"]) for r in old_dos] == [
        ("SMTP", 5, "smtp dos"), ("POP", 50, "pop dos")]
    brute = items(soap(SVC, "GetBruteForceAbuseDetectionRules")["Rules"], "BruteForceAbuseDetectionRuleResult")
    assert [(r["Service"], r["FailuresBeforeBlock"]) for r in brute] == [("IMAP", 5)]
    harvest = items(soap(SVC, "GetHarvestingAbuseDetectionRules")["Rules"], "HarvestingAbuseDetectionRuleResult")
    assert [(r["BadSessionsBeforeBlock"], r["TimeToBlock"]) for r in harvest] == [(3, 60)]
    spam = items(soap(SVC, "GetInternalSpammerNotificationAbuseDetectionRules")["Rules"],
                 "InternalSpammerNotificationAbuseDetectionRuleResult")
    assert [(r["MessagesBeforeNotify"], r["EmailAddressToNotify"]) for r in spam] == [(500, "postmaster@example.com")]
    bounces = items(soap(SVC, "GetBouncesAbuseDetectionRules")["Rules"], "BouncesAbuseDetectionRuleResult")
    assert [(r["Action"], r["BounceThreshold"]) for r in bounces] == [("Block", 5)]
    rule_id = bounces[0]["UniqueID"]
    assert_ok(soap(SVC, "UpdateAbuseDetectionRule", id=rule_id, action="NotifyOnly", timeFrame=20,
                   occurencesBeforeTrigger=9, timeToBlock=0, emailAddressToNotify="ops@example.com",
                   description="updated"))
    stored = [r for r in server(emu)["abuse_rules"] if r["id"] == rule_id][0]
    assert (stored["type"], stored["action"], stored["occurrences"], stored["email"]) == (
        "Bounces", "NotifyOnly", 9, "ops@example.com")
    assert_fail(soap(SVC, "UpdateAbuseDetectionRule", id=rule_id, action="Explode", timeFrame=20,
                     occurencesBeforeTrigger=9, timeToBlock=0, emailAddressToNotify="ops@example.com",
                     description=""), INVALID)
    assert_ok(soap(SVC, "DeleteAbuseDetectionRule", id=rule_id))
    assert_fail(soap(SVC, "DeleteAbuseDetectionRule", id=rule_id), NOT_FOUND)
    assert len(server(emu)["abuse_rules"]) == 5


def test_folder_autoclean_rules(soap, emu):
    base = dict(folder="Junk E-Mail", enableRule=True, type="Size", sizeBeforeAutoClean=100, sizeAfterClean=50,
                mailAgeInDays=0)
    assert_fail(soap(SVC, "AddFolderAutocleanRule", **{**base, "sizeAfterClean": 200}), INVALID)
    assert_fail(soap(SVC, "AddFolderAutocleanRule", **{**base, "type": "Weekly"}), INVALID)
    assert_ok(soap(SVC, "AddFolderAutocleanRule", **base))
    assert_fail(soap(SVC, "AddFolderAutocleanRule", **base), EXISTS)
    assert_fail(soap(SVC, "AddFolderAutocleanRule", **{**base, "type": "Date"}), INVALID, "mailAgeInDays")
    assert_ok(soap(SVC, "AddFolderAutocleanRule", **{**base, "type": "Date", "mailAgeInDays": 30,
                                                     "enableRule": False}))
    rules = items(soap(SVC, "ListFolderAutoCleanRules")["Rules"], "FolderAutoCleanRuleResult")
    assert [(r["Type"], r["Enabled"], r["SizeBeforeCleanInMB"], r["MailAgeInDays"]) for r in rules] == [
        ("Size", True, 100, 0), ("Date", False, 0, 30)]
    assert_ok(soap(SVC, "DeleteFolderAutoCleanRule", id=rules[0]["ID"]))
    assert_fail(soap(SVC, "DeleteFolderAutoCleanRule", id=rules[0]["ID"]), NOT_FOUND)
    assert [r["type"] for r in server(emu)["autoclean_rules"]] == ["Date"]


def test_reserved_domain_names_carry_no_names(soap, emu):
    before = server(emu).get("reserved_domains")
    for op in ("AddReservedDomainNames", "RemoveReservedDomainNames", "SetReservedDomainNames"):
        assert_fail(soap(SVC, op), INVALID, "No domain names were supplied")
    assert server(emu).get("reserved_domains") == before
    assert_ok(soap(SVC, "GetReservedDomainNames"))


def test_forwarding_blacklist(soap, emu):
    assert_ok(soap(SVC, "AddForwardingBlacklistEntry", domainName="Evil.example"))
    assert_fail(soap(SVC, "AddForwardingBlacklistEntry", domainName="evil.example"), EXISTS)
    assert_fail(soap(SVC, "AddForwardingBlacklistEntry", domainName="not a domain"), INVALID)
    assert strings(soap(SVC, "ListForwardingBlacklistEntries")["BlacklistedDomains"]) == ["evil.example"]
    assert_ok(soap(SVC, "DeleteForwardingBlacklistEntry", domainName="evil.example"))
    assert_fail(soap(SVC, "DeleteForwardingBlacklistEntry", domainName="evil.example"), NOT_FOUND)
    assert server(emu)["forwarding_blacklist"] == []


def test_spamassassin_servers(soap, emu):
    assert_ok(soap(SVC, "AddSpamAssassinServer", serverName="sa1", ipAddress="192.0.2.40", serverPort=783))
    assert_fail(soap(SVC, "AddSpamAssassinServer", serverName="SA1", ipAddress="192.0.2.41", serverPort=783), EXISTS)
    assert_fail(soap(SVC, "AddSpamAssassinServer", serverName="sa2", ipAddress="192.0.2.41", serverPort=0), INVALID)
    got = items(soap(SVC, "ListSpamAssassinServers")["Servers"], "SpamAssassinServerResult")
    assert [(s["Name"], s["IPAddress"], s["Port"], s["Enabled"]) for s in got] == [("sa1", "192.0.2.40", 783, True)]
    assert_ok(soap(SVC, "DeleteSpamAssassinServer", serverName="sa1"))
    assert_fail(soap(SVC, "DeleteSpamAssassinServer", serverName="sa1"), NOT_FOUND)
    assert server(emu)["spamassassin_servers"] == []


def test_system_admins(soap, emu):
    assert_ok(soap(SVC, "AddSystemAdmin", newAdminUsername="ops", newAdminPassword="Ops-Pw-1",
                   newAdminDescription="operations"))
    assert_fail(soap(SVC, "AddSystemAdmin", newAdminUsername="OPS", newAdminPassword="x", newAdminDescription=""),
                EXISTS)
    assert_fail(soap(SVC, "AddSystemAdmin", newAdminUsername="a@b.example", newAdminPassword="x",
                     newAdminDescription=""), INVALID)
    assert_fail(soap(SVC, "AddSystemAdmin", newAdminUsername="nopw", newAdminPassword="", newAdminDescription=""),
                INVALID)
    admins = items(soap(SVC, "ListSystemAdmins")["Admins"], "SystemAdminResult")
    assert [(a["Username"], a["IsPrimaryAdmin"], a["Description"]) for a in admins] == [
        ("admin", True, ""), ("ops", False, "operations")]
    assert "Password" not in admins[1]
    # the new admin can log in; a new password takes effect
    assert_ok(soap(SVC, "ListHostnames", user="ops", password="Ops-Pw-1"))
    assert_ok(soap(SVC, "SetSystemAdminPassword", systemAdminUsername="ops", newPassword="Ops-Pw-2"))
    assert_fail(soap(SVC, "ListHostnames", user="ops", password="Ops-Pw-1"), results.LOGIN_FAILED)
    assert_fail(soap(SVC, "SetSystemAdminPassword", systemAdminUsername="ghost", newPassword="x"), NOT_FOUND)
    # IP restrictions
    assert_ok(soap(SVC, "AddIPRestrictionToSystemAdmin", adminUsername="ops", ipAddressOrRange="10.0.0.0-10.0.0.255",
                   restrictionDescription="office"))
    assert_fail(soap(SVC, "AddIPRestrictionToSystemAdmin", adminUsername="ops",
                     ipAddressOrRange="10.0.0.0-10.0.0.255", restrictionDescription=""), EXISTS)
    assert_fail(soap(SVC, "AddIPRestrictionToSystemAdmin", adminUsername="ops", ipAddressOrRange="10.0.0.9-10.0.0.1",
                     restrictionDescription=""), INVALID)
    admins = items(soap(SVC, "ListSystemAdmins")["Admins"], "SystemAdminResult")
    assert admins[1]["RestrictedByIp"] is True
    ops = [a for a in server(emu)["system_admins"] if a["username"] == "ops"][0]
    assert ops["ip_restrictions"] == [{"value": "10.0.0.0-10.0.0.255", "description": "office"}]
    assert_ok(soap(SVC, "RemoveIPRestrictionFromSystemAdmin", adminUsername="ops",
                   ipAddressOrRange="10.0.0.0-10.0.0.255"))
    assert_fail(soap(SVC, "RemoveIPRestrictionFromSystemAdmin", adminUsername="ops", ipAddressOrRange="10.0.0.1"),
                NOT_FOUND)
    assert_fail(soap(SVC, "DeleteSystemAdmin", systemAdminUsername="admin"), results.CONFLICT, "primary")
    assert_ok(soap(SVC, "DeleteSystemAdmin", systemAdminUsername="ops"))
    assert_fail(soap(SVC, "DeleteSystemAdmin", systemAdminUsername="ops"), NOT_FOUND)
    assert [a["username"] for a in server(emu)["system_admins"]] == ["admin"]


def test_requested_system_settings(soap, emu):
    got = strings(soap(SVC, "GetRequestedSystemSettings", reqSettings=arr("smtpbanner", "GreylistingEnabled",
                                                                          "AdminUsername"))["KeyValuePairs"])
    assert got == ["SmtpBanner=SmarterMail", "GreylistingEnabled=False", "AdminUsername=admin"]
    assert len(strings(soap(SVC, "GetRequestedSystemSettings", reqSettings=arr())["KeyValuePairs"])) == 164
    assert_fail(soap(SVC, "GetRequestedSystemSettings", reqSettings=arr("NoSuchKey")), INVALID, "NoSuchKey")
    assert_ok(soap(SVC, "SetRequestedSystemSettings", newSettings=arr(
        "SmtpBanner=Welcome", "GreylistingEnabled=true", "SmtpMaxConnections=50", "SMTPLogLevel=detailed",
        "AllowRelay=localhosts")))
    stored = server(emu)["system_settings"]
    assert stored == {"SmtpBanner": "Welcome", "GreylistingEnabled": True, "SmtpMaxConnections": 50,
                      "SMTPLogLevel": "Detailed", "AllowRelay": "localhosts"}
    # all-or-nothing
    for bad in ("GreylistingEnabled=maybe", "SmtpMaxConnections=-1", "SMTPLogLevel=Loud", "AdminUsername=root",
                "PrimaryDns=dns.example", "NoSuchKey=1", "SmtpBanner"):
        assert_fail(soap(SVC, "SetRequestedSystemSettings", newSettings=arr("SmtpBanner=Other", bad)), INVALID)
    assert server(emu)["system_settings"]["SmtpBanner"] == "Welcome"
    got = strings(soap(SVC, "GetRequestedSystemSettings", reqSettings=arr("SmtpBanner", "SMTPLogLevel"))[
        "KeyValuePairs"])
    assert got == ["SmtpBanner=Welcome", "SMTPLogLevel=Detailed"]


def test_services_status_spool_and_edition(soap, emu):
    status = dict(s.split("=", 1) for s in strings(soap(SVC, "RequestStatus", reqStats=arr())["KeyValuePairs"]))
    assert status["smtp_isrunning"] == "True" and status["spool_messagecount"] == "0" and len(status) == 10
    assert_fail(soap(SVC, "StopServices", ServicesToStop=arr("smtp", "ftp")), INVALID, "ftp")
    assert_fail(soap(SVC, "StopServices", ServicesToStop=arr()), INVALID)
    assert_ok(soap(SVC, "StopServices", ServicesToStop=arr("SMTP", "imap")))
    services = server(emu)["services"]
    assert (services["smtp"], services["imap"], services["pop"]) == (False, False, True)
    got = strings(soap(SVC, "RequestStatus", reqStats=arr("smtp_isrunning", "pop_isrunning"))["KeyValuePairs"])
    assert got == ["smtp_isrunning=False", "pop_isrunning=True"]
    assert_fail(soap(SVC, "RequestStatus", reqStats=arr("cpu_load")), INVALID)
    assert_ok(soap(SVC, "StopServices", ServicesToStop=arr("all")))
    assert not any(server(emu)["services"].values())
    assert_ok(soap(SVC, "StartServices", ServicesToStart=arr("all")))
    assert all(server(emu)["services"].values())
    state = emu.state()
    state["server"]["spool_message_count"] = 7
    state["server"]["product"]["edition"] = "Professional"
    emu.reset(state)
    assert soap(SVC, "GetSpoolMessageCount")["messageCount"] == 7
    assert assert_ok(soap(SVC, "GetEdition"))["Edition"] == "PRO"


def test_domain_admin_is_refused(soap, emu):
    add_domain(soap)
    res = soap(SVC, "ListSystemAdmins", user="postmaster@example.com", password="Dom-Pw-1")
    assert_fail(res, results.NO_PERMISSION)
    assert_fail(soap(SVC, "GetEdition", password="wrong"), results.LOGIN_FAILED, "Failed to log in.")


def test_every_operation_is_exercised(catalog):
    names = [op.name for op in catalog.services[SVC].operations]
    assert ops_called_in(__file__, names) == []
