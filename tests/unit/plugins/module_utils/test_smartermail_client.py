# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The SOAP client against recorded envelopes: a fake HTTP session, no network."""
import os
import re

import pytest
from lxml import etree

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail import soap_client as sc
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.http import TransportError

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "fixtures")
URL = "http://mail.example.test:9998"
PASSWORD = "Unit-Secret-Pw-1"
NS = "http://tempuri.org/"


def wsdl_bytes(transform=None):
    with open(os.path.join(FIXTURES, "svcAliasAdmin.wsdl"), "rb") as handle:
        text = handle.read().decode("utf-8")
    return (transform(text) if transform else text).encode("utf-8")


def envelope(body):
    return ('<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/'
            'soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body>%s</soap:Body>'
            '</soap:Envelope>' % body).encode("utf-8")


GENERIC_OK = envelope('<{0}Response xmlns="http://tempuri.org/"><{0}Result><Result>true</Result>'
                      '<ResultCode>0</ResultCode><Message /></{0}Result></{0}Response>')
GET_ALIASES = envelope(
    '<GetAliasesResponse xmlns="http://tempuri.org/"><GetAliasesResult><Result>true</Result>'
    '<ResultCode>0</ResultCode><Message /><AliasInfos><AliasInfo><Name>sales</Name><Addresses>'
    '<string>a@example.com</string><string>b@example.com</string></Addresses></AliasInfo>'
    '<AliasInfo><Name>empty-one</Name><Addresses /></AliasInfo></AliasInfos></GetAliasesResult>'
    '</GetAliasesResponse>')


class FakeHttp:
    """Answers from a queue of (status, body) or exceptions, and records every request."""

    def __init__(self, answers, wsdl=None):
        self.answers = list(answers)
        self.wsdl = wsdl or wsdl_bytes()
        self.requests = []
        self.secrets = [PASSWORD]

    def scrub(self, text):
        return ("%s" % text).replace(PASSWORD, "********")

    def request(self, method, url, data=None, headers=None):
        self.requests.append((method, url, data, headers or {}))
        if method == "GET":
            return 200, self.wsdl
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def client(tmp_path, answers, wsdl=None, **kwargs):
    kwargs.setdefault("backoff", 0)
    c = sc.SmarterMailClient(URL, "admin", PASSWORD, cache_dir=str(tmp_path / "cache"), **kwargs)
    c.http = FakeHttp(answers, wsdl)
    return c


def posts(c):
    return [r for r in c.http.requests if r[0] == "POST"]


def test_signatures_from_wsdl():
    sigs = sc.extract_signatures(wsdl_bytes(), URL + "/Services/svcAliasAdmin.asmx?WSDL")
    add = sigs["operations"]["AddAlias"]
    assert add["action"] == "http://tempuri.org/AddAlias"
    assert [p[0] for p in add["params"]] == ["AuthUserName", "AuthPassword", "DomainName", "AliasName", "Addresses"]
    assert add["params"][-1][1] == "Array:string:string"
    get = sigs["operations"]["GetAliases"]
    assert get["result_element"] == "GetAliasesResult"
    fields = dict(sigs["types"][get["result"]])
    assert list(fields)[:3] == ["Result", "ResultCode", "Message"]
    assert fields["AliasInfos"] == "Array:AliasInfo:AliasInfo"


def test_request_envelope_and_headers(tmp_path):
    c = client(tmp_path, [(200, GENERIC_OK.replace(b"{0}", b"AddAlias"))])
    assert c.call("svcAliasAdmin", "AddAlias", DomainName="example.com", AliasName="sales",
                  Addresses=["a@example.com", "b@example.com"])["Result"] is True
    method, url, data, headers = posts(c)[0]
    assert url == URL + "/Services/svcAliasAdmin.asmx"
    assert headers["SOAPAction"] == '"http://tempuri.org/AddAlias"'
    assert headers["Content-Type"].startswith("text/xml")
    root = etree.fromstring(data)
    call = root.find("{http://schemas.xmlsoap.org/soap/envelope/}Body/{%s}AddAlias" % NS)
    expected = ["AuthUserName", "AuthPassword", "DomainName", "AliasName", "Addresses"]
    assert [etree.QName(e).localname for e in call] == expected
    assert call.findtext("{%s}AuthUserName" % NS) == "admin"
    assert call.findtext("{%s}AuthPassword" % NS) == PASSWORD
    assert [s.text for s in call.find("{%s}Addresses" % NS)] == ["a@example.com", "b@example.com"]
    assert all(etree.QName(s).localname == "string" for s in call.find("{%s}Addresses" % NS))


def test_credentials_go_under_the_names_the_operation_declares(tmp_path):
    def lower_case_auth(text):
        start = text.index('<s:element name="DeleteAlias">')
        end = text.index("</s:element>", text.index("</s:sequence>", start))
        part = text[start:end].replace('name="AuthUserName"', 'name="authUsername"').replace(
            'name="AuthPassword"', 'name="authPassword"')
        return text[:start] + part + text[end:]

    c = client(tmp_path, [(200, GENERIC_OK.replace(b"{0}", b"DeleteAlias"))], wsdl=wsdl_bytes(lower_case_auth))
    c.call("svcAliasAdmin", "DeleteAlias", DomainName="example.com", AliasName="sales")
    call = etree.fromstring(posts(c)[0][2])[0][0]
    names = [etree.QName(e).localname for e in call]
    assert names[:2] == ["authUsername", "authPassword"]


