# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Plesk XML API client with a fake transport: the exact packets sent, and the error handling."""
import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._plesk import client as pc
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.http import TransportError

URL = "https://plesk.example.test:8443"
AGENT = URL + "/enterprise/control/agent.php"
PASSWORD = "Plesk-Unit-Pw-8c1"
KEY = "Plesk-Unit-Key-0d7e"
DECL = b"<?xml version='1.0' encoding='UTF-8'?>\n"


class FakeHttp:
    """Answers from a queue of (status, body) or exceptions, and records every request."""

    def __init__(self, answers, secrets):
        self.answers = list(answers)
        self.requests = []
        self.secrets = [s for s in secrets if s]

    def scrub(self, text):
        text = "%s" % text
        for secret in self.secrets:
            text = text.replace(secret, "********")
        return text

    def request(self, method, url, data=None, headers=None):
        self.requests.append((method, url, data, dict(headers or {})))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def client(answers, key=False, **kwargs):
    kwargs.setdefault("backoff", 0)
    if key:
        c = pc.PleskClient(URL, api_key=KEY, **kwargs)
    else:
        c = pc.PleskClient(URL, "admin", PASSWORD, **kwargs)
    c.http = FakeHttp(answers, [PASSWORD, KEY])
    return c


def ok(body):
    return 200, ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><packet version=\"1.6.9.0\"><spamfilter>%s"
                 "</spamfilter></packet>" % body).encode("utf-8")


def sent(c, index=0):
    return c.http.requests[index][2]


def packet(body):
    return DECL + ("<packet><spamfilter>%s</spamfilter></packet>" % body).encode("utf-8")


OK_RESULT = "<result><status>ok</status><filter-id>%s</filter-id><id>%d</id></result>"
SEED_GET = ok(
    "<get><result><status>ok</status><filter-id>mybox@site.com</filter-id><id>11</id>"
    "<username>mybox@site.com</username><enabled/><preferences><rewrite-header>SPAM</rewrite-header>"
    "</preferences></result><result><status>ok</status><filter-id>my@site.com</filter-id><id>12</id>"
    "<username>my@site.com</username><disabled/><preferences><action>text</action></preferences>"
    "</result></get>")


# ---------------------------------------------------------------------------- packets sent
def test_get_one_packet_for_all_filters_and_parsed_answer():
    c = client([SEED_GET])
    got = c.get(["mybox@site.com", "my@site.com"])
    assert sent(c) == packet("<get><filter><username>mybox@site.com</username><username>my@site.com</username>"
                             "</filter></get>")
    method, url, headers = c.http.requests[0][0], c.http.requests[0][1], c.http.requests[0][3]
    assert (method, url) == ("POST", AGENT)
    assert headers == {"Content-Type": "text/xml; charset=UTF-8", "HTTP_AUTH_LOGIN": "admin",
                       "HTTP_AUTH_PASSWD": PASSWORD}
    assert got == {
        "mybox@site.com": {"id": "11", "username": "mybox@site.com", "enabled": True,
                           "preferences": {"rewrite-header": "SPAM"}},
        "my@site.com": {"id": "12", "username": "my@site.com", "enabled": False,
                        "preferences": {"action": "text"}},
    }


def test_get_admin_typed_preferences():
    c = client([ok("<get><result><status>ok</status><filter-id>admin</filter-id><id>1</id><username>admin"
                   "</username><enabled/><preferences><personal>1</personal><max-children-process>5"
                   "</max-children-process><use-server-wide-settings>0</use-server-wide-settings>"
                   "<required-score>6.5</required-score></preferences></result></get>")])
    got = c.get(["admin"])["admin"]
    assert got["preferences"] == {"personal": True, "max-children-process": 5, "use-server-wide-settings": False,
                                  "required-score": "6.5"}


def test_set_preferences_in_schema_order_then_enabled():
    c = client([ok("<set>%s%s</set>" % (OK_RESULT % ("a@x.test", 2), OK_RESULT % ("b@x.test", 3)))])
    # given in another order than the schema's
    c.set(["a@x.test", "b@x.test"], preferences={"action": "move", "required-score": "5.5",
                                                 "use-server-wide-settings": False, "rewrite-header": "[SPAM]"},
          enabled=True)
    assert sent(c) == packet(
        "<set><filter><username>a@x.test</username><username>b@x.test</username></filter><preferences>"
        "<use-server-wide-settings>0</use-server-wide-settings><required-score>5.5</required-score>"
        "<rewrite-header>[SPAM]</rewrite-header><action>move</action></preferences><enabled/></set>")


