# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Plesk XML API part of the emulator, as a real process: the 8 <spamfilter> operations, the
element order of the answers (reference trees), every error code, faults, counters, state."""

from __future__ import annotations

import json
import os
import socket
import ssl
import time
import urllib.error
import urllib.request

import pytest
from lxml import etree

from emu_helpers import ADMIN_PASSWORD, ADMIN_USER, EmulatorProcess

API_KEY = "Emu-Plesk-Key-2b9f"
LOGIN = {"HTTP_AUTH_LOGIN": ADMIN_USER, "HTTP_AUTH_PASSWD": ADMIN_PASSWORD}
STATE = {
    "domains": {
        "x.test": {"users": {
            "bob": {"password": "Bob-Pw-1"},
            "carol": {"password": "Carol-Pw-1"},
            "postmaster": {"password": "Pm-Pw-1", "is_domain_admin": True},
        }},
        "y.test": {"users": {"dave": {"password": "Dave-Pw-1"}}},
    },
}


@pytest.fixture(scope="module")
def plesk_process(tmp_path_factory):
    state = tmp_path_factory.mktemp("plesk") / "state.json"
    proc = EmulatorProcess(str(state), admin_user=ADMIN_USER, admin_password=ADMIN_PASSWORD, plesk=True,
                           plesk_api_key=API_KEY)
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()


@pytest.fixture()
def emu(plesk_process):
    if not plesk_process.running():
        plesk_process.restart()
    plesk_process.reset(STATE)
    return plesk_process


class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        self.root = etree.fromstring(body) if status == 200 else None

    def system(self):
        system = self.root.find("system")
        assert system is not None, self.body
        return [c.tag for c in system], (system.findtext("status"), int(system.findtext("errcode")),
                                         system.findtext("errtext"))

    def results(self, index=0):
        ops = list(self.root.find("spamfilter"))
        return ops[index].findall("result")

    def ok(self, index=0):
        results = self.results(index)
        assert results and all(r.findtext("status") == "ok" for r in results), self.body
        return results


def post(emu, body, headers=None, raw=False, timeout=10):
    data = body if isinstance(body, bytes) else body.encode("utf-8")
    hdrs = {"Content-Type": "text/xml"}
    hdrs.update(LOGIN if headers is None else headers)
    req = urllib.request.Request(emu.plesk_agent_url, data=data, headers=hdrs, method="POST")
    ctx = ssl.create_default_context(cafile=emu.plesk_ca_path)
    try:
        with urllib.request.urlopen(req, context=ctx, timeout=timeout) as resp:
            status, rheaders, rbody = resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        status, rheaders, rbody = exc.code, dict(exc.headers), exc.read()
    if raw:
        return status, rheaders, rbody
    return Answer(status, rheaders, rbody)


def packet(ops, version=None):
    head = '<packet version="%s">' % version if version else "<packet>"
    return "%s<spamfilter>%s</spamfilter></packet>" % (head, ops)


def users(*names):
    return "".join("<username>%s</username>" % n for n in names)


def get(emu, *names, **kw):
    return post(emu, packet("<get><filter>%s</filter></get>" % users(*names)), **kw)


def tags(el):
    return [c.tag for c in el]


def error_of(result):
    return result.findtext("status"), int(result.findtext("errcode")), result.findtext("errtext")


# ------------------------------------------------------------------------------ operations
def test_get_admin_and_mailboxes_element_order(emu):
    answer = get(emu, "admin", "bob@x.test", "Carol@X.test")
    assert answer.headers["Content-Type"].startswith("text/xml")
    admin, bob, carol = answer.ok()
    assert tags(admin) == ["status", "filter-id", "id", "username", "enabled", "preferences"]
    assert tags(admin.find("preferences")) == ["personal", "max-children-process", "use-server-wide-settings",
                                               "required-score", "rewrite-header"]
    assert admin.findtext("id") == "1" and admin.findtext("preferences/personal") == "1"
    assert tags(bob) == ["status", "filter-id", "id", "username", "disabled", "preferences"]
    assert tags(bob.find("preferences")) == ["use-server-wide-settings", "required-score", "rewrite-header", "action"]
    assert carol.findtext("filter-id") == "Carol@X.test" and carol.findtext("username") == "carol@x.test"
    assert bob.findtext("id") != carol.findtext("id")
    counters = emu.counters()
    assert counters["operations"]["plesk.spamfilter.get"] == {"reads": 1, "writes": 0}
    assert counters["writes"] == 0


def test_set_preferences_enable_disable_and_persist(emu):
    answer = post(emu, packet(
        "<set><filter>%s</filter><preferences><use-server-wide-settings>0</use-server-wide-settings>"
        "<required-score>5.5</required-score><rewrite-header>[SPAM]</rewrite-header><action>move</action>"
        "</preferences><enabled/></set>" % users("bob@x.test", "carol@x.test")))
    results = answer.ok()
    assert [tags(r) for r in results] == [["status", "filter-id", "id"]] * 2
    bob = get(emu, "bob@x.test").ok()[0]
    assert bob.find("enabled") is not None
    assert bob.findtext("preferences/required-score") == "5.5"
    assert bob.findtext("preferences/use-server-wide-settings") == "0"
    assert bob.findtext("preferences/action") == "move"
    post(emu, packet("<set><filter>%s</filter><preferences/><disabled/></set>" % users("bob@x.test"))).ok()
    assert get(emu, "bob@x.test").ok()[0].find("disabled") is not None
    post(emu, packet("<set><filter>%s</filter><preferences><personal>0</personal><max-children-process>2"
                     "</max-children-process></preferences></set>" % users("admin"))).ok()
    assert emu.counters()["operations"]["plesk.spamfilter.set"]["writes"] == 3
    # shared JSON state, top-level "plesk" key, survives a restart
    emu.restart()
    doc = emu.state()
    assert doc["plesk"]["filters"]["bob@x.test"]["preferences"]["required-score"] == "5.5"
    admin = get(emu, "admin").ok()[0]
    assert admin.findtext("preferences/personal") == "0"
    assert admin.findtext("preferences/max-children-process") == "2"
    with open(emu.state_path, encoding="utf-8") as handle:
        assert json.load(handle)["plesk"]["filters"]["admin"]["preferences"]["personal"] is False


def test_patterns_add_get_del(emu):
    add = post(emu, packet("<add-pattern><filter><pattern>*@Spam.test</pattern><pattern>x@y.test</pattern></filter>"
                           "<list>black</list><username>bob@x.test</username></add-pattern>"))
    results = add.ok()
    assert [r.findtext("filter-id") for r in results] == ["*@Spam.test", "x@y.test"]
    assert tags(results[0]) == ["status", "filter-id", "id"]
    post(emu, packet("<add-pattern><filter><pattern>ok@z.test</pattern></filter><list>white</list>"
                     "<username>admin</username></add-pattern>")).ok()
    got = post(emu, packet("<get-patterns><filter>%s</filter><list>black</list></get-patterns>"
                           % users("bob@x.test", "carol@x.test")))
    bob, carol = got.ok()
    assert tags(bob) == ["status", "filter-id", "id", "pattern", "pattern"]
    assert [p.text for p in bob.findall("pattern")] == ["*@spam.test", "x@y.test"]
    assert carol.findall("pattern") == []
    # without a filter: every filter that has state
    everyone = post(emu, packet("<get-patterns><list>white</list></get-patterns>")).ok()
    assert {r.findtext("filter-id"): [p.text for p in r.findall("pattern")] for r in everyone}["admin"] == ["ok@z.test"]
    post(emu, packet("<del-pattern><filter><pattern>X@y.test</pattern></filter><list>black</list>"
                     "<username>bob@x.test</username></del-pattern>")).ok()
    missing = post(emu, packet("<del-pattern><filter><pattern>never@y.test</pattern></filter><list>black</list>"
                               "<username>bob@x.test</username></del-pattern>")).results()[0]
    assert error_of(missing) == ("error", 1013, "Object not found.")
    assert tags(missing) == ["status", "errcode", "errtext", "filter-id"]
    bob = post(emu, packet("<get-patterns><filter>%s</filter><list>black</list></get-patterns>"
                           % users("bob@x.test"))).ok()[0]
    assert [p.text for p in bob.findall("pattern")] == ["*@spam.test"]
    ops = emu.counters()["operations"]
    assert ops["plesk.spamfilter.add-pattern"]["writes"] == 2
    assert ops["plesk.spamfilter.del-pattern"]["writes"] == 2
    assert ops["plesk.spamfilter.get-patterns"]["reads"] == 3


def test_allowed_preferences_and_lists(emu):
    prefs = post(emu, packet("<get-allowed-preferences><filter>%s</filter></get-allowed-preferences>"
                             % users("admin", "bob@x.test"))).ok()
    assert [p.text for p in prefs[0].findall("preference")] == [
        "personal", "max-children-process", "use-server-wide-settings", "required-score", "rewrite-header"]
    assert [p.text for p in prefs[1].findall("preference")] == [
        "use-server-wide-settings", "required-score", "rewrite-header", "action"]
    assert tags(prefs[1])[:3] == ["status", "filter-id", "id"]
    lists = post(emu, packet("<get-allowed-lists><filter>%s</filter></get-allowed-lists>"
                             % users("admin", "bob@x.test"))).ok()
    assert [x.text for x in lists[0].findall("list")] == ["black", "white"]
    assert [x.text for x in lists[1].findall("list")] == ["black", "white", "unblack", "unwhite"]


def test_check_and_not_installed(emu):
    result = post(emu, packet("<check/>")).ok()[0]
    assert tags(result) == ["status"]
    emu.plesk_installed(False)
    assert error_of(post(emu, packet("<check/>")).results()[0]) == ("error", 1026, "Component is not installed.")
    result = get(emu, "admin").results()[0]
    assert error_of(result) == ("error", 1026, "Component is not installed.")
    assert tags(result) == ["status", "errcode", "errtext", "filter-id"]
    assert emu.state()["plesk"]["installed"] is False
    emu.plesk_installed(True)
    get(emu, "admin").ok()


def test_spamfilter_id_filter_and_several_operations_in_one_packet(emu):
    bob_id = get(emu, "bob@x.test").ok()[0].findtext("id")
    answer = post(emu, packet("<get><filter><spamfilter-id>%s</spamfilter-id><spamfilter-id>1</spamfilter-id>"
                              "</filter></get><get><filter>%s</filter></get><check/>" % (bob_id, users("carol@x.test"))))
    by_id = answer.ok(0)
    assert [r.findtext("username") for r in by_id] == ["bob@x.test", "admin"]
    assert answer.ok(1)[0].findtext("username") == "carol@x.test"
    assert tags(answer.root.find("spamfilter")) == ["get", "get", "check"]
    unknown = post(emu, packet("<get><filter><spamfilter-id>999</spamfilter-id></filter></get>")).results()[0]
    assert error_of(unknown)[:2] == ("error", 1013)


def test_known_mailboxes_smartermail_users_plus_seeded(emu):
    assert error_of(get(emu, "eve@z.test").results()[0])[:2] == ("error", 1013)
    seeded = emu.plesk_mailboxes(add=["Eve@Z.test"])
    assert seeded["seeded"] == ["eve@z.test"] and "bob@x.test" in seeded["known"]
    get(emu, "eve@z.test").ok()
    assert "eve@z.test" in emu.plesk_state()["known_mailboxes"]


def test_packet_version(emu):
    unversioned = get(emu, "admin")
    unversioned.ok()
    assert unversioned.root.get("version") is None
    for version in ("1.6", "1.6.9.0", "1.4.2.0", "1.6.3.5"):
        answer = post(emu, packet("<get><filter>%s</filter></get>" % users("admin"), version))
        answer.ok()
        assert answer.root.get("version") == version
    for version in ("1.7.0.0", "2.0", "abc", "1.3.1.0"):
        answer = post(emu, packet("<check/>", version))
        shape, (status, code, text) = answer.system()
        assert shape == ["status", "errcode", "errtext"]
        assert (status, code, text) == ("error", 1005, "XML API protocol version not supported.")


# ------------------------------------------------------------------------------ auth errors
def test_auth_errors_1001_and_11003(emu):
    body = packet("<check/>")
    for headers in ({"HTTP_AUTH_LOGIN": ADMIN_USER, "HTTP_AUTH_PASSWD": "wrong"}, {},
                    {"HTTP_AUTH_LOGIN": "nobody", "HTTP_AUTH_PASSWD": ADMIN_PASSWORD}):
        assert post(emu, body, headers=headers).system()[1][:2] == ("error", 1001)
    assert post(emu, body, headers={"KEY": "not-the-key"}).system()[1] == (
        "error", 11003, "Invalid secret key usage. Please check logs for details.")
    post(emu, body, headers={"KEY": API_KEY}).ok()
    emu.plesk_add_key("Second-Key-77")
    post(emu, body, headers={"KEY": "Second-Key-77"}).ok()


def test_permission_1006_for_a_domain_admin(emu):
    pm = {"HTTP_AUTH_LOGIN": "postmaster@x.test", "HTTP_AUTH_PASSWD": "Pm-Pw-1"}
    answer = get(emu, "bob@x.test", "dave@y.test", "admin", headers=pm)
    bob, dave, admin = answer.results()
    assert bob.findtext("status") == "ok"
    assert error_of(dave) == ("error", 1006, "Permission denied.")
    assert error_of(admin)[:2] == ("error", 1006)
    own = {"HTTP_AUTH_LOGIN": "bob@x.test", "HTTP_AUTH_PASSWD": "Bob-Pw-1"}
    assert [r.findtext("status") for r in get(emu, "bob@x.test", "carol@x.test", headers=own).results()] == \
        ["ok", "error"]


# ------------------------------------------------------------------------------ 1014
@pytest.mark.parametrize("body, fragment", [
    (b"<packet><spamfilter><get>", "Request is invalid"),
    (b"", "empty"),
    (b'<?xml version="1.0"?><!DOCTYPE packet [<!ENTITY x "y">]><packet><spamfilter><check/></spamfilter></packet>',
     "DTD is not allowed"),
    (packet("<enable><filter><username>admin</username></filter></enable>"), "Element 'enable'"),
    ("<packet><webspace><get/></webspace></packet>", "Element 'webspace'"),
    ("<request><spamfilter><check/></spamfilter></request>", "Element 'request'"),
    (packet("<get><filter><username>admin</username><spamfilter-id>1</spamfilter-id></filter></get>"),
     "Element 'spamfilter-id'"),
    (packet("<get><filter/></get>"), "Missing child"),
    (packet("<set><filter><username>admin</username></filter><enabled/></set>"), "Expected is ( preferences )"),
    (packet("<set><filter><username>admin</username></filter><preferences><required-score>5</required-score>"
            "<personal>1</personal></preferences></set>"), "Expected is ( rewrite-header | action )"),
    (packet("<set><filter><username>admin</username></filter><preferences><personal>yes</personal>"
            "</preferences></set>"), "xs:boolean"),
    (packet("<set><filter><username>bob@x.test</username></filter><preferences><action>text</action>"
            "</preferences></set>"), "enumeration"),
    (packet("<set><filter><username>admin</username></filter><preferences/><enabled/><disabled/></set>"),
     "Element 'disabled'"),
    (packet("<add-pattern><filter><pattern>a@b.test</pattern></filter><list>grey</list>"
            "<username>admin</username></add-pattern>"), "'grey'"),
    (packet("<add-pattern><filter><pattern>a@b.test</pattern></filter><username>admin</username>"
            "<list>black</list></add-pattern>"), "Element 'username'"),
    (packet("<check><filter/></check>"), "content type is empty"),
])
def test_parser_errors_1014(emu, body, fragment):
    shape, (status, code, text) = post(emu, body).system()
    assert (status, code) == ("error", 1014)
    assert fragment in text, text
    # nothing of the packet was executed
    assert (emu.state().get("plesk") or {}).get("filters", {}) == {}


# ------------------------------------------------------------------------------ result errors
def test_unknown_mailbox_1013_others_still_answered(emu):
    answer = post(emu, packet("<set><filter>%s</filter><preferences><required-score>4</required-score>"
                              "</preferences></set>" % users("bob@x.test", "nobody@x.test")))
    bob, nobody = answer.results()
    assert bob.findtext("status") == "ok"
    assert error_of(nobody) == ("error", 1013, "Object not found.")
    assert nobody.findtext("filter-id") == "nobody@x.test"


@pytest.mark.parametrize("ops", [
    "<set><filter><username>bob@x.test</username></filter><preferences><max-children-process>2"
    "</max-children-process></preferences></set>",
    "<set><filter><username>bob@x.test</username></filter><preferences><personal>1</personal></preferences></set>",
    "<set><filter><username>admin</username></filter><preferences><action>delete</action></preferences></set>",
    "<add-pattern><filter><pattern>a@b.test</pattern></filter><list>unblack</list><username>admin</username>"
    "</add-pattern>",
    "<get-patterns><filter><username>admin</username></filter><list>unwhite</list></get-patterns>",
])
def test_option_not_supported_12009(emu, ops):
    result = post(emu, packet(ops)).results()[0]
    assert error_of(result) == ("error", 12009, "Option is not supported")
    bob = get(emu, "bob@x.test").ok()[0]
    assert bob.find("preferences/max-children-process") is None


def test_invalid_values_rejected_in_the_result(emu):
    for prefs in ("<required-score>abc</required-score>", "<required-score>-1</required-score>",
                  "<max-children-process>9</max-children-process>"):
        result = post(emu, packet("<set><filter><username>admin</username></filter><preferences>%s</preferences>"
                                  "</set>" % prefs)).results()[0]
        assert result.findtext("status") == "error", prefs
    assert get(emu, "admin").ok()[0].findtext("preferences/required-score") == "7"


# ------------------------------------------------------------------------------ faults
def test_transport_faults(emu):
    emu.fault("plesk", "spamfilter.get", "http503")
    assert post(emu, packet("<get><filter><username>admin</username></filter></get>"), raw=True)[0] == 503
    emu.fault("plesk", "*", "http500")
    assert post(emu, packet("<check/>"), raw=True)[0] == 500
    emu.fault("plesk", "spamfilter.check", "malformed")
    status, body = post(emu, packet("<check/>"), raw=True)[::2]
    assert status == 200
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(body)
    emu.fault("plesk", "spamfilter.check", "entity_bomb")
    body = post(emu, packet("<check/>"), raw=True)[2]
    assert b"<!ENTITY lol9" in body
    emu.fault("plesk", "spamfilter.check", "refuse")
    with pytest.raises((urllib.error.URLError, ConnectionError, socket.error, ssl.SSLError)):
        post(emu, packet("<check/>"), raw=True)
    emu.fault("plesk", "spamfilter.check", "delay", seconds=0.3)
    started = time.monotonic()
    post(emu, packet("<check/>")).ok()
    assert time.monotonic() - started >= 0.3
    # a SOAP-side rule does not hit Plesk, a Plesk rule does not hit SOAP
    emu.fault("svcAliasAdmin", "*", "http500")
    post(emu, packet("<check/>")).ok()
    assert emu.faults()[0]["service"] == "svcAliasAdmin"


def test_plesk_specific_faults(emu):
    emu.fault("plesk", "spamfilter.get", "packet_error", code=1003, message="Agent initialization failed.")
    assert get(emu, "admin").system()[1] == ("error", 1003, "Agent initialization failed.")
    emu.fault("plesk", "spamfilter.set", "result_error", count=1)
    answer = post(emu, packet("<get><filter><username>admin</username></filter></get><set><filter>"
                              "<username>admin</username></filter><preferences><required-score>3</required-score>"
                              "</preferences></set>"))
    answer.ok(0)
    assert error_of(answer.results(1)[0]) == ("error", 1023, "Operation failed.")
    assert get(emu, "admin").ok()[0].findtext("preferences/required-score") == "7"
    emu.fault("plesk", "*", "bad_key")
    assert get(emu, "admin").system()[1][:2] == ("error", 11003)
    get(emu, "admin").ok()
    listed = emu.faults()
    assert listed == []


def test_http_shape(emu):
    url = emu.plesk_url + "/other"
    ctx = ssl.create_default_context(cafile=emu.plesk_ca_path)
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(url, context=ctx, timeout=5)
    assert info.value.code == 404
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(emu.plesk_agent_url, context=ctx, timeout=5)
    assert info.value.code == 405
    assert emu.plesk_url.startswith("https://127.0.0.1:")
    assert os.path.exists(emu.plesk_ca_path)
