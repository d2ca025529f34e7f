# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcSpamAdmin through zeep against the running emulator."""

from __future__ import annotations

import pytest
import requests
from emu_helpers import ADMIN_PASSWORD, ADMIN_USER, assert_fail, assert_ok, ops_called_in

from mailops_emulator import results

SVC = "svcSpamAdmin"
S11 = "http://schemas.xmlsoap.org/soap/envelope/"


def _spam(emu):
    return emu.state()["server"]["spam"]


def _rbl(name="Spamhaus ZEN", **overrides):
    rbl = dict(Name=name, Description="combined list", EnabledFiltering=True, EnabledIncomingBlocking=False,
               EnabledOutgoingBlocking=False, Hostname="zen.spamhaus.org", IsURIBL=False,
               RequiredIP="127.0.0.2", RequiredIPEnabled=True, UseBitmapChecking=True, Weight=30)
    rbl.update(overrides)
    return rbl


def test_every_operation_is_covered(catalog):
    names = [op.name for op in catalog.service(SVC).operations]
    assert len(names) == 28
    assert ops_called_in(__file__, names) == []


def test_rbl_lifecycle(soap, emu):
    assert_ok(soap(SVC, "AddRBL", rblSetting=_rbl()))
    stored = _spam(emu)["rbls"]
    assert stored == [{"name": "Spamhaus ZEN", "description": "combined list", "enabled_filtering": True,
                       "enabled_incoming_blocking": False, "enabled_outgoing_blocking": False,
                       "hostname": "zen.spamhaus.org", "is_uribl": False, "required_ip": "127.0.0.2",
                       "required_ip_enabled": True, "use_bitmap_checking": True, "weight": 30}]

    got = assert_ok(soap(SVC, "GetRBL", name="spamhaus zen"))["settings"]
    assert got["Hostname"] == "zen.spamhaus.org" and got["Weight"] == 30 and got["UseBitmapChecking"] is True

    assert_ok(soap(SVC, "AddRBL", rblSetting=_rbl("SURBL", Hostname="multi.surbl.org", IsURIBL=True,
                                                  RequiredIP="", RequiredIPEnabled=False, Weight=20)))
    listed = assert_ok(soap(SVC, "ListRBLs"))["rbls"]["RBLSetting"]
    assert [r["Name"] for r in listed] == ["Spamhaus ZEN", "SURBL"]
    assert listed[1]["IsURIBL"] is True

    # edit with rename, every field replaced
    assert_ok(soap(SVC, "EditRBL", NameOfRblToEdit="SURBL",
                   rblSetting=_rbl("SURBL multi", Hostname="multi.surbl.org", Weight=25, IsURIBL=True,
                                   EnabledIncomingBlocking=True, RequiredIP="", RequiredIPEnabled=False)))
    names = [r["name"] for r in _spam(emu)["rbls"]]
    assert names == ["Spamhaus ZEN", "SURBL multi"]
    assert _spam(emu)["rbls"][1]["enabled_incoming_blocking"] is True

    assert_ok(soap(SVC, "RemoveRBL", NameOfRblToRemove="surbl multi"))
    assert [r["name"] for r in _spam(emu)["rbls"]] == ["Spamhaus ZEN"]
    assert_fail(soap(SVC, "RemoveRBL", NameOfRblToRemove="SURBL multi"), results.NOT_FOUND, "does not exist")
    assert_fail(soap(SVC, "GetRBL", name="nope"), results.NOT_FOUND, "RBL 'nope' does not exist.")