def test_set_admin_preferences_and_disable_only():
    c = client([ok("<set>%s</set>" % (OK_RESULT % ("admin", 1))), ok("<set>%s</set>" % (OK_RESULT % ("admin", 1)))])
    c.set(["admin"], preferences={"max-children-process": 3, "personal": True})
    c.set(["admin"], enabled=False)
    assert sent(c, 0) == packet("<set><filter><username>admin</username></filter><preferences><personal>1</personal>"
                                "<max-children-process>3</max-children-process></preferences></set>")
    # <preferences> is required by the schema even when only the status changes
    assert sent(c, 1) == packet("<set><filter><username>admin</username></filter><preferences/><disabled/></set>")


def test_set_rejects_unknown_preference_before_sending():
    c = client([])
    with pytest.raises(ValueError, match="hits"):
        c.set(["admin"], preferences={"hits": 5})
    assert c.http.requests == []


def test_add_and_del_pattern_packets():
    c = client([ok("<add-pattern>%s%s</add-pattern>" % (OK_RESULT % ("*@spam.test", 2), OK_RESULT % ("x@y.test", 2))),
                ok("<del-pattern>%s</del-pattern>" % (OK_RESULT % ("old@y.test", 2)))])
    c.add_patterns("a@x.test", "black", ["*@spam.test", "x@y.test"])
    c.del_patterns("a@x.test", "unwhite", ["old@y.test"])
    assert sent(c, 0) == packet("<add-pattern><filter><pattern>*@spam.test</pattern><pattern>x@y.test</pattern>"
                                "</filter><list>black</list><username>a@x.test</username></add-pattern>")
    assert sent(c, 1) == packet("<del-pattern><filter><pattern>old@y.test</pattern></filter><list>unwhite</list>"
                                "<username>a@x.test</username></del-pattern>")


def test_get_patterns_one_packet_per_list():
    c = client([ok("<get-patterns><result><status>ok</status><filter-id>admin</filter-id><id>1</id>"
                   "<pattern>*@spam.test</pattern></result><result><status>ok</status><filter-id>a@x.test"
                   "</filter-id><id>2</id></result></get-patterns>")])
    got = c.get_patterns(["admin", "a@x.test"], "white")
    assert sent(c) == packet("<get-patterns><filter><username>admin</username><username>a@x.test</username>"
                             "</filter><list>white</list></get-patterns>")
    assert got == {"admin": ["*@spam.test"], "a@x.test": []}


def test_allowed_preferences_lists_and_check():
    c = client([
        ok("<get-allowed-preferences><result><status>ok</status><filter-id>a@x.test</filter-id><id>2</id>"
           "<preference>required-score</preference><preference>action</preference></result>"
           "</get-allowed-preferences>"),
        ok("<get-allowed-lists><result><status>ok</status><filter-id>admin</filter-id><id>1</id><list>black</list>"
           "<list>white</list></result></get-allowed-lists>"),
        ok("<check><result><status>ok</status></result></check>"),
    ], key=True, version="1.6.9.0")
    assert c.get_allowed_preferences(["a@x.test"]) == {"a@x.test": ["required-score", "action"]}
    assert c.get_allowed_lists(["admin"]) == {"admin": ["black", "white"]}
    assert c.check() is True
    head = DECL + b'<packet version="1.6.9.0"><spamfilter>'
    assert sent(c, 0) == head + (b"<get-allowed-preferences><filter><username>a@x.test</username></filter>"
                                 b"</get-allowed-preferences></spamfilter></packet>")
    assert sent(c, 1) == head + (b"<get-allowed-lists><filter><username>admin</username></filter>"
                                 b"</get-allowed-lists></spamfilter></packet>")
    assert sent(c, 2) == head + b"<check/></spamfilter></packet>"
    headers = c.http.requests[0][3]
    assert headers["KEY"] == KEY and "HTTP_AUTH_LOGIN" not in headers and "HTTP_AUTH_PASSWD" not in headers


