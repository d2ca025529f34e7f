# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""SOAP protocol behaviour: envelopes, faults, parameter conversion, hardened parsing, auth."""

from __future__ import annotations

import time

import pytest
import requests
from emu_helpers import ADMIN_PASSWORD, ADMIN_USER, EmulatorProcess, add_domain, arr, assert_fail
from lxml import etree

from mailops_emulator import results
from mailops_emulator.catalog import DEFAULT_CATALOG

S11 = "http://schemas.xmlsoap.org/soap/envelope/"
S12 = "http://www.w3.org/2003/05/soap-envelope"
TNS = "http://tempuri.org/"


def envelope(body: str, version: str = "1.1") -> bytes:
    ns = S11 if version == "1.1" else S12
    return (
        f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{ns}"><soap:Body>{body}'
        "</soap:Body></soap:Envelope>"
    ).encode()


def post11(emu, service, action, data: bytes):
    return requests.post(
        emu.service_url(service),
        data=data,
        timeout=10,
        headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{action}"'},
    )


def post12(emu, service, action, data: bytes):
    ctype = "application/soap+xml; charset=utf-8" + (f'; action="{action}"' if action else "")
    return requests.post(emu.service_url(service), data=data, timeout=10, headers={"Content-Type": ctype})


def creds(user=ADMIN_USER, password=ADMIN_PASSWORD):
    return f"<AuthUserName>{user}</AuthUserName><AuthPassword>{password}</AuthPassword>"


def fault_text(resp) -> str:
    root = etree.fromstring(resp.content)
    text = root.findtext(f".//{{{S11}}}Fault/faultstring")
    if text is None:
        text = root.findtext(f".//{{{S12}}}Fault/{{{S12}}}Reason/{{{S12}}}Text")
    return text


def test_raw_response_is_aspnet_shaped(emu, soap):
    add_domain(soap)
    body = (
        f'<AddAlias xmlns="{TNS}">{creds()}<DomainName>example.com</DomainName><AliasName>raw</AliasName>'
        "<Addresses><string>a@x.org</string></Addresses></AddAlias>"
    )
    resp = post11(emu, "svcAliasAdmin", "http://tempuri.org/AddAlias", envelope(body))
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert resp.content.startswith(b'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="' + S11.encode())
    assert (
        b'<soap:Body><AddAliasResponse xmlns="http://tempuri.org/"><AddAliasResult><Result>true</Result>'
        b"<ResultCode>0</ResultCode><Message /></AddAliasResult></AddAliasResponse></soap:Body>"
    ) in resp.content
    resp = post12(
        emu,
        "svcAliasAdmin",
        "http://tempuri.org/GetAliases",
        envelope(f'<GetAliases xmlns="{TNS}">{creds()}<DomainName>example.com</DomainName></GetAliases>', "1.2"),
    )
    assert resp.status_code == 200 and resp.headers["Content-Type"].startswith("application/soap+xml")
    assert S12.encode() in resp.content
    assert (
        b"<AliasInfos><AliasInfo><Name>raw</Name><Addresses><string>a@x.org</string></Addresses></AliasInfo>"
        in resp.content
    )


def test_soap12_without_action_routes_on_body(emu, soap):
    add_domain(soap)
    body = f'<GetAliases xmlns="{TNS}">{creds()}<DomainName>example.com</DomainName></GetAliases>'
    resp = post12(emu, "svcAliasAdmin", None, envelope(body, "1.2"))
    assert resp.status_code == 200 and b"<GetAliasesResult><Result>true</Result>" in resp.content


def test_unknown_soapaction(emu):
    resp = post11(emu, "svcAliasAdmin", "http://tempuri.org/NoSuchOp", envelope("<x/>"))
    assert resp.status_code == 500
    assert (
        fault_text(resp) == "Server did not recognize the value of HTTP Header SOAPAction: http://tempuri.org/NoSuchOp."
    )
    assert b"<faultcode>soap:Client</faultcode>" in resp.content
    resp = post12(emu, "svcAliasAdmin", "urn:nope", envelope("<x/>", "1.2"))
    assert resp.status_code == 500 and resp.headers["Content-Type"].startswith("application/soap+xml")
    assert fault_text(resp) == "Server did not recognize the value of HTTP Header SOAPAction: urn:nope."
    assert emu.counters()["unrecognized"] == 2