def test_rbl_rules(soap, emu):
    assert_ok(soap(SVC, "AddRBL", rblSetting=_rbl()))
    assert_fail(soap(SVC, "AddRBL", rblSetting=_rbl("SPAMHAUS zen")), results.ALREADY_EXISTS, "already exists")
    assert_fail(soap(SVC, "AddRBL", rblSetting=_rbl("", Hostname="x.example.org")), results.INVALID_INPUT,
                "An RBL name is required.")
    assert_fail(soap(SVC, "AddRBL", rblSetting=_rbl("Bad", Hostname="not a host")), results.INVALID_INPUT,
                "Invalid RBL hostname")
    assert_fail(soap(SVC, "AddRBL", rblSetting=_rbl("Heavy", Weight=101)), results.INVALID_INPUT,
                "Invalid value for RBLSetting.weight: 101 (allowed: -100 to 100).")
    assert_fail(soap(SVC, "AddRBL", rblSetting=_rbl("IP", RequiredIP="999.1.1.1")), results.INVALID_INPUT,
                "Invalid RBL required IP")
    assert_fail(soap(SVC, "AddRBL", rblSetting=_rbl("NoIP", RequiredIP="", RequiredIPEnabled=True)),
                results.INVALID_INPUT, "RequiredIPEnabled needs a RequiredIP.")
    assert_ok(soap(SVC, "AddRBL", rblSetting=_rbl("Other", Hostname="bl.spamcop.net", RequiredIP="",
                                                  RequiredIPEnabled=False)))
    assert_fail(soap(SVC, "EditRBL", NameOfRblToEdit="Other", rblSetting=_rbl("spamhaus ZEN")),
                results.ALREADY_EXISTS)
    assert_fail(soap(SVC, "EditRBL", NameOfRblToEdit="ghost", rblSetting=_rbl("ghost")), results.NOT_FOUND)
    # a blank Name keeps the old one; missing fields take .NET defaults (zeep insists on every
    # value-type element, so this request is posted by hand)
    raw = ("<rblSetting><Hostname>bl.spamcop.net</Hostname><Weight>7</Weight></rblSetting>"
           "<NameOfRblToEdit>Other</NameOfRblToEdit>")
    assert "<ResultCode>0</ResultCode>" in _post(emu, "EditRBL", raw)
    other = _spam(emu)["rbls"][1]
    assert other["name"] == "Other" and other["weight"] == 7 and other["enabled_filtering"] is False
    assert len(_spam(emu)["rbls"]) == 2


GROUP_CASES = [
    # (get, set, param, state group, new values, one SOAP field and its stored key)
    ("GetSPFSettings", "SetSPFSettings", "spfSettings", "spf",
     dict(EnabledFiltering=True, EnabledIncomingBlocking=True, EnabledOutgoingBlocking=False, FailWeight=20,
          NeutralWeight=1, NoneWeight=2, PassWeight=-5, PermErrorWeight=3, SoftFailWeight=8)),
    ("GetDKIMSettings", "SetDKIMSettings", "dkSettings", "dkim",
     dict(EnabledFiltering=True, EnabledIncomingBlocking=False, EnabledOutgoingBlocking=False, FailWeight=15,
          MaxKeySize="Key1536", MaxMessageSizeToSignMB=5, MaxMessageSizeToVerifyMB=6, NoneWeight=1, PassWeight=0)),
    ("GetDomainKeysSettings", "SetDomainKeysSettings", "dkSettings", "domainkeys",
     dict(EnabledFiltering=True, EnabledIncomingBlocking=False, EnabledOutgoingBlocking=True, FailWeight=9,
          MaxKeySize="Key768", MaxMessageSizeToSignMB=1, MaxMessageSizeToVerifyMB=2, NoneWeight=0, PassWeight=0)),
    ("GetReverseDNSSettings", "SetReverseDNSSettings", "rdnsSettings", "reverse_dns",
     dict(EnabledFiltering=False, EnabledIncomingBlocking=True, EnabledOutgoingBlocking=False, Weight=12)),
    ("GetSABPMSettings", "SetSABPMSettings", "sabpmSettings", "sabpm",
     dict(EnabledFiltering=True, EnabledIncomingBlocking=False, EnabledOutgoingBlocking=False, HighSpamWeight=30,
          LogLevel="Detailed", LowSpamWeight=4, MedSpamWeight=12)),
    ("GetRemoteSASettings", "SetRemoteSASettings", "remoteSASettings", "remote_sa",
     dict(ClientTimeoutSeconds=20, DisableTimeMinutes=30, EnabledFiltering=True, EnabledIncomingBlocking=False,
          EnabledOutgoingBlocking=False, FailuresBeforeDisable=3, HighSpamWeight=25, LogLevel="None",
          LowSpamWeight=5, MaxAttemptsPerMessage=4, MedSpamWeight=15)),
    ("GetDecludeSettings", "SetDecludeSettings", "decludeSettings", "declude",
     dict(EnabledFiltering=True, EnabledIncomingBlocking=False, EnabledOutgoingBlocking=False, HighSpamWeight=30,
          LowSpamWeight=5, MedSpamWeight=10)),
    ("GetMessageSnifferSettings", "SetMessageSnifferSettings", "MessageSnifferSettings", "message_sniffer",
     dict(ConfirmedWeight=40, EnabledFiltering=True, EnabledIncomingBlocking=True, EnabledOutgoingBlocking=False,
          NoneWeight=0)),
    ("GetCommtouchSettings", "SetCommtouchSettings", "commtouchSettings", "commtouch",
     dict(BulkWeight=11, ConfirmedWeight=41, EnabledFiltering=True, EnabledIncomingBlocking=False,
          EnabledOutgoingBlocking=False, NoneWeight=1, SuspectWeight=21, UnknownWeight=2)),
    ("GetSpamFilteringSettings", "SetSpamFilteringSettings", "filterSettings", "filtering",
     dict(HighSpamAction="DeleteMessage", HighSpamPrefix="", HighWeightThreshold=80,
          LowSpamAction="AddTextToSubject", LowSpamPrefix="[maybe spam] ", LowWeightThreshold=25,
          MediumSpamAction="MoveToJunkFolder", MediumSpamPrefix="", MediumWeightThreshold=50)),
]


