# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Planning of domains: current + params in, the exact writes out; the executor's late reads.

A domain is a single object (no list form, so no purge or keep): these tests cover create
(both ways), update, rename, absent, check mode, and what UpdateDomain/AddDomain finally send.
"""
import copy

import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain import domain as _domain
from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain import DomainResource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain_info import DomainInfoResource

BASE = dict((name, spec.get("default")) for name, spec in _domain.ARGUMENT_SPEC.items())
ADMIN = {"primary_admin": "PostMaster", "primary_admin_password": "Pm-Plan-1"}
ADMIN_PARAMS = {"PrimaryDomainAdminUserName": "PostMaster", "PrimaryDomainAdminPassword": "Pm-Plan-1",
                "PrimaryDomainAdminFirstName": "", "PrimaryDomainAdminLastName": ""}


def soap(path="C:\\Domains\\ex.test", **values):
    """A DomainSettingsResult: the server's answer to GetDomainSettings."""
    out = {"Result": True, "Path": path, "ServerIP": "", "ImapPort": 143, "PopPort": 110, "SmtpPort": 25,
           "MaxAliases": 0, "MaxDomainAliases": 0, "MaxLists": 0, "MaxDomainSizeInMB": 0, "MaxDomainUsers": 0,
           "MaxMessageSize": 0, "MaxRecipients": 0, "ShowDomainAliasMenu": True, "ShowContentFilteringMenu": True,
           "ShowSpamMenu": True, "ShowListMenu": True, "RequireSmtpAuthentication": True,
           "ListCommandAddress": "stserv", "MaxMailboxSizeInMB": 0, "ShowStatsMenu": False}
    out.update(values)
    return out


def current(name="ex.test", settings=None, admin=None, enabled=True, **values):
    obj = _domain.shape_soap(name, soap(path="C:\\Domains\\" + name, **values))
    obj["enabled"] = enabled
    if settings is not None:
        obj["settings"] = settings
    if admin is not None:
        obj["primary_admin"] = admin
    return obj


def plan(params, state):
    resource = DomainResource(dict(BASE, **params))
    entries = engine.validate(resource)
    out = engine.plan(resource, entries, copy.deepcopy(state))
    return [(w.operation, w.params) for w in out.plan.writes], out, resource


# ---------------------------------------------------------------------------------- create
def test_create_from_server_defaults_sends_only_what_the_user_set():
    writes, out, dummy = plan(dict(ADMIN, name="Ex.Test.", max_users=10, smtp_port=2525), {})
    assert writes == [
        ("AddDomainEx", dict(ADMIN_PARAMS, DomainName="ex.test", Path="", IP="")),
        # no ServerIP (nor any other default): the executor completes it from the new domain itself
        ("UpdateDomain", {"DomainName": "ex.test", "SmtpPort": 2525, "MaxDomainUsers": 10}),
    ]
    # the planned domain holds what the task sets, no default
    assert out.after["ex.test"] == {"name": "ex.test", "smtp_port": 2525, "max_users": 10,
                                    "primary_admin": "postmaster"}


def test_create_from_server_defaults_without_typed_options_is_one_call():
    writes, out, dummy = plan(dict(ADMIN, name="ex.test", ip="192.0.2.7"), {})
    assert writes == [("AddDomainEx", dict(ADMIN_PARAMS, DomainName="ex.test", Path="", IP="192.0.2.7"))]


def test_create_with_add_domain_then_settings_and_disable():
    writes, out, dummy = plan(dict(ADMIN, name="ex.test", server_defaults=False, ip="192.0.2.7", max_lists=3,
                                   path="D:\\mail\\ex", enabled=False,
                                   settings={"EnableCatchAlls": True, "maxmessagesperhour": 500}), {})
    assert writes == [
        ("AddDomain", dict(ADMIN_PARAMS, DomainName="ex.test", Path="D:\\mail\\ex", IP="192.0.2.7", MaxLists=3)),
        ("SetRequestedDomainSettings", {"DomainName": "ex.test",
                                        "newSettings": ["enablecatchalls=True", "maxmessagesperhour=500"]}),
        ("DisableDomain", {"domainName": "ex.test"}),
    ]
    assert out.after["ex.test"]["settings"] == {"enablecatchalls": "True", "maxmessagesperhour": "500"}


def test_create_without_admin_is_refused_before_writes():
    with pytest.raises(engine.PlanError, match="creating domain new.test needs primary_admin and "
                                               "primary_admin_password"):
        plan({"name": "new.test"}, {})


# ---------------------------------------------------------------------------------- null settings
def test_null_setting_is_not_managed_on_create_or_update():
    settings = {"enablecatchalls": None, "maxmessagesperhour": 500}
    writes, out, dummy = plan(dict(ADMIN, name="ex.test", settings=settings), {})
    assert writes[1] == ("SetRequestedDomainSettings", {"DomainName": "ex.test",
                                                        "newSettings": ["maxmessagesperhour=500"]})
    assert "None" not in repr(writes) and "enablecatchalls" not in out.after["ex.test"]["settings"]
    state = {"ex.test": current(settings={"maxmessagesperhour": "500"})}
    writes, out, dummy = plan({"name": "ex.test", "settings": settings}, state)
    assert writes == []
    writes, out, dummy = plan({"name": "ex.test", "settings": {"enablecatchalls": None}}, state)
    assert writes == []


