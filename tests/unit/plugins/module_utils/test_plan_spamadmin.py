# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Planning of RBLs, anti-spam settings, options and the wizard: current + desired in, the exact writes out.

No AnsibleModule and no emulator: the resources get plain params and a fake client that answers
reads from dicts and records every call.
"""
import copy

import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.antispam_settings import (
    GROUP,
    GROUP_NAMES,
    OPTIONS,
    AntispamSettingsResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.antispam_options import (
    AntispamOptionsResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.antispam_wizard import (
    AntispamWizardResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.antispam_info import AntispamInfoResource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.rbl import RblResource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import ServerInfoResource

READS = ("Get", "List")


class FakeClient:
    """Answers reads from ``answers`` (operation -> result dict); records every call."""

    def __init__(self, answers):
        self.answers = answers
        self.calls = []

    def call(self, service, operation, **params):
        self.calls.append((operation, params))
        if operation == "GetRBL" and operation not in self.answers:  # one check of the list, as the server does
            found = [r for r in self.answers.get("ListRBLs", {}).get("rbls") or [] if r["Name"] == params["name"]]
            return copy.deepcopy({"Result": True, "settings": found[0]} if found else {"Result": False, "ResultCode": -3})
        answer = self.answers.get(operation, {})
        return copy.deepcopy(answer(**params) if callable(answer) else answer)

    call_unchecked = call

    def write(self, service, operation, **params):
        assert not operation.startswith(READS), operation
        for name in GROUP_NAMES:  # a settings group written is what its Get answers from then on
            label, get_op, set_op, param, fields = GROUP[name]
            if operation == set_op and get_op in self.answers:
                self.answers[get_op] = {"settings": copy.deepcopy(params[param])}
        return self.call(service, operation, **params)

    def writes(self):
        return [c for c in self.calls if not c[0].startswith(READS)]


# ---------------------------------------------------------------------------------- RBLs
RBL_OPTIONS = ("name", "rename_from", "description", "hostname", "weight", "filtering", "incoming_blocking",
               "outgoing_blocking", "uribl", "bitmap_checking", "required_ip", "required_ip_enabled")
RBL_BASE = dict(dict((o, None) for o in RBL_OPTIONS), state="present", rbls=None, purge=False, keep=[])


def soap_rbl(name, hostname, weight, **extra):
    struct = {"Name": name, "Description": "", "Hostname": hostname, "Weight": weight, "EnabledFiltering": True,
              "EnabledIncomingBlocking": False, "EnabledOutgoingBlocking": False, "IsURIBL": False,
              "UseBitmapChecking": False, "RequiredIP": "", "RequiredIPEnabled": False}
    struct.update(extra)
    return struct


SERVER_RBLS = [soap_rbl("Spamhaus ZEN", "zen.spamhaus.org", 30, Description="combined"),
               soap_rbl("SpamCop", "bl.spamcop.net", 20), soap_rbl("Local", "rbl.example.org", 5)]


def rbl_client():
    return FakeClient({"ListRBLs": {"rbls": SERVER_RBLS}})


def rbl_run(params, check_mode=False, client=None):
    client = client or rbl_client()
    result = engine.run(RblResource(dict(RBL_BASE, **params)), client, check_mode=check_mode, diff_mode=True)
    return result, client


def rbl_plan(params):
    """(operation, params) of the plan's writes, in order (check mode: nothing is sent)."""
    resource = RblResource(dict(RBL_BASE, **params))
    entries = engine.validate(resource)
    client = rbl_client()
    current = resource.read(client, entries)
    out = engine.plan(resource, entries, current)
    return [(w.operation, w.params) for w in out.plan.writes], out