@pytest.mark.parametrize("get_op,set_op,param,group,values", GROUP_CASES, ids=[c[3] for c in GROUP_CASES])
def test_settings_groups_round_trip(soap, emu, get_op, set_op, param, group, values):
    before = assert_ok(soap(SVC, get_op))["settings"]
    assert set(before) == set(values)
    assert_ok(soap(SVC, set_op, **{param: values}))
    after = assert_ok(soap(SVC, get_op))["settings"]
    assert after == {k: (None if v == "" else v) for k, v in values.items()}  # "" travels as <X />
    stored = _spam(emu)[group]
    assert len(stored) == len(values)
    first = sorted(values)[0]
    assert first in after


def _post(emu, op, inner):
    body = (f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{S11}"><soap:Body>'
            f'<{op} xmlns="http://tempuri.org/"><AuthUserName>{ADMIN_USER}</AuthUserName>'
            f"<AuthPassword>{ADMIN_PASSWORD}</AuthPassword>{inner}</{op}></soap:Body></soap:Envelope>")
    resp = requests.post(emu.service_url(SVC), data=body.encode(), timeout=10,
                         headers={"Content-Type": "text/xml; charset=utf-8",
                                  "SOAPAction": f'"http://tempuri.org/{op}"'})
    assert resp.status_code == 200, resp.text
    return resp.text


def test_partial_struct_takes_dotnet_defaults(soap, emu):
    assert "<ResultCode>0</ResultCode>" in _post(emu, "SetReverseDNSSettings",
                                                 "<rdnsSettings><Weight>7</Weight></rdnsSettings>")
    assert _spam(emu)["reverse_dns"] == {"enabled_filtering": False, "enabled_incoming_blocking": False,
                                         "enabled_outgoing_blocking": False, "weight": 7}


