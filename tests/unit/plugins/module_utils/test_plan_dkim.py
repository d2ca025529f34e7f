# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Planning of DKIM / DomainKeys keys: generated when missing or rotated, the private key never kept."""
import json

import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.dkim import DkimResource

PRIVATE = "-----BEGIN RSA PRIVATE KEY-----\nUNIT-PRIVATE-d41f\n-----END RSA PRIVATE KEY-----"
BASE = {"domain": "Ex.Test", "type": "dkim", "selector": None, "key_size": 2048, "rotate": False}


class FakeClient:
    def __init__(self, keys=None):
        self.keys = dict(keys or {})
        self.calls = []

    def call(self, service, operation, **params):
        self.calls.append((operation, params))
        kind = "dkim" if "DKIM" in operation else "domainkeys"
        if operation.startswith("Generate"):
            self.keys[kind] = {"privateKey": PRIVATE, "publicKey": "PUB%d" % len(self.calls),
                               "selector": params["selector"]}
            return dict(self.keys[kind])
        return dict(self.keys.get(kind) or {})

    write = call

    def writes(self):
        return [c for c in self.calls if c[0].startswith("Generate")]


def run(client, check_mode=False, **params):
    return engine.run(DkimResource(dict(BASE, **params)), client, check_mode, diff_mode=True)


def test_generated_when_missing_then_kept():
    client = FakeClient()
    result = run(client, selector="s1", key_size=1024)
    assert client.writes() == [("GenerateDKIMCert", {"DomainName": "ex.test", "KeySize": 1024, "selector": "s1"})]
    assert result["dns_record"] == {"name": "s1._domainkey.ex.test", "type": "TXT", "value": "v=DKIM1; k=rsa; p=PUB2"}
    assert "UNIT-PRIVATE" not in json.dumps(result)
    again = run(client, selector="s1", key_size=1024)
    assert again["changed"] is False and len(client.writes()) == 1
    assert again["dns_record"] == result["dns_record"]


def test_check_mode_generates_nothing_and_knows_no_record():
    client = FakeClient()
    result = run(client, check_mode=True, selector="s1")
    assert result["changed"] and client.writes() == [] and result["dns_record"] is None


def test_other_selector_warns_rotate_replaces():
    client = FakeClient({"domainkeys": {"privateKey": PRIVATE, "publicKey": "OLD", "selector": "old"}})
    kept = run(client, type="domainkeys", selector="new")
    assert kept["changed"] is False and "rotate" in kept["warnings"][0]
    assert kept["dns_record"]["value"] == "k=rsa; p=OLD"
    rotated = run(client, type="domainkeys", selector="new", rotate=True)
    assert [w[0] for w in client.writes()] == ["GenerateDomainKeysCert"]
    assert rotated["diff"]["before"]["selector"] == "old" and rotated["dns_record"]["name"] == "new._domainkey.ex.test"


@pytest.mark.parametrize("params, message", [
    ({"selector": "a b"}, "not a valid selector"),
    ({"domain": "bad_domain"}, "domain"),
    ({"rotate": True}, "rotate needs selector"),
])
def test_bad_input_refused_before_any_call(params, message):
    client = FakeClient()
    with pytest.raises(engine.InputError, match=message):
        run(client, **params)
    assert client.calls == []


def test_missing_key_without_selector_is_a_plan_error():
    client = FakeClient()
    with pytest.raises(engine.PlanError, match="selector is needed"):
        run(client)
    assert client.writes() == []