def test_rbl_single_create_writes_the_server_defaults_it_reports():
    writes, out = rbl_plan({"name": " SURBL ", "hostname": "Multi.SURBL.org.", "weight": 20, "uribl": True})
    assert writes == [("AddRBL", {"rblSetting": {
        "Name": "SURBL", "Description": "", "Hostname": "multi.surbl.org", "Weight": 20, "EnabledFiltering": True,
        "EnabledIncomingBlocking": False, "EnabledOutgoingBlocking": False, "IsURIBL": True,
        "UseBitmapChecking": False, "RequiredIP": "", "RequiredIPEnabled": False}})]
    assert out.plan.descriptions() == ["add RBL SURBL"]


def test_rbl_single_update_only_given_fields_none_not_managed():
    writes, out = rbl_plan({"name": "spamhaus zen", "weight": 40, "description": None, "hostname": "ZEN.spamhaus.org"})
    assert writes == [("EditRBL", {"NameOfRblToEdit": "Spamhaus ZEN", "rblSetting": {
        "Name": "Spamhaus ZEN", "Description": "combined", "Hostname": "zen.spamhaus.org", "Weight": 40,
        "EnabledFiltering": True, "EnabledIncomingBlocking": False, "EnabledOutgoingBlocking": False,
        "IsURIBL": False, "UseBitmapChecking": False, "RequiredIP": "", "RequiredIPEnabled": False}})]
    # the name's case differs: the same check (its key is the lower-case name), which keeps its spelling
    assert out.plan.descriptions() == ["update RBL Spamhaus ZEN (weight)"]
    assert out.after["spamhaus zen"]["name"] == "Spamhaus ZEN"
    writes, out = rbl_plan({"name": "Spamhaus ZEN", "weight": 30, "hostname": "ZEN.spamhaus.org."})
    assert writes == []


def test_rbl_name_case_changes_only_through_rename_from():
    writes, out = rbl_plan({"name": "SPAMHAUS ZEN"})
    assert writes == [] and out.after["spamhaus zen"]["name"] == "Spamhaus ZEN"
    writes, out = rbl_plan({"name": "SPAMHAUS ZEN", "rename_from": "spamhaus zen"})
    assert out.plan.descriptions() == ["rename RBL Spamhaus ZEN to SPAMHAUS ZEN"]
    assert writes[0][1]["NameOfRblToEdit"] == "Spamhaus ZEN" and writes[0][1]["rblSetting"]["Name"] == "SPAMHAUS ZEN"
    writes, out = rbl_plan({"name": "Spamhaus ZEN", "rename_from": "SPAMHAUS ZEN"})
    assert writes == []


def test_rbl_rename_from_and_both_exist():
    writes, out = rbl_plan({"name": "ZEN", "rename_from": "SPAMHAUS zen", "weight": 35})
    assert [(op, p["NameOfRblToEdit"], p["rblSetting"]["Name"], p["rblSetting"]["Weight"]) for op, p in writes] == [
        ("EditRBL", "Spamhaus ZEN", "ZEN", 35)]
    assert out.plan.descriptions() == ["rename RBL Spamhaus ZEN to ZEN and update weight"]
    with pytest.raises(engine.PlanError, match="cannot rename RBL 'Spamhaus ZEN' to 'SpamCop': both exist"):
        rbl_plan({"name": "SpamCop", "rename_from": "spamhaus zen"})


def test_rbl_single_absent_and_create_errors():
    assert rbl_plan({"name": "SPAMCOP", "state": "absent"})[0] == [("RemoveRBL", {"NameOfRblToRemove": "SpamCop"})]
    assert rbl_plan({"name": "Nope", "state": "absent"})[0] == []
    with pytest.raises(engine.PlanError, match="^hostname and weight are required to create RBL 'Other'$"):
        rbl_plan({"name": "Other"})
    with pytest.raises(engine.InputError, match="required_ip_enabled needs a required_ip"):
        rbl_plan({"name": "local", "required_ip_enabled": True})