def test_doctype_and_entities_rejected(emu, soap):
    add_domain(soap)
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        f'<soap:Envelope xmlns:soap="{S11}"><soap:Body><AddAlias xmlns="{TNS}">{creds()}'
        "<DomainName>example.com</DomainName><AliasName>&lol2;</AliasName>"
        "<Addresses><string>a@x.org</string></Addresses></AddAlias></soap:Body></soap:Envelope>"
    ).encode()
    started = time.monotonic()
    resp = post11(emu, "svcAliasAdmin", "http://tempuri.org/AddAlias", bomb)
    assert time.monotonic() - started < 2
    assert resp.status_code == 500
    assert "DTD is prohibited" in fault_text(resp)
    assert emu.state()["domains"]["example.com"]["aliases"] == {}
    external = (
        '<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://127.0.0.1:1/evil.dtd">'
        f'<soap:Envelope xmlns:soap="{S11}"><soap:Body/></soap:Envelope>'
    ).encode()
    resp = post11(emu, "svcAliasAdmin", "http://tempuri.org/AddAlias", external)
    assert resp.status_code == 500 and "DTD is prohibited" in fault_text(resp)


def test_parameter_conversion_faults(emu):
    missing = f'<DeleteDomain xmlns="{TNS}">{creds()}<DomainName>example.com</DomainName></DeleteDomain>'
    resp = post11(emu, "svcDomainAdmin", "http://tempuri.org/DeleteDomain", envelope(missing))
    assert resp.status_code == 500
    assert "Missing required parameter 'DeleteFiles'" in fault_text(resp)
    bad_bool = (
        f'<DeleteDomain xmlns="{TNS}">{creds()}<DomainName>example.com</DomainName>'
        "<DeleteFiles>perhaps</DeleteFiles></DeleteDomain>"
    )
    resp = post11(emu, "svcDomainAdmin", "http://tempuri.org/DeleteDomain", envelope(bad_bool))
    assert resp.status_code == 500 and "is not a valid Boolean value" in fault_text(resp)
    bad_int = f'<GetDomainForwardingBlock xmlns="{TNS}">{creds()}<blockID>one</blockID></GetDomainForwardingBlock>'
    resp = post11(emu, "svcDomainAdmin", "http://tempuri.org/GetDomainForwardingBlock", envelope(bad_int))
    assert resp.status_code == 500 and "Input string was not in a correct format" in fault_text(resp)
    resp = post11(emu, "svcDomainAdmin", "http://tempuri.org/GetAllDomains", b"<soap:Envelope><broken")
    assert resp.status_code == 500 and "There is an error in XML document" in fault_text(resp)
    wrong_el = f'<GetAllDomainAliases xmlns="{TNS}">{creds()}</GetAllDomainAliases>'
    resp = post11(emu, "svcDomainAdmin", "http://tempuri.org/GetAllDomains", envelope(wrong_el))
    assert resp.status_code == 500 and "was not expected" in fault_text(resp)
    mismatch = f'<GetAllDomains xmlns="{TNS}">{creds()}</GetAllDomains>'
    resp = post11(emu, "svcDomainAdmin", "http://tempuri.org/GetAllDomains", envelope(mismatch, "1.2"))
    assert resp.status_code == 500 and b"VersionMismatch" in resp.content
    resp = requests.post(emu.service_url("svcDomainAdmin"), data=b"{}", headers={"Content-Type": "application/json"})
    assert resp.status_code == 415


@pytest.mark.parametrize(
    "service,operation,params",
    [
        ("svcDomainAdmin", "GetAllDomains", {}),
        ("svcAliasAdmin", "GetAliases", {"DomainName": "example.com"}),
        ("svcDomainAliasAdmin", "GetAliases", {"DomainName": "example.com"}),
        ("svcProductInfo", "GetProductInfo", {}),
    ],
)
def test_bad_credentials(soap, service, operation, params):
    for user, password in ((ADMIN_USER, "wrong"), ("nobody", ADMIN_PASSWORD), ("", "")):
        res = soap(service, operation, user=user, password=password, **params)
        assert res["Result"] is False and res["ResultCode"] == results.LOGIN_FAILED
        assert res["Message"] == "Failed to log in."


def test_plain_user_has_no_permission(soap, emu):
    add_domain(soap)
    state = emu.state()
    state["domains"]["example.com"]["users"]["joe"] = {
        "username": "joe",
        "password": "Joe-Pw",
        "first_name": "",
        "last_name": "",
        "is_domain_admin": False,
        "settings": {},
    }
    emu.reset(state)
    res = soap("svcAliasAdmin", "GetAliases", user="joe@example.com", password="Joe-Pw", DomainName="example.com")
    assert_fail(res, results.NO_PERMISSION)