# ---------------------------------------------------------------------------------- update
def test_update_only_the_differences_in_order():
    state = {"ex.test": current(settings={"maxmessagesperhour": "500"}, admin="postmaster", MaxDomainUsers=25)}
    writes, out, dummy = plan({"name": "ex.test", "max_users": 30, "max_aliases": 0, "enabled": False,
                               "primary_admin": "Boss", "settings": {"maxmessagesperhour": 600}}, state)
    assert writes == [
        # every typed option the user set, none read: the rest is read right before the call
        ("UpdateDomain", {"DomainName": "ex.test", "MaxAliases": 0, "MaxDomainUsers": 30}),
        ("SetRequestedDomainSettings", {"DomainName": "ex.test", "newSettings": ["maxmessagesperhour=600"]}),
        ("SetPrimaryDomainAdmin", {"DomainName": "ex.test", "AdminUserName": "boss"}),
        ("DisableDomain", {"domainName": "ex.test"}),
    ]
    assert out.plan.descriptions()[0] == "update max_users of domain ex.test"
    assert out.after["ex.test"]["settings"] == {"maxmessagesperhour": "600"}
    assert out.after["ex.test"]["max_aliases"] == 0 and out.after["ex.test"]["path"] == "C:\\Domains\\ex.test"


def test_unchanged_values_keep_their_read_form():
    state = {"ex.test": current(settings={"enablecatchalls": "True"}, ListCommandAddress="stserv")}
    writes, out, dummy = plan({"name": "ex.test", "list_command_address": "STSERV",
                               "settings": {"enablecatchalls": True}}, state)
    assert writes == []
    assert out.after["ex.test"] == state["ex.test"]


def test_absent_deletes_with_files_flag():
    state = {"ex.test": current()}
    writes, out, dummy = plan({"name": "ex.test", "state": "absent", "delete_files": True}, state)
    assert writes == [("DeleteDomain", {"DomainName": "ex.test", "DeleteFiles": True})]
    assert out.plan.descriptions() == ["delete domain ex.test and its files"]
    assert plan({"name": "gone.test", "state": "absent"}, state)[0] == []


# ---------------------------------------------------------------------------------- rename
def test_rename_from_is_normalized_like_name():
    state = {"old.test": current("old.test")}
    writes, out, dummy = plan({"name": "new.test", "rename_from": " OLD.test. ", "max_users": 5}, state)
    assert writes == [
        ("RenameDomain", {"OldDomainName": "old.test", "NewDomainName": "new.test"}),
        ("UpdateDomain", {"DomainName": "new.test", "MaxDomainUsers": 5}),
    ]
    # the server chooses the new path: none is planned
    expected = dict((k, v) for k, v in state["old.test"].items() if k != "path")
    assert out.after == {"new.test": dict(expected, name="new.test", max_users=5)}


def test_rename_when_both_exist_fails_and_is_a_noop_when_done():
    state = {"old.test": current("old.test"), "new.test": current("new.test")}
    with pytest.raises(engine.PlanError, match="cannot rename old.test to new.test: both domains exist"):
        plan({"name": "new.test", "rename_from": "old.test."}, state)
    assert plan({"name": "new.test", "rename_from": "old.test"}, {"new.test": current("new.test")})[0] == []


def test_input_errors_before_any_call():
    with pytest.raises(engine.InputError) as error:
        plan({"name": "bad_name..test", "rename_from": "x", "smtp_port": 70000, "ip": "300.1.1.1",
              "settings": {"a=b": 1}}, {})
    text = str(error.value)
    for part in ("bad_name..test", "rename_from 'x'", "smtp_port must be an integer from 1 to 65535", "300.1.1.1",
                 "settings key 'a=b'"):
        assert part in text
    # an empty ip is "no particular address" (what info returns for such a domain)
    assert plan({"name": "ex.test", "ip": ""}, {"ex.test": current()})[0] == []


# ---------------------------------------------------------------------------------- applying
class FakeClient:
    """Answers reads from ``domains`` (name -> list of successive GetDomainSettings answers)."""

    host = "fake:9998"

    def __init__(self, domains, defaults=None, requested=None):
        self.domains = domains
        self.defaults = defaults or soap(ServerIP="198.51.100.1", MaxDomainUsers=99)
        self.requested = requested or {}
        self.calls = []

    def writes(self):
        return [(op, params) for op, params in self.calls if not op.startswith("Get")]

    def call_unchecked(self, service, operation, **params):
        self.calls.append((operation, params))
        if operation == "GetDomainSettings":
            answers = self.domains.get(params["domainName"])
            if not answers:
                return {"Result": False, "ResultCode": 2, "Message": "not found"}
            return answers.pop(0) if len(answers) > 1 else answers[0]
        if operation == "GetAllDomains":
            return {"Result": True, "DomainNames": sorted(n for n, a in self.domains.items() if a)}
        if operation == "GetDomainDefaults":
            return dict(self.defaults)
        if operation == "GetRequestedDomainSettings":
            return {"Result": True, "settingValues": ["%s=%s" % (k, self.requested.get(k, "True"))
                                                      for k in params["requestedSettings"]]}
        if operation == "GetPrimaryDomainAdmin":
            return {"Result": True, "PrimaryAdmin": "postmaster"}
        if operation == "AddDomainEx":
            self.domains[params["DomainName"]] = [soap()]
        if operation == "RenameDomain":
            self.domains[params["NewDomainName"]] = [soap(path="C:\\Domains\\" + params["NewDomainName"])]
            self.domains[params["OldDomainName"]] = []
        return {"Result": True}

    call = call_unchecked

    def write(self, service, operation, **params):
        assert not operation.startswith("Get"), operation
        return self.call_unchecked(service, operation, **params)