def test_rbl_collection_removals_first_then_updates_then_creates():
    writes, out = rbl_plan({"rbls": [
        {"name": "SURBL", "hostname": "multi.surbl.org", "weight": 20},
        {"name": "SpamCop", "weight": 25},
        {"name": "ZEN", "rename_from": "Spamhaus ZEN"}], "purge": True})
    assert [(op, p.get("NameOfRblToRemove") or p.get("NameOfRblToEdit") or p["rblSetting"]["Name"])
            for op, p in writes] == [("RemoveRBL", "Local"), ("EditRBL", "SpamCop"), ("EditRBL", "Spamhaus ZEN"),
                                     ("AddRBL", "SURBL")]


def test_rbl_collection_result_display_names_server_order():
    result, client = rbl_run({"rbls": [
        {"name": "SURBL", "hostname": "multi.surbl.org", "weight": 20},
        {"name": "ZEN", "rename_from": "spamhaus zen"},
        {"name": "spamcop", "state": "absent"}]})
    assert result["created"] == ["SURBL"] and result["renamed"] == ["ZEN"] and result["removed"] == ["SpamCop"]
    assert result["updated"] == []
    assert [r["name"] for r in result["rbls"]] == ["ZEN", "Local", "SURBL"]
    assert sorted(result["diff"]["before"]["rbls"]) == ["Local", "SpamCop", "Spamhaus ZEN"]
    assert sorted(result["diff"]["after"]["rbls"]) == ["Local", "SURBL", "ZEN"]
    # EditRBL resends the whole check: the check is read again right before it (GetRBL), and the list read back
    # after the writes
    assert [c[0] for c in client.calls] == ["ListRBLs", "RemoveRBL", "GetRBL", "EditRBL", "AddRBL", "ListRBLs"]
    assert client.calls[2][1] == {"name": "Spamhaus ZEN"}


def test_rbl_purge_keep_caseless_in_server_order():
    writes, out = rbl_plan({"rbls": [{"name": "Local"}], "purge": True, "keep": ["SPAMCOP"]})
    assert writes == [("RemoveRBL", {"NameOfRblToRemove": "Spamhaus ZEN"})]
    writes, out = rbl_plan({"rbls": [], "purge": True})
    assert [p["NameOfRblToRemove"] for op, p in writes] == ["Spamhaus ZEN", "SpamCop", "Local"]


def test_rbl_keep_that_cannot_match_fails_before_any_call():
    for keep in ("", "x" * 101):
        with pytest.raises(engine.InputError, match="keep entry .* cannot match any rbl"):
            rbl_plan({"rbls": [{"name": "Local"}], "purge": True, "keep": [keep]})
    client = rbl_client()
    with pytest.raises(engine.InputError):
        rbl_run({"rbls": [{"name": "Local"}], "purge": True, "keep": ["x" * 101]}, client=client)
    assert client.calls == []


def test_rbl_check_mode_reads_once_writes_nothing():
    result, client = rbl_run({"rbls": [{"name": "SURBL", "hostname": "multi.surbl.org", "weight": 20}],
                              "purge": True}, check_mode=True)
    assert result["changed"] and result["created"] == ["SURBL"]
    assert result["removed"] == ["Spamhaus ZEN", "SpamCop", "Local"]
    assert client.calls == [("ListRBLs", {})]
    result, client = rbl_run({"name": "ZEN", "rename_from": "Spamhaus ZEN"}, check_mode=True)
    assert result["changed"] and client.calls == [("ListRBLs", {})]
    assert result["rbl"]["name"] == "ZEN" and result["diff"]["before"]["name"] == "Spamhaus ZEN"


# ---------------------------------------------------------------------------------- settings
def settings_answers(**overrides):
    """Every Get*Settings answer: each field of each group set (ints 10, bools false, text "")."""
    answers = {}
    for name in GROUP_NAMES:
        label, get_op, set_op, param, fields = GROUP[name]
        struct = {}
        for option, soap, kind, dummy in fields:
            struct[soap] = (False if kind == "bool" else "Key1024" if kind == "keysize" else 10 if kind == "int"
                            else kind[0] if isinstance(kind, list) else "")
        if name == "filtering":
            struct.update(LowWeightThreshold=20, MediumWeightThreshold=40, HighWeightThreshold=60)
        struct.update(overrides.get(name, {}))
        answers[get_op] = {"settings": struct}
    return answers