def test_extra_system_admin_from_state(soap, emu):
    state = emu.state()
    state["server"]["system_admins"].append({"username": "ops", "password": "Ops-Pw", "primary": False})
    emu.reset(state)
    assert soap("svcDomainAdmin", "GetAllDomains", user="ops", password="Ops-Pw")["Result"] is True
    # the CLI admin is always there, with the CLI password
    assert soap("svcDomainAdmin", "GetAllDomains")["Result"] is True


@pytest.fixture(scope="module")
def emulator_with_unhandled_ops(tmp_path_factory):
    """An emulator whose catalog declares two operations no handler implements."""
    import json

    base = tmp_path_factory.mktemp("unhandled")
    with open(DEFAULT_CATALOG, encoding="utf-8") as fh:
        doc = json.load(fh)
    ops = doc["services"]["svcAliasAdmin"]["operations"]
    auth = [{"name": "AuthUserName", "type": "string"}, {"name": "AuthPassword", "type": "string"}]
    ops.append({"name": "GetAliasesUnhandled", "documentation": "Test only.", "soap_action": "http://tempuri.org/GetAliasesUnhandled",
                "kind": "read", "obsolete": False, "params": auth + [{"name": "DomainName", "type": "string"}],
                "returns": "AliasInfoListResult", "source": "test", "notes": []})
    ops.append({"name": "PurgeUnhandled", "documentation": "Test only.", "soap_action": "http://tempuri.org/PurgeUnhandled",
                "kind": "write", "obsolete": False, "params": auth, "returns": None, "source": "test", "notes": []})
    path = base / "catalog.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    proc = EmulatorProcess(str(base / "state.json"), admin_user=ADMIN_USER, admin_password=ADMIN_PASSWORD,
                           extra_args=["--catalog", str(path)])
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()


def _raw_call(proc, operation, params):
    import urllib.error
    import urllib.request

    body = ("<?xml version='1.0' encoding='utf-8'?><soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'>"
            "<soap:Body><%s xmlns='http://tempuri.org/'>%s</%s></soap:Body></soap:Envelope>" % (
                operation, "".join("<%s>%s</%s>" % (k, v, k) for k, v in params), operation)).encode("utf-8")
    request = urllib.request.Request(proc.service_url("svcAliasAdmin"), data=body, headers={
        "Content-Type": "text/xml; charset=utf-8", "SOAPAction": '"http://tempuri.org/%s"' % operation})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_not_implemented_operations_answer_in_band(emulator_with_unhandled_ops, emu):
    proc = emulator_with_unhandled_ops
    assert proc.operations()["svcAliasAdmin.GetAliasesUnhandled"]["implemented"] is False
    status, text = _raw_call(proc, "GetAliasesUnhandled", [("AuthUserName", ADMIN_USER), ("AuthPassword", ADMIN_PASSWORD),
                                                           ("DomainName", "example.com")])
    assert status == 200
    assert "<Result>false</Result>" in text
    assert "<ResultCode>%d</ResultCode>" % results.NOT_IMPLEMENTED in text
    assert "Not implemented by the mailops emulator: svcAliasAdmin.GetAliasesUnhandled" in text
    # the real catalog has no such gap: every operation has a handler
    assert not [q for q, i in emu.operations().items() if not i["implemented"]]


def test_password_never_logged(emu, soap):
    add_domain(soap, password="Secret-Dom-Pw")
    soap("svcAliasAdmin", "GetAliases", password="Wrong-Secret-Pw", DomainName="example.com")
    soap(
        "svcAliasAdmin", "GetAliases", user="postmaster@example.com", password="Secret-Dom-Pw", DomainName="example.com"
    )
    soap("svcAliasAdmin", "AddAlias", DomainName="example.com", AliasName="x", Addresses=arr("bad"))
    with open(emu.log_path, encoding="utf-8") as fh:
        log = fh.read()
    assert "svcAliasAdmin.GetAliases" in log
    for secret in (ADMIN_PASSWORD, "Secret-Dom-Pw", "Wrong-Secret-Pw"):
        assert secret not in log


def test_not_implemented_without_result_type_is_a_fault(emulator_with_unhandled_ops):
    """A void operation cannot say Result=false: it answers a SOAP fault, never an empty success."""
    status, text = _raw_call(emulator_with_unhandled_ops, "PurgeUnhandled",
                             [("AuthUserName", ADMIN_USER), ("AuthPassword", ADMIN_PASSWORD)])
    assert status == 500
    assert "<faultstring>" in text
    assert "Not implemented by the mailops emulator: svcAliasAdmin.PurgeUnhandled" in text