@pytest.mark.parametrize("url, agent", [
    ("https://plesk.example.test:8443", AGENT),
    ("https://plesk.example.test:8443/", AGENT),
    (AGENT, AGENT),
    ("http://127.0.0.1:8880/enterprise/control/agent.php", "http://127.0.0.1:8880/enterprise/control/agent.php"),
])
def test_agent_url(url, agent):
    assert pc.PleskClient(url, api_key=KEY).url == agent


def test_bad_arguments():
    with pytest.raises(pc.PleskError, match="url must look like"):
        pc.PleskClient("plesk.example.test", api_key=KEY)
    with pytest.raises(pc.PleskError, match="username and password, or api_key"):
        pc.PleskClient(URL, username="admin")


# ---------------------------------------------------------------------------- errors
def system_error(code, text):
    return 200, ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><packet><system><status>error</status>"
                 "<errcode>%s</errcode><errtext>%s</errtext></system></packet>" % (code, text)).encode("utf-8")


def test_bad_login_names_host_operation_and_hint_without_password():
    c = client([system_error(1001, "Authentication failed - wrong password.")])
    with pytest.raises(pc.PleskError) as info:
        c.get(["admin"])
    err = info.value
    assert str(err) == ("Plesk plesk.example.test:8443 spamfilter.get for admin failed: Authentication failed - "
                        "wrong password. (errcode 1001); check username and password")
    assert (err.errcode, err.operation, err.host) == (1001, "get", "plesk.example.test:8443")
    assert PASSWORD not in str(err)


def test_bad_key_and_version_hints():
    c = client([system_error(11003, "Invalid secret key usage."),
                system_error(1005, "XML API protocol version not supported.")], key=True)
    with pytest.raises(pc.PleskError, match=r"errcode 11003\); check api_key") as info:
        c.get(["admin"])
    assert KEY not in str(info.value)
    with pytest.raises(pc.PleskError, match=r"version not supported. \(errcode 1005\)"):
        c.get(["admin"])


def test_secret_echoed_by_the_server_is_masked():
    c = client([system_error(1014, "Parser error near %s" % PASSWORD)])
    with pytest.raises(pc.PleskError) as info:
        c.get(["admin"])
    assert PASSWORD not in str(info.value) and "********" in str(info.value)
    assert PASSWORD not in info.value.errtext


def test_result_error_names_the_filter():
    c = client([ok("<get><result><status>ok</status><filter-id>a@x.test</filter-id><id>2</id><username>a@x.test"
                   "</username><enabled/><preferences/></result><result><status>error</status><errcode>1013"
                   "</errcode><errtext>Object not found.</errtext><filter-id>nobody@x.test</filter-id></result>"
                   "</get>")])
    with pytest.raises(pc.PleskError) as info:
        c.get(["a@x.test", "nobody@x.test"])
    assert str(info.value) == ("Plesk plesk.example.test:8443 spamfilter.get for nobody@x.test failed: Object not "
                               "found. (errcode 1013); no such mailbox or filter on this server")
    assert info.value.target == "nobody@x.test" and info.value.errcode == 1013


def test_admin_only_preference_error_12009():
    c = client([ok("<set><result><status>error</status><errcode>12009</errcode><errtext>Option is not supported"
                   "</errtext><filter-id>a@x.test</filter-id></result></set>")])
    with pytest.raises(pc.PleskError, match=r"spamfilter.set for a@x.test failed: Option is not supported "
                                            r"\(errcode 12009\)"):
        c.set(["a@x.test"], preferences={"max-children-process": 2})


def test_not_installed_on_check():
    c = client([ok("<check><result><status>error</status><errcode>1026</errcode><errtext>Component is not installed."
                   "</errtext></result></check>")])
    with pytest.raises(pc.PleskError, match=r"spamfilter.check failed: Component is not installed. "
                                            r"\(errcode 1026\); install SpamAssassin"):
        c.check()


def test_reads_are_retried_after_503_and_transport_errors():
    answer = ok("<check><result><status>ok</status></result></check>")
    c = client([(503, b"busy"), TransportError("connection refused", retryable=True, sent=False), answer])
    assert c.check() is True
    assert len(c.http.requests) == 3