def test_results_are_plain_python(tmp_path):
    c = client(tmp_path, [(200, GET_ALIASES)])
    result = c.call("svcAliasAdmin", "GetAliases", DomainName="example.com")
    assert result == {"Result": True, "ResultCode": 0, "Message": "", "AliasInfos": [
        {"Name": "sales", "Addresses": ["a@example.com", "b@example.com"]},
        {"Name": "empty-one", "Addresses": []}]}


def test_result_false_raises_with_host_service_operation_and_message(tmp_path):
    failed = envelope('<AddAliasResponse xmlns="http://tempuri.org/"><AddAliasResult><Result>false</Result>'
                      '<ResultCode>-5</ResultCode><Message>Alias limit reached for %s</Message></AddAliasResult>'
                      '</AddAliasResponse>' % PASSWORD)
    c = client(tmp_path, [(200, failed)])
    with pytest.raises(sc.SmarterMailError) as info:
        c.call("svcAliasAdmin", "AddAlias", DomainName="example.com", AliasName="x", Addresses=["a@example.com"])
    message = str(info.value)
    assert message.startswith("SmarterMail mail.example.test:9998 svcAliasAdmin.AddAlias failed: Alias limit reached")
    assert "(ResultCode -5)" in message
    assert PASSWORD not in message
    assert info.value.result_code == -5


def test_unknown_parameter_is_refused_before_sending(tmp_path):
    c = client(tmp_path, [])
    with pytest.raises(sc.SmarterMailError, match="does not take Bogus"):
        c.call("svcAliasAdmin", "GetAliases", DomainName="example.com", Bogus=1)
    assert posts(c) == []


def test_soap_fault(tmp_path):
    fault = envelope("<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Server was unable to process "
                     "request. ---> Object reference not set.</faultstring></soap:Fault>")
    c = client(tmp_path, [(500, fault)])
    with pytest.raises(sc.SmarterMailError, match="SOAP fault: Server was unable to process request"):
        c.call("svcAliasAdmin", "DeleteAlias", DomainName="example.com", AliasName="x")


def test_reads_are_retried_on_503_writes_are_not(tmp_path):
    c = client(tmp_path, [(503, b"busy"), (503, b"busy"), (200, GET_ALIASES)])
    assert c.call("svcAliasAdmin", "GetAliases", DomainName="example.com")["Result"]
    assert len(posts(c)) == 3
    c = client(tmp_path, [(503, b"busy"), (200, GENERIC_OK.replace(b"{0}", b"AddAlias"))])
    with pytest.raises(sc.SmarterMailError, match="HTTP 503"):
        c.call("svcAliasAdmin", "AddAlias", DomainName="example.com", AliasName="x", Addresses=["a@example.com"])
    assert len(posts(c)) == 1


def test_a_timed_out_write_says_its_outcome_is_unknown(tmp_path):
    c = client(tmp_path, [TransportError("no answer within 1 s (timeout)", retryable=True, sent=None)])
    with pytest.raises(sc.SmarterMailError, match="may or may not have applied this change"):
        c.call("svcAliasAdmin", "AddAlias", DomainName="example.com", AliasName="x", Addresses=["a@example.com"])
    assert len(posts(c)) == 1


def test_retries_give_up(tmp_path):
    refused = [TransportError("connection refused by x", retryable=True, sent=False)] * 3
    c = client(tmp_path, refused, retries=2)
    with pytest.raises(sc.SmarterMailError, match="connection refused"):
        c.call("svcAliasAdmin", "GetAliases", DomainName="example.com")
    assert len(posts(c)) == 3


@pytest.mark.parametrize("body", [
    b"<not xml",
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    b"<lolz>&lol2;</lolz>",
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>',
    b"<html><body>Service Unavailable</body></html>",
])
def test_hostile_or_broken_answers_are_clear_errors(tmp_path, body):
    c = client(tmp_path, [(200, body)])
    with pytest.raises(sc.SmarterMailError) as info:
        c.call("svcAliasAdmin", "GetAliases", DomainName="example.com")
    assert "svcAliasAdmin.GetAliases" in str(info.value)
    assert "root:" not in str(info.value)