def run(params, client, check_mode=False):
    return engine.run(DomainResource(dict(BASE, **params)), client, check_mode=check_mode, diff_mode=True)


def test_check_mode_reads_and_writes_nothing():
    client = FakeClient({"ex.test": [soap()]})
    result = run({"name": "ex.test", "max_users": 5, "enabled": False}, client, check_mode=True)
    assert result["changed"] and client.writes() == []
    assert result["changes"] == ["update max_users of domain ex.test", "disable domain ex.test"]
    assert result["diff"]["after"]["max_users"] == 5 and result["diff"]["before"]["max_users"] == 0
    client = FakeClient({})
    result = run(dict(ADMIN, name="ex.test"), client, check_mode=True)
    assert result["changed"] and client.writes() == []
    assert result["domain"] == {"name": "ex.test", "primary_admin": "postmaster"}


def test_update_domain_takes_the_other_typed_settings_from_a_late_read():
    # Someone changes MaxAliases to 7 after the task's first read: UpdateDomain must not undo it.
    client = FakeClient({"ex.test": [soap(MaxAliases=5), soap(MaxAliases=7), soap(MaxAliases=7, MaxDomainUsers=30)]})
    result = run({"name": "ex.test", "max_users": 30}, client)
    update = [params for op, params in client.writes() if op == "UpdateDomain"]
    assert len(update) == 1
    assert update[0]["MaxAliases"] == 7 and update[0]["MaxDomainUsers"] == 30
    assert update[0]["ServerIP"] == "" and update[0]["ShowStatsMenu"] is False
    # the late read comes right before the write, after every planning read
    operations = [op for op, dummy in client.calls]
    assert operations[operations.index("UpdateDomain") - 1] == "GetDomainSettings"
    assert result["domain"]["max_users"] == 30 and result["domain"]["max_aliases"] == 7


def test_server_defaults_create_never_sends_the_default_ip():
    client = FakeClient({})
    run(dict(ADMIN, name="ex.test", max_users=10), client)
    assert "GetDomainDefaults" not in [op for op, dummy in client.calls]
    update = [params for op, params in client.writes() if op == "UpdateDomain"][0]
    assert update["ServerIP"] == "" and update["MaxDomainUsers"] == 10


def test_add_domain_takes_the_server_defaults_for_what_is_not_set():
    client = FakeClient({})
    client.call_unchecked = client.call = _recording_add(client)
    run(dict(ADMIN, name="ex.test", server_defaults=False, smtp_port=2525), client)
    add = [params for op, params in client.writes() if op == "AddDomain"][0]
    assert add["IP"] == "198.51.100.1" and add["MaxDomainUsers"] == 99 and add["SmtpPort"] == 2525
    assert "ServerIP" not in add


def _recording_add(client):
    original = FakeClient.call_unchecked.__get__(client)

    def call(service, operation, **params):
        result = original(service, operation, **params)
        if operation == "AddDomain":
            client.domains[params["DomainName"]] = [soap(SmtpPort=params["SmtpPort"])]
        return result
    return call


def test_rename_result_is_read_back_from_the_server():
    client = FakeClient({"old.test": [soap(path="C:\\Domains\\old.test")]})
    result = run({"name": "new.test", "rename_from": "old.test."}, client)
    assert [op for op, dummy in client.writes()] == ["RenameDomain"]
    assert result["domain"]["name"] == "new.test" and result["domain"]["path"] == "C:\\Domains\\new.test"
    assert result["diff"]["before"]["path"] == "C:\\Domains\\old.test"
    assert result["diff"]["after"]["path"] == "C:\\Domains\\new.test"


# ---------------------------------------------------------------------------------- info
def test_info_output_plans_nothing():
    client = FakeClient({"ex.test": [soap(ServerIP=None, ListCommandAddress=None)]})
    info = engine.run(DomainInfoResource({"names": ["Ex.Test."], "include": ["primary_admin"],
                                          "settings_keys": ["enablecatchalls"]}), client)
    domain = info["domains"][0]
    assert domain["ip"] == "" and domain["list_command_address"] == ""
    assert info["missing"] == []
    before = len(client.writes())
    result = run(domain, client)
    assert not result["changed"] and len(client.writes()) == before