def test_reads_give_up_after_the_retries():
    c = client([(502, b""), (502, b""), (502, b"")], retries=2)
    with pytest.raises(pc.PleskError, match=r"spamfilter.get for admin failed: HTTP 502") as info:
        c.get(["admin"])
    assert info.value.http_status == 502 and len(c.http.requests) == 3


def test_writes_are_never_retried():
    c = client([(503, b"busy")])
    with pytest.raises(pc.PleskError, match="HTTP 503"):
        c.set(["admin"], enabled=True)
    assert len(c.http.requests) == 1
    c = client([TransportError("no answer within 30 s (timeout)", retryable=True, sent=None)])
    with pytest.raises(pc.PleskError, match="the server may or may not have applied this change"):
        c.add_patterns("a@x.test", "black", ["x@y.test"])
    assert len(c.http.requests) == 1


def test_refused_write_is_known_not_applied():
    # One retry policy for both clients: a write that certainly never left is retried too.
    c = client([TransportError("connection refused by X", retryable=True, sent=False)] * 3, retries=2)
    with pytest.raises(pc.PleskError) as info:
        c.set(["admin"], enabled=True)
    assert "may or may not" not in str(info.value) and info.value.sent is False
    assert len(c.http.requests) == 3


def test_write_reset_after_sending_is_not_retried():
    c = client([TransportError("connection reset by X", retryable=True, sent=None)], retries=2)
    with pytest.raises(pc.PleskError, match="may or may not"):
        c.set(["admin"], enabled=True)
    assert len(c.http.requests) == 1


def test_http_500_is_not_retried():
    c = client([(500, b"<html>Internal Server Error</html>")])
    with pytest.raises(pc.PleskError, match="HTTP 500"):
        c.get(["admin"])
    assert len(c.http.requests) == 1


def test_malformed_answer():
    c = client([(200, b"<?xml version='1.0'?><packet><spamfilter><get><result><status>ok")])
    with pytest.raises(pc.PleskError, match="not well-formed XML"):
        c.get(["admin"])


def test_entity_bomb_is_refused_unexpanded():
    bomb = ["<?xml version='1.0'?>", "<!DOCTYPE packet [", '<!ENTITY lol "lol">']
    for i in range(1, 10):
        bomb.append('<!ENTITY lol%d "%s">' % (i, ("&lol%s;" % (i - 1 if i > 1 else "")) * 10))
    bomb.append("]><packet><spamfilter><get><result><status>ok</status><filter-id>&lol9;</filter-id></result>"
                "</get></spamfilter></packet>")
    c = client([(200, "\n".join(bomb).encode("utf-8"))])
    with pytest.raises(pc.PleskError, match="DOCTYPE"):
        c.get(["admin"])


def test_unexpected_answers():
    c = client([(200, b"<html><body>login</body></html>"),
                ok("<get>%s</get><get>%s</get>" % (OK_RESULT % ("admin", 1), OK_RESULT % ("admin", 1))),
                ok("<set>%s</set>" % (OK_RESULT % ("admin", 1))),
                ok("<get></get>")])
    with pytest.raises(pc.PleskError, match="not a Plesk packet"):
        c.get(["admin"])
    with pytest.raises(pc.PleskError, match="answered 2 operation"):
        c.get(["admin"])
    with pytest.raises(pc.PleskError, match="answered <set> instead of <get>"):
        c.get(["admin"])
    with pytest.raises(pc.PleskError, match="has no <result>"):
        c.get(["admin"])


def test_pattern_error_names_mailbox_and_pattern():
    c = client([ok("<add-pattern>%s<result><status>error</status><errcode>1023</errcode><errtext>Disk full</errtext>"
                   "<filter-id>b@y.test</filter-id></result></add-pattern>" % (OK_RESULT % ("a@y.test", 2)))])
    with pytest.raises(pc.PleskError) as info:
        c.add_patterns("bob@x.test", "black", ["a@y.test", "b@y.test"])
    assert str(info.value) == ("Plesk plesk.example.test:8443 spamfilter.add-pattern for bob@x.test (pattern b@y.test) "
                               "failed: Disk full (errcode 1023)")
