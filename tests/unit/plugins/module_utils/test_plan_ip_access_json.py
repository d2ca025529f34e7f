# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Planning of the IP black and white lists over the JSON API (no server): current + params in, exact
calls out; the list read (paged) into the objects SOAP reads."""
import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.ip_access import (
    IpBlacklistResource,
    IpWhitelistResource,
)


def params(resource_class, **given):
    spec = resource_class.argument_spec.argument_spec
    out = dict((name, option.get("default")) for name, option in spec.items())
    if "entries" in given:
        entry = dict((k, v.get("default")) for k, v in spec["entries"]["options"].items())
        given["entries"] = [dict(entry, **e) for e in given["entries"]]
    out.update(given, api="json")
    return out


def plan(resource_class, current, **given):
    resource = resource_class(params(resource_class, **given), api="json")
    out = engine.plan(resource, engine.validate(resource), current)
    return [(w.operation, w.params["body"], w.params["scope"]) for w in out.plan.writes], out


def entry(ip="", start="", end="", description="", smtp=True, pop=True, imap=True, xmpp=True, **extra):
    return dict(ip_address=ip, ip_range_start=start, ip_range_end=end, description=description, smtp=smtp, pop=pop,
                imap=imap, xmpp=xmpp, **extra)


CURRENT = {"192.0.2.1": entry("192.0.2.1", description="old"),
           "10.0.0.1-10.0.0.9": entry(start="10.0.0.1", end="10.0.0.9"),
           "10.8.0.0-10.8.0.255": entry(start="10.8.0.0", end="10.8.0.255", pop=False)}


def test_add_sends_the_cidr_network_and_the_service_names():
    writes, out = plan(IpBlacklistResource, {}, ip_range_start="10.1.0.0", ip_range_end="10.1.1.255", xmpp=False,
                       description="office")
    assert writes == [("POST settings/sysadmin/ip-access",
                       {"serviceList": ["Smtp", "Pop", "Imap"], "dataType": "BlackList", "address": "10.1.0.0/23",
                        "description": "office"}, "sysadmin")]
    assert out.summary == {"created": ["10.1.0.0-10.1.1.255"]}


def test_update_sends_the_whole_entry_with_its_old_address():
    writes, dummy = plan(IpBlacklistResource, CURRENT, ip_address="10.8.0.0/24", imap=False)
    assert writes == [("POST settings/sysadmin/ip-access",
                       {"serviceList": ["Smtp", "Xmpp"], "dataType": "BlackList", "address": "10.8.0.0/24",
                        "oldAddress": "10.8.0.0/24", "description": ""}, "sysadmin")]
    assert plan(IpBlacklistResource, CURRENT, ip_address="10.8.0.0/24", pop=False)[0] == []


def test_purge_deletes_by_address_a_range_that_is_not_a_network_as_listed():
    writes, out = plan(IpWhitelistResource, dict((k, dict(v, disable_greylisting=False)) for k, v in CURRENT.items()),
                       entries=[{"ip_address": "192.0.2.1", "description": "old"}], purge=True, keep=["10.8.0.0/24"])
    assert writes == [("POST settings/sysadmin/ip-access-delete", {"address": "10.0.0.1-10.0.0.9",
                                                                   "dataType": "WhiteList"}, "sysadmin")]
    assert out.summary == {"removed": ["10.0.0.1-10.0.0.9"]}


@pytest.mark.parametrize("resource_class, given, words", [
    (IpBlacklistResource, dict(ip_range_start="10.0.0.1", ip_range_end="10.0.0.9"),
     "an IP range that is not one CIDR network cannot be managed over the JSON API by smartermail_ip_blacklist"),
    (IpWhitelistResource, dict(ip_address="10.0.0.1", disable_greylisting=True),
     "disable_greylisting cannot be managed over the JSON API by smartermail_ip_whitelist"),
])
def test_refused_before_any_call(resource_class, given, words):
    resource = resource_class(params(resource_class, **given), api="json")
    with pytest.raises(engine.InputError) as error:
        engine.validate(resource)
    assert words in "%s" % error.value


class Client:
    """Answers ``ip-access/{isWhitelist}`` from a list, a page at a time, and records the bodies."""

    def __init__(self, items):
        self.items, self.sent = items, []

    def post(self, path, body=None, scope=None, read=False):
        assert path == "settings/sysadmin/ip-access/true" and scope == "sysadmin" and read
        self.sent.append(body)
        skip, take = body["searchParams"]["skip"], body["searchParams"]["take"]
        return {"totalCount": len(self.items), "ipAccessList": self.items[skip:skip + take]}


def test_the_list_is_read_page_by_page_into_the_soap_shape(monkeypatch):
    items = [{"ip": "10.%d.0.0/16" % n, "smtp": True, "description": "n%d" % n} for n in range(3)]
    items += [{"ip": "2001:DB8::1/128", "xmpp": True, "disabledGreylisting": True},
              {"ip": "10.0.0.1-10.0.0.9", "pop": True}]
    monkeypatch.setattr("ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security."
                        "ip_access.JSON_PAGE", 2)
    resource = IpWhitelistResource(params(IpWhitelistResource, ip_address="10.0.0.1"), api="json")
    client = Client(items)
    current = resource.read_all(client, [])
    assert [b["searchParams"]["skip"] for b in client.sent] == [0, 2, 4]
    assert current["2001:db8::1"] == entry("2001:db8::1", smtp=False, pop=False, imap=False,
                                           disable_greylisting=True)
    assert current["10.2.0.0-10.2.255.255"] == entry(start="10.2.0.0", end="10.2.255.255", description="n2",
                                                     pop=False, imap=False, xmpp=False, disable_greylisting=False)
    assert current["10.0.0.1-10.0.0.9"]["pop"] is True and len(current) == 5