SETTINGS_BASE = dict((name, None) for name in GROUP_NAMES)


def settings_run(params, check_mode=False, answers=None):
    client = FakeClient(answers or settings_answers())
    result = engine.run(AntispamSettingsResource(dict(SETTINGS_BASE, **params)), client, check_mode, diff_mode=True)
    return result, client


def test_settings_only_given_groups_read_changed_ones_written_whole():
    params = {"spf": {"fail_weight": 25, "pass_weight": None, "filtering": False},
              "dkim": {"max_key_size": 1024}, "reverse_dns": {"weight": 15}}
    result, client = settings_run(params)
    # each Set resends its whole group: the group is read again right before it; the groups are read back
    assert [c[0] for c in client.calls] == ["GetSPFSettings", "GetDKIMSettings", "GetReverseDNSSettings",
                                            "GetSPFSettings", "SetSPFSettings",
                                            "GetReverseDNSSettings", "SetReverseDNSSettings",
                                            "GetSPFSettings", "GetDKIMSettings", "GetReverseDNSSettings"]
    assert client.calls[4][1] == {"spfSettings": {
        "EnabledFiltering": False, "EnabledIncomingBlocking": False, "EnabledOutgoingBlocking": False,
        "PassWeight": 10, "NeutralWeight": 10, "NoneWeight": 10, "SoftFailWeight": 10, "FailWeight": 25,
        "PermErrorWeight": 10}}
    assert result["changes"] == ["set SPF settings (fail_weight)", "set reverse DNS settings (weight)"]
    assert result["settings"]["spf"]["pass_weight"] == 10 and result["settings"]["spf"]["fail_weight"] == 25
    assert sorted(result["settings"]) == ["dkim", "reverse_dns", "spf"]
    assert result["diff"]["before"]["reverse_dns"]["weight"] == 10


def test_settings_null_is_not_managed_and_never_written():
    result, client = settings_run({"filtering": {"low_prefix": None, "high_action": None, "low_threshold": 20}})
    assert result["changed"] is False and client.writes() == []
    result, client = settings_run({"filtering": {"low_prefix": None, "high_threshold": 70}})
    payload = client.writes()[0][1]["filterSettings"]
    assert payload["LowSpamPrefix"] == "" and payload["HighWeightThreshold"] == 70
    assert "None" not in str(payload)


def test_settings_check_mode_writes_nothing_and_partial_threshold_checked():
    result, client = settings_run({"spf": {"fail_weight": 25}}, check_mode=True)
    assert result["changed"] and client.writes() == [] and result["changes"] == ["set SPF settings (fail_weight)"]
    with pytest.raises(engine.InputError, match=r"medium_threshold \(70\) < high_threshold \(60\)"):
        settings_run({"filtering": {"medium_threshold": 70}})


def test_settings_validated_before_any_call():
    client = FakeClient(settings_answers())
    resource = AntispamSettingsResource(dict(SETTINGS_BASE, spf={"fail_weight": 101}))
    with pytest.raises(engine.InputError, match="spf.fail_weight must be an integer from -100 to 100"):
        engine.run(resource, client)
    assert client.calls == []


# ---------------------------------------------------------------------------------- info feeds back
def info_report(params, answers):
    resource = AntispamInfoResource(dict({"include": ["settings", "rbls", "spam_checks"], "groups": None}, **params))
    client = FakeClient(answers)
    return engine.run(resource, client, entries=engine.validate(resource)), client