def test_signature_cache_is_shared_and_revalidated_by_digest(tmp_path, monkeypatch):
    parses = []
    real = sc.extract_signatures
    monkeypatch.setattr(sc, "extract_signatures", lambda body, url: parses.append(url) or real(body, url))
    first = client(tmp_path, [(200, GET_ALIASES)])
    first.call("svcAliasAdmin", "GetAliases", DomainName="example.com")
    second = client(tmp_path, [(200, GET_ALIASES)])
    second.call("svcAliasAdmin", "GetAliases", DomainName="example.com")
    assert (first.wsdl_fetches, second.wsdl_fetches, len(parses)) == (1, 0, 1)
    # Expired entry, same WSDL: fetched again but not parsed again.
    third = client(tmp_path, [(200, GET_ALIASES)], cache_ttl=0)
    third.call("svcAliasAdmin", "GetAliases", DomainName="example.com")
    assert (third.wsdl_fetches, len(parses)) == (1, 1)
    # Expired entry, changed WSDL: parsed again.
    fourth = client(tmp_path, [(200, GET_ALIASES)], cache_ttl=0,
                    wsdl=wsdl_bytes(lambda t: t.replace("user aliases", "user aliases (new build)")))
    fourth.call("svcAliasAdmin", "GetAliases", DomainName="example.com")
    assert len(parses) == 2


def test_an_operation_missing_from_the_wsdl_is_a_clear_error(tmp_path):
    c = client(tmp_path, [])
    with pytest.raises(sc.SmarterMailError, match="does not offer this operation"):
        c.call("svcAliasAdmin", "GetAliasesV2", DomainName="example.com")
    assert posts(c) == []
    assert c.wsdl_fetches == 2  # looked once more in case the server changed


def test_bad_url():
    with pytest.raises(sc.SmarterMailError, match="url must look like"):
        sc.SmarterMailClient("mail.example.com", "admin", PASSWORD)


def test_wsdl_that_refers_to_external_documents_is_refused(tmp_path):
    def with_import(text):
        return re.sub(r"(<wsdl:types>)", r'<wsdl:import namespace="urn:x" location="http://evil.test/x.wsdl" />\1',
                      text, count=1)

    c = client(tmp_path, [], wsdl=wsdl_bytes(with_import))
    with pytest.raises(sc.SmarterMailError) as info:
        c.call("svcAliasAdmin", "GetAliases", DomainName="example.com")
    assert "WSDL" in str(info.value)


def test_a_write_refused_before_it_left_is_retried(tmp_path):
    refused = TransportError("connection refused by x", retryable=True, sent=False)
    c = client(tmp_path, [refused, (200, GENERIC_OK.replace(b"{0}", b"AddAlias"))])
    assert c.call("svcAliasAdmin", "AddAlias", DomainName="example.com", AliasName="x",
                  Addresses=["a@example.com"])["Result"]
    assert len(posts(c)) == 2


def test_a_write_reset_after_sending_is_not_retried(tmp_path):
    reset = TransportError("connection to x failed: reset", retryable=True, sent=None)
    c = client(tmp_path, [reset, (200, GENERIC_OK.replace(b"{0}", b"AddAlias"))])
    with pytest.raises(sc.SmarterMailError, match="may or may not have applied"):
        c.call("svcAliasAdmin", "AddAlias", DomainName="example.com", AliasName="x", Addresses=["a@example.com"])
    assert len(posts(c)) == 1


def test_a_request_the_server_did_not_recognize_refreshes_the_signatures_once(tmp_path):
    fault = envelope("<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Server did not recognize the "
                     "value of HTTP Header SOAPAction: http://tempuri.org/GetAliases.</faultstring></soap:Fault>")
    c = client(tmp_path, [(500, fault), (200, GET_ALIASES)])
    c.call("svcAliasAdmin", "GetAliases", DomainName="example.com")  # warm cache, then a stale answer
    assert c.wsdl_fetches == 2 and len(posts(c)) == 2


def test_a_write_is_not_resent_after_a_fault_that_may_mean_a_bad_value(tmp_path):
    fault = envelope("<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Server was unable to read "
                     "request. ---&gt; Value was either too large or too small for an Int32.</faultstring>"
                     "</soap:Fault>")
    c = client(tmp_path, [(500, fault), (200, GENERIC_OK.replace(b"{0}", b"AddAlias"))])
    with pytest.raises(sc.SmarterMailError, match="unable to read request"):
        c.call("svcAliasAdmin", "AddAlias", DomainName="example.com", AliasName="x", Addresses=["a@example.com"])
    assert len(posts(c)) == 1


def test_a_signature_without_result_never_turns_an_answer_into_success(tmp_path):
    c = client(tmp_path, [(200, GENERIC_OK.replace(b"{0}", b"AddAlias"))])
    sig, dummy = c._signature("svcAliasAdmin", "AddAlias")
    sig["result"] = None  # what a planted or outdated cache entry could say
    with pytest.raises(sc.SmarterMailError, match="outcome cannot be judged"):
        c.call("svcAliasAdmin", "AddAlias", DomainName="example.com", AliasName="x", Addresses=["a@example.com"])


def test_a_utf16_answer_with_a_dtd_is_refused(tmp_path):
    body = ('<?xml version="1.0" encoding="utf-16"?><!DOCTYPE x [<!ENTITY e "%s">]>'
            '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>&e;</soap:Body>'
            '</soap:Envelope>' % PASSWORD).encode("utf-16")
    c = client(tmp_path, [(200, body)])
    with pytest.raises(sc.SmarterMailError, match="DTD") as info:
        c.call("svcAliasAdmin", "GetAliases", DomainName="example.com")
    assert PASSWORD not in str(info.value)
