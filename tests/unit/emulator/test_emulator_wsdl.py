# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The generated WSDLs: ASP.NET shape, zeep can load and use them, and (when the real svcUserAdmin
WSDL is available under ../shared/reference) the same structure as the real one."""

from __future__ import annotations

import os
import urllib.error
import urllib.request

import pytest
import zeep
from emu_helpers import REFERENCE_DIR
from lxml import etree

NS = {
    "wsdl": "http://schemas.xmlsoap.org/wsdl/",
    "s": "http://www.w3.org/2001/XMLSchema",
    "soap": "http://schemas.xmlsoap.org/wsdl/soap/",
    "soap12": "http://schemas.xmlsoap.org/wsdl/soap12/",
}
SERVICES = ["svcDomainAdmin", "svcAliasAdmin", "svcDomainAliasAdmin", "svcProductInfo"]
REFERENCE_WSDL = os.path.join(REFERENCE_DIR, "smartermail", "svcUserAdmin.wsdl")


def _get(url: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
    req = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status, resp.read(), dict(resp.headers)


@pytest.mark.parametrize("service", SERVICES)
def test_wsdl_loads_in_zeep_with_both_ports(emu, service):
    client = zeep.Client(emu.wsdl_url(service))
    svc = client.wsdl.services[service]
    assert set(svc.ports) == {f"{service}Soap", f"{service}Soap12"}
    for port in svc.ports.values():
        assert port.binding_options["address"] == emu.service_url(service)
    assert type(svc.ports[f"{service}Soap12"].binding).__name__ == "Soap12Binding"
    assert emu.counters()["wsdl"] == 1


@pytest.mark.parametrize("service", SERVICES)
def test_wsdl_has_aspnet_shape(emu, catalog, service):
    status, body, headers = _get(emu.wsdl_url(service))
    assert status == 200 and headers["Content-Type"].startswith("text/xml")
    assert body.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<wsdl:definitions xmlns:soap=')
    root = etree.fromstring(body)
    assert root.get("targetNamespace") == "http://tempuri.org/"
    assert root.nsmap["tns"] == "http://tempuri.org/" and root.nsmap["s"] == NS["s"]
    svc = catalog.services[service]
    assert root.findtext("wsdl:documentation", namespaces=NS) == svc.documentation
    schema = root.find("wsdl:types/s:schema", NS)
    assert schema.get("elementFormDefault") == "qualified"
    messages = [m.get("name") for m in root.findall("wsdl:message", NS)]
    expected = []
    for op in svc.operations:
        expected += [f"{op.name}SoapIn", f"{op.name}SoapOut"]
    assert messages == expected
    assert root.find("wsdl:portType", NS).get("name") == f"{service}Soap"
    bindings = root.findall("wsdl:binding", NS)
    assert [b.get("name") for b in bindings] == [f"{service}Soap", f"{service}Soap12"]
    actions = [o.get("soapAction") for o in bindings[0].findall("wsdl:operation/soap:operation", NS)]
    assert actions == [f"http://tempuri.org/{op.name}" for op in svc.operations]
    actions12 = [o.get("soapAction") for o in bindings[1].findall("wsdl:operation/soap12:operation", NS)]
    assert actions12 == actions
    ports = root.findall("wsdl:service/wsdl:port", NS)
    assert [p.get("name") for p in ports] == [f"{service}Soap", f"{service}Soap12"]
    assert ports[0].find("soap:address", NS).get("location") == emu.service_url(service)
    assert ports[1].find("soap12:address", NS).get("location") == emu.service_url(service)
    # minOccurs: value types 1, strings and arrays 0; ArrayOfString items nillable <string>
    for op in svc.operations:
        el = schema.find(f"s:element[@name='{op.name}']", NS)
        for member, p in zip(el.findall(".//s:element", NS), op.params):
            assert member.get("name") == p.name
            want = "1" if catalog.is_value_type(p.type) else "0"
            assert member.get("minOccurs") == want, (op.name, p.name)
    arr = schema.find("s:complexType[@name='ArrayOfString']/s:sequence/s:element", NS)
    if arr is not None:
        assert (arr.get("name"), arr.get("nillable"), arr.get("maxOccurs")) == ("string", "true", "unbounded")


def test_wsdl_path_is_case_insensitive_and_address_follows_request(emu):
    base = emu.url
    body = _get(f"{base}/services/SVCALIASADMIN.ASMX?wsdl")[1]
    root = etree.fromstring(body)
    assert root.find(".//soap:address", NS).get("location") == f"{base}/services/SVCALIASADMIN.ASMX"
    body = _get(f"{base}/Services/svcAliasAdmin.asmx?WSDL", headers={"Host": f"localhost:{emu.port}"})[1]
    root = etree.fromstring(body)
    assert (
        root.find(".//soap12:address", NS).get("location") == f"http://localhost:{emu.port}/Services/svcAliasAdmin.asmx"
    )
    status, body, headers = _get(f"{base}/Services/svcAliasAdmin.asmx")
    assert status == 200 and headers["Content-Type"].startswith("text/html") and b"AddAlias" in body
    with pytest.raises(urllib.error.HTTPError) as info:
        _get(f"{base}/Services/svcNoSuchThing.asmx?WSDL")
    assert info.value.code == 404


def test_guid_and_enum_types(emu, catalog):
    # guid comes from http://microsoft.com/wsdl/types/ (svcUserAdmin.RemoveFromMigrationQueue.itemID)
    body = _get(emu.wsdl_url("svcUserAdmin"))[1]
    root = etree.fromstring(body)
    assert root.nsmap["s1"] == "http://microsoft.com/wsdl/types/"
    item = root.find(".//s:element[@name='RemoveFromMigrationQueue']//s:element[@name='itemID']", NS)
    assert item.get("type") == "s1:guid" and item.get("minOccurs") == "1"
    schemas = root.findall("wsdl:types/s:schema", NS)
    assert schemas[1].get("targetNamespace") == "http://microsoft.com/wsdl/types/"
    # enums become simpleType restrictions wherever the catalog uses them
    for svc in catalog.services.values():
        used = {p.type for op in svc.operations for p in op.params if p.type in catalog.enums}
        if used:
            name = sorted(used)[0]
            body = _get(emu.wsdl_url(svc.name))[1]
            simple = etree.fromstring(body).find(f".//s:simpleType[@name='{name}']/s:restriction", NS)
            assert simple.get("base") == "s:string"
            assert [e.get("value") for e in simple.findall("s:enumeration", NS)] == catalog.enums[name]
            zeep.Client(emu.wsdl_url(svc.name))  # and zeep takes it
            break
    else:
        pytest.skip("no enum-typed parameter in the catalog")


# ------------------------------------------------------------------ reference comparison
def _structure(xml: bytes) -> dict:
    root = etree.fromstring(xml)
    schema = root.find("wsdl:types/s:schema", NS)
    types = {}
    for ct in schema.findall("s:complexType", NS):
        types[ct.get("name")] = [(e.get("name"), e.get("type")) for e in ct.findall("s:sequence/s:element", NS)]
    elements = {}
    for el in schema.findall("s:element", NS):
        elements[el.get("name")] = [
            (e.get("name"), e.get("type"), e.get("minOccurs"), e.get("nillable") == "true")
            for e in el.findall("s:complexType/s:sequence/s:element", NS)
        ]
    ops = {}
    for op in root.findall("wsdl:binding/wsdl:operation", NS):
        action = op.find("soap:operation", NS)
        if action is None:
            continue
        name = op.get("name")
        result = elements.get(f"{name}Response") or []
        rtype = result[0][1].split(":", 1)[1] if result else None
        ops[name] = {
            "action": action.get("soapAction"),
            "params": elements.get(name, []),
            "returns": rtype,
            "fields": types.get(rtype) if rtype else None,
        }
    return ops


@pytest.mark.skipif(not os.path.exists(REFERENCE_WSDL), reason="../shared/reference not available")
def test_svcuseradmin_matches_the_real_wsdl(emu, catalog):
    with open(REFERENCE_WSDL, "rb") as fh:
        real = _structure(fh.read())
    body = _get(emu.wsdl_url("svcUserAdmin"))[1]
    ours = _structure(body)
    report = []
    for name in sorted(set(real) - set(ours)):
        report.append(f"missing in emulator: {name}")
    for name in sorted(set(ours) - set(real)):
        report.append(f"only in emulator: {name}")
    checked = 0
    for name in sorted(set(real) & set(ours)):
        diffs = [key for key in ("action", "params", "returns", "fields") if real[name][key] != ours[name][key]]
        for key in diffs:
            report.append(f"{name}.{key}: real={real[name][key]!r} emulator={ours[name][key]!r}")
        op = catalog.operation("svcUserAdmin", name)
        if op is not None and op.source == "wsdl":
            checked += 1
            assert real[name]["action"] == ours[name]["action"], name
            assert real[name]["params"] == ours[name]["params"], name
            assert real[name]["returns"] == ours[name]["returns"], name
    print(
        "\nsvcUserAdmin: emulator WSDL vs real WSDL:" + ("".join(f"\n  {r}" for r in report) or " identical structure")
    )
    print(f"  ({checked} operations with catalog source 'wsdl' asserted)")