def test_info_output_fed_into_the_modules_changes_nothing():
    answers = settings_answers(dkim={"MaxKeySize": "Key2048"})
    answers.update({"ListRBLs": {"rbls": SERVER_RBLS}, "ListSpamChecks": {"spamChecks": []}})
    info, client = info_report({}, answers)
    assert info["changed"] is False and client.writes() == []
    assert info["settings"]["dkim"]["max_key_size"] == 2048
    result, client = settings_run(info["settings"], answers=answers)
    assert result["changed"] is False and client.writes() == []
    result, client = rbl_run({"rbls": info["rbls"], "purge": True})
    assert result["changed"] is False and client.writes() == []
    only, client = info_report({"include": ["settings"], "groups": ["spf"]}, answers)
    assert list(only["settings"]) == ["spf"] and [c[0] for c in client.calls] == ["GetSPFSettings"]


# ---------------------------------------------------------------------------------- options, wizard
OPTION_VALUES = dict(auto_responders_level="High", catchall_to_send_bounces=False, content_filter_bounce_level="None",
                     disable_filtering_on_whitelisted_ip=False, enable_bounces_for_outgoing_smtp_blocking=True,
                     enable_dmarc=True, enable_spool_proc_folder=False, enable_srs=True,
                     max_message_scan_size_kb=4096, override_filter_actions=False)


def test_options_nothing_read_whole_set_written_every_run():
    resource = AntispamOptionsResource(dict(OPTION_VALUES))
    client = FakeClient({})
    result = engine.run(resource, client, check_mode=True, diff_mode=True)
    assert result["changed"] and client.calls == []
    assert result["diff"]["before"] == {} and result["options"] == OPTION_VALUES
    result = engine.run(AntispamOptionsResource(dict(OPTION_VALUES)), client)
    assert result["changed"] and len(client.calls) == 1
    operation, params = client.calls[0]
    assert operation == "SetAntispamOptions" and len(params["optionsSettings"]) == len(OPTIONS)
    assert params["optionsSettings"]["DisableFitleringOnWhitelistedIp"] is False
    assert params["optionsSettings"]["ContentFilterBounceLevel"] == "None"  # a choice, not a null


def test_wizard_check_mode_reads_only_real_run_reads_back():
    answers = settings_answers()
    client = FakeClient(answers)
    result = engine.run(AntispamWizardResource({"level": "High"}), client, check_mode=True, diff_mode=True)
    assert result["changed"] and client.writes() == [] and "settings" not in result
    assert result["diff"]["before"]["spf"]["fail_weight"] == 10
    # not "every setting deleted": the groups as read, under a header saying the preset decides
    assert result["diff"]["after"] == result["diff"]["before"]
    assert "known after a real run" in result["diff"]["after_header"]

    def set_level(level):
        answers["GetSPFSettings"]["settings"]["FailWeight"] = 20
        return {}

    answers["SetSpamWizardLevel"] = set_level
    client = FakeClient(answers)
    result = engine.run(AntispamWizardResource({"level": "High"}), client, diff_mode=True)
    assert client.writes() == [("SetSpamWizardLevel", {"level": "High"})]
    assert [c[0] for c in client.calls].count("GetSPFSettings") == 2
    assert result["settings"]["spf"]["fail_weight"] == 20 and result["diff"]["before"]["spf"]["fail_weight"] == 10
    assert result["changes"] == ["apply spam wizard level High"]


# ---------------------------------------------------------------------------------- server info
def test_server_info_reads_only_the_parts_gathered():
    client = FakeClient({"ListServerPorts": {"Ports": [{"ID": "p1", "Protocol": "SMTP", "Port": 25}]},
                         "ListPortsAssignedToIP": {"Ports": []}})
    resource = ServerInfoResource({"gather": ["ports"], "port_ip_addresses": [" 192.0.2.1", "192.0.2.1", ""],
                                   "system_settings_keys": []})
    result = engine.run(resource, client)
    assert result["changed"] is False and result["gathered"] == ["ports"]
    assert [c[0] for c in client.calls] == ["ListServerPorts", "ListPortsAssignedToIP"]
    assert result["ip_bindings"] == [{"ip_address": "192.0.2.1", "ports": []}]