def test_settings_validation_applies_nothing(soap, emu):
    spf_before = assert_ok(soap(SVC, "GetSPFSettings"))["settings"]
    bad = dict(spf_before, FailWeight=500)
    assert_fail(soap(SVC, "SetSPFSettings", spfSettings=bad), results.INVALID_INPUT,
                "Invalid value for SPFSettings.fail_weight: 500 (allowed: -100 to 100).")
    assert assert_ok(soap(SVC, "GetSPFSettings"))["settings"] == spf_before

    filtering = assert_ok(soap(SVC, "GetSpamFilteringSettings"))["settings"]
    assert_fail(soap(SVC, "SetSpamFilteringSettings", filterSettings=dict(filtering, MediumWeightThreshold=10)),
                results.INVALID_INPUT, "Spam weight thresholds must ascend: low (20) < medium (10) < high (60).")
    assert_fail(soap(SVC, "SetSpamFilteringSettings", filterSettings=dict(filtering, LowSpamPrefix=" ")),
                results.INVALID_INPUT, "The low spam action AddTextToSubject needs a low spam prefix.")
    assert_fail(soap(SVC, "SetSpamFilteringSettings", filterSettings=dict(filtering, HighWeightThreshold=5000)),
                results.INVALID_INPUT, "high_weight_threshold: 5000 (allowed: 1 to 1000)")
    remote = assert_ok(soap(SVC, "GetRemoteSASettings"))["settings"]
    assert_fail(soap(SVC, "SetRemoteSASettings", remoteSASettings=dict(remote, ClientTimeoutSeconds=0)),
                results.INVALID_INPUT, "client_timeout_seconds: 0 (allowed: 1 to 300)")
    dkim = assert_ok(soap(SVC, "GetDKIMSettings"))["settings"]
    assert_fail(soap(SVC, "SetDKIMSettings", dkSettings=dict(dkim, MaxMessageSizeToSignMB=-1)),
                results.INVALID_INPUT, "max_message_size_to_sign_mb: -1 (allowed: 0 or more)")
    assert emu.counters()["operations"]["svcSpamAdmin.SetSPFSettings"]["writes"] == 1


def test_antispam_options_are_write_only(soap, emu):
    options = dict(AutoRespondersLevel="High", CatchallToSendBounces=True, ContentFilterBounceLevel="Low",
                   DisableFitleringOnWhitelistedIp=False, EnableBouncesForOutgoingSmtpBlocking=True,
                   EnableDmarc=False, EnableSpoolProcFolder=True, EnableSrs=True, MaxMessageScanSize=2048,
                   OverrideFilterActions=False)
    assert_ok(soap(SVC, "SetAntispamOptions", optionsSettings=options))
    stored = _spam(emu)["options"]
    assert stored["auto_responders_level"] == "High" and stored["max_message_scan_size"] == 2048
    assert stored["disable_fitlering_on_whitelisted_ip"] is False and stored["enable_srs"] is True
    assert_fail(soap(SVC, "SetAntispamOptions", optionsSettings=dict(options, MaxMessageScanSize=-5)),
                results.INVALID_INPUT, "max_message_scan_size")


def test_list_spam_checks(soap):
    assert_ok(soap(SVC, "AddRBL", rblSetting=_rbl()))
    checks = assert_ok(soap(SVC, "ListSpamChecks"))["spamChecks"]["SpamCheckInfo"]
    uids = [c["UID"] for c in checks]
    assert uids == ["spf", "dkim", "domainkeys", "reversedns", "sabpm", "remotesa", "declude", "messagesniffer",
                    "commtouch", "rbl:spamhaus zen"]
    spf = checks[0]
    assert spf["Name"] == "SPF" and spf["EnabledFiltering"] is True
    assert (spf["MinWeight"], spf["MaxWeight"]) == (0, 10)
    assert (checks[-1]["MinWeight"], checks[-1]["MaxWeight"]) == (30, 30)


def test_spam_wizard_level(soap, emu):
    assert _spam(emu)["wizard_level"] is None if "spam" in emu.state()["server"] else True
    assert_ok(soap(SVC, "SetSpamWizardLevel", level="High"))
    spam = _spam(emu)
    assert spam["wizard_level"] == "High"
    assert spam["spf"]["fail_weight"] == 20 and spam["reverse_dns"]["weight"] == 20
    assert spam["sabpm"]["high_spam_weight"] == 30 and spam["dkim"]["enabled_filtering"] is True
    assert_ok(soap(SVC, "SetSpamWizardLevel", level="Low"))
    assert _spam(emu)["spf"]["fail_weight"] == 5
    assert emu.counters()["operations"]["svcSpamAdmin.SetSpamWizardLevel"]["writes"] == 2


def test_system_admins_only(soap):
    from emu_helpers import add_domain

    add_domain(soap)
    denied = soap(SVC, "ListRBLs", user="postmaster@example.com", password="Dom-Pw-1")
    assert_fail(denied, results.NO_PERMISSION)
    assert_fail(soap(SVC, "GetSPFSettings", password="wrong"), results.LOGIN_FAILED, "Failed to log in.")
