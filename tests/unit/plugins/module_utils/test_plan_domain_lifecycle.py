# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Planning of forwarding blocks, domain defaults, the global update and the licence (no server)."""
import copy
import json

import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain_defaults import (
    DomainDefaultsResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain_forwarding import (
    DomainForwardingResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.global_update import (
    GlobalUpdateResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.license import LicenseResource

READS = ("Get", "List")


class FakeClient:
    """Answers reads from ``answers`` (operation -> dict or callable); records every call."""

    def __init__(self, answers):
        self.answers = answers
        self.calls = []
        self.secrets = []

    def call(self, service, operation, **params):
        self.calls.append((operation, params))
        answer = self.answers.get(operation, {})
        return copy.deepcopy(answer(**params) if callable(answer) else answer)

    def write(self, service, operation, **params):
        assert not operation.startswith(READS), operation
        return self.call(service, operation, **params)

    def add_secret(self, value):
        self.secrets.append(value)

    def writes(self):
        return [c for c in self.calls if not c[0].startswith(READS)]


# ---------------------------------------------------------------------------------- forwarding
BLOCKS = [{"blockID": 4, "targetAddress": "192.0.2.1", "domains": ["a.test"]},
          {"blockID": 7, "targetAddress": "2001:db8::1", "domains": ["B.test", "c.test"]}]
FWD_BASE = {"target": None, "domains": None, "rename_from": None, "state": "present", "blocks": None,
            "purge": False, "keep": []}


def fwd_client():
    def by_target(targetAddress):
        return {"domainForwardBlock": [b for b in BLOCKS if b["targetAddress"] == targetAddress][0]}

    def by_id(blockID):
        return {"domainForwardBlock": [b for b in BLOCKS if b["blockID"] == blockID][0]}
    return FakeClient({"GetDomainForwarding": {"blocks": BLOCKS},
                       "GetDomainForwardingBlockByTargetAddress": by_target,
                       "GetDomainForwardingBlock": by_id})


def fwd(client, check_mode=False, **params):
    return engine.run(DomainForwardingResource(dict(FWD_BASE, **params)), client, check_mode, diff_mode=True)


def test_forwarding_domains_compare_as_a_set_and_update_by_target():
    client = fwd_client()
    assert fwd(client, target="2001:DB8:0::1", domains=["c.test", "b.TEST"])["changed"] is False
    result = fwd(client, target="192.0.2.1", domains=["a.test", "d.test"])
    assert client.writes() == [("SetDomainForwardingBlockByTargetAddress",
                                {"targetAddress": "192.0.2.1", "domains": ["a.test", "d.test"]})]
    assert result["block"] == {"target": "192.0.2.1", "domains": ["a.test", "d.test"]}


def test_forwarding_move_reads_and_writes_by_id():
    client = fwd_client()
    fwd(client, target="192.0.2.9", rename_from="192.0.2.1")
    assert ("GetDomainForwardingBlock", {"blockID": 4}) in client.calls
    assert client.writes() == [("SetDomainForwardingBlock",
                                {"blockID": 4, "targetAddress": "192.0.2.9", "domains": ["a.test"]})]


def test_forwarding_purge_deletes_by_id_named_removal_by_target():
    client = fwd_client()
    result = fwd(client, blocks=[{"target": "192.0.2.1", "domains": ["a.test"], "state": "present"}], purge=True)
    assert client.writes() == [("DeleteDomainForwardingBlock", {"blockID": 7})]
    assert result["removed"] == ["2001:db8::1"]
    client = fwd_client()
    fwd(client, target="192.0.2.1", state="absent")
    assert client.writes() == [("DeleteDomainForwardBlockByTargetAddress", {"targetAddress": "192.0.2.1"})]


@pytest.mark.parametrize("params, message", [
    ({"target": "192.0.2.300", "domains": ["a.test"]}, "192.0.2.300"),
    ({"target": "192.0.2.5", "domains": []}, "needs at least one domain"),
    ({"target": "192.0.2.5", "domains": ["bad_name"]}, "domain of block"),
])
def test_forwarding_bad_input_refused_before_any_call(params, message):
    client = fwd_client()
    with pytest.raises(engine.InputError, match=message):
        fwd(client, **params)
    assert client.calls == []


def test_forwarding_new_block_without_domains_is_a_plan_error():
    client = fwd_client()
    with pytest.raises(engine.PlanError, match="needs domains"):
        fwd(client, target="192.0.2.5")
    assert client.writes() == []


# ---------------------------------------------------------------------------------- defaults
def test_defaults_only_differing_keys_written():
    client = FakeClient({"GetRequestedDomainDefaults": {"settingValues": ["defaultmaxdomainusers=0",
                                                                          "defaultimapport=143"]},
                         "GetDomainDefaults": {"ImapPort": 143}})
    result = engine.run(DomainDefaultsResource({"settings": {"DefaultImapPort": "0143", "defaultmaxdomainusers": 9}}),
                        client, False, diff_mode=True)
    assert client.writes() == [("SetRequestedDomainDefaults", {"newSettings": ["defaultmaxdomainusers=9"]})]
    assert result["changes"] == ["set domain defaults defaultmaxdomainusers"]


# ---------------------------------------------------------------------------------- global update
GU_FIELDS = {"fields": [{"name": "enableCatchAlls", "type": "Boolean"}, {"name": "maxusers", "type": "Int32"}]}


def gu_client(values):
    return FakeClient({"ListGlobalUpdateFields": GU_FIELDS, "GetAllDomains": {"DomainNames": sorted(values)},
                       "GetRequestedDomainSettings": lambda DomainName, requestedSettings: {
                           "settingValues": ["%s=%s" % (k, values[DomainName][k]) for k in requestedSettings]},
                       "GetGlobalUpdateStatus": {"finishedCount": 2, "totalUpdateCount": 2, "isRunning": False}})


def gu(client, check_mode=False, **params):
    base = {"settings": None, "compare": True, "wait": True, "wait_timeout": 60}
    return engine.run(GlobalUpdateResource(dict(base, **params)), client, check_mode, diff_mode=True)


def test_global_update_sent_only_when_a_domain_differs():
    values = {"a.test": {"enablecatchalls": "True", "maxusers": "5"},
              "b.test": {"enablecatchalls": "False", "maxusers": "5"}}
    client = gu_client(values)
    check = gu(client, check_mode=True, settings={"enablecatchalls": False, "maxusers": 5})
    assert check["changed"] and client.writes() == []
    assert check["domains_differing"] == {"a.test": ["enablecatchalls"]}
    assert check["fields"] == [{"name": "enablecatchalls", "val": "False"}, {"name": "maxusers", "val": "5"}]
    real = gu(client, settings={"enablecatchalls": False, "maxusers": 5})
    assert client.writes() == [("UpdateAllDomainSettings", {"fields": check["fields"]})]
    assert real["status"] == {"finished": 2, "total": 2, "running": False}
    values["a.test"]["enablecatchalls"] = "False"
    assert gu(client, settings={"enablecatchalls": "no", "maxusers": "05"})["changed"] is False


def test_global_update_keys_and_types_checked_before_the_write():
    client = gu_client({"a.test": {}})
    with pytest.raises(engine.PlanError, match="catchall cannot be updated"):
        gu(client, settings={"catchall": "x"})
    assert client.writes() == []
    # known keys are checked by type and range before any call
    client = gu_client({"a.test": {}})
    with pytest.raises(engine.InputError, match="must be an integer"):
        gu(client, settings={"maxusers": "lots"})
    with pytest.raises(engine.InputError, match="must be an integer from 0"):
        gu(client, settings={"maxmessagesize": -5})
    with pytest.raises(engine.InputError, match="must be a boolean"):
        gu(client, settings={"enablecatchalls": "perhaps"})
    assert client.calls == []


def test_global_update_without_compare_reads_no_domain_and_always_sends():
    client = gu_client({"a.test": {}})
    result = gu(client, settings={"maxusers": 3}, compare=False)
    assert result["changed"] and [c[0] for c in client.calls] == [
        "ListGlobalUpdateFields", "UpdateAllDomainSettings", "GetGlobalUpdateStatus"]


# ---------------------------------------------------------------------------------- licence
def lic(client, check_mode=False, **params):
    base = {"key": "KEY-1111", "activate": True, "reactivate": False, "account_email": "a@example.test",
            "account_password": "Acct-Pw-unit"}
    return engine.run(LicenseResource(dict(base, **params)), client, check_mode, diff_mode=True)


def test_license_set_and_activated_only_when_another_key_is_held():
    client = FakeClient({"GetLicenseInfo": {"LicenseKey": "OLD-KEY-9999"}})
    result = lic(client)
    assert [w[0] for w in client.writes()] == ["SetLicenseKey", "ActivateLicenseKey"]
    text = json.dumps(result)
    assert "KEY-1111" not in text and "OLD-KEY-9999" not in text and "Acct-Pw-unit" not in text
    assert result["diff"] == {"before": {"license_key": engine.HIDDEN}, "after": {"license_key": engine.CHANGED_SECRET}}
    assert client.secrets == ["OLD-KEY-9999"]
    client = FakeClient({"GetLicenseInfo": {"LicenseKey": "KEY-1111"}})
    assert lic(client)["changed"] is False and client.writes() == []


def test_license_activation_needs_an_account():
    client = FakeClient({})
    with pytest.raises(engine.InputError, match="account_email and account_password"):
        lic(client, account_password=None)
    assert client.calls == []
    assert lic(FakeClient({"GetLicenseInfo": {"LicenseKey": ""}}), activate=False, account_password=None)["changes"] \
        == ["set the licence key"]
