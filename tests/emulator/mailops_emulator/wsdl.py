# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Generate a WSDL from the catalog with the exact shape of an ASP.NET (.asmx) WSDL.

Shape taken from a real SmarterMail svcUserAdmin WSDL: the same namespace prefixes, one schema
with request/response wrapper elements and each complex type emitted right after its first use
(depth first), messages ``<Op>SoapIn``/``<Op>SoapOut``, a portType, a SOAP 1.1 binding
``<svc>Soap`` and a SOAP 1.2 binding ``<svc>Soap12``, and a service with two ports whose address
is the URL the request came to (filled in per request).
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .catalog import GUID_NS, SIMPLE_TYPES, Catalog, Member, Operation, Service

ADDRESS_TOKEN = "__MAILOPS_EMULATOR_ADDRESS__"

_ROOT_NS = [
    ("soap", "http://schemas.xmlsoap.org/wsdl/soap/"),
    ("soapenc", "http://schemas.xmlsoap.org/soap/encoding/"),
    ("tm", "http://microsoft.com/wsdl/mime/textMatching/"),
    ("mime", "http://schemas.xmlsoap.org/wsdl/mime/"),
    ("tns", "http://tempuri.org/"),
    ("s1", GUID_NS),
    ("http", "http://schemas.xmlsoap.org/wsdl/http/"),
    ("s", "http://www.w3.org/2001/XMLSchema"),
    ("soap12", "http://schemas.xmlsoap.org/wsdl/soap12/"),
]
_WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
_GUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


class _SchemaWriter:
    def __init__(self, catalog: Catalog) -> None:
        self.cat = catalog
        self.lines: list[str] = []
        self.emitted: set[str] = set()
        self.uses_guid = False

    # -- helpers --------------------------------------------------------------
    def qname(self, tname: str) -> str:
        if tname == "guid":
            self.uses_guid = True
            return "s1:guid"
        if tname in SIMPLE_TYPES:
            return f"s:{tname}"
        return f"tns:{tname}"

    def element_line(self, indent: str, member: Member, *, array_item: bool = False) -> str:
        tname = member.type
        if array_item:
            min_occurs, max_occurs = "0", "unbounded"
            nillable = not self.cat.is_value_type(tname)
        else:
            value = self.cat.is_value_type(tname)
            min_occurs = "1" if (value or member.nillable) else "0"
            max_occurs = "1"
            nillable = member.nillable
        nil = ' nillable="true"' if nillable else ""
        return (
            f'{indent}<s:element minOccurs="{min_occurs}" maxOccurs="{max_occurs}" '
            f'name={quoteattr(member.name)}{nil} type="{self.qname(tname)}" />'
        )

    def sequence(self, indent: str, members: list[Member], *, array_item: bool = False) -> None:
        self.lines.append(f"{indent}<s:sequence>")
        for m in members:
            self.lines.append(self.element_line(indent + "  ", m, array_item=array_item))
        self.lines.append(f"{indent}</s:sequence>")

    # -- emission ---------------------------------------------------------------
    def wrapper_element(self, name: str, members: list[Member]) -> None:
        ind = "      "
        self.lines.append(f"{ind}<s:element name={quoteattr(name)}>")
        if members:
            self.lines.append(f"{ind}  <s:complexType>")
            self.sequence(ind + "    ", members)
            self.lines.append(f"{ind}  </s:complexType>")
        else:
            self.lines.append(f"{ind}  <s:complexType />")
        self.lines.append(f"{ind}</s:element>")
        for m in members:
            self.named_type(m.type)

    def named_type(self, tname: str) -> None:
        if tname in self.emitted:
            return
        kind = self.cat.kind(tname)
        if kind == "simple":
            if tname == "guid":
                self.uses_guid = True
            return
        self.emitted.add(tname)
        ind = "      "
        if kind == "enum":
            self.lines.append(f"{ind}<s:simpleType name={quoteattr(tname)}>")
            self.lines.append(f'{ind}  <s:restriction base="s:string">')
            for value in self.cat.enums[tname]:
                self.lines.append(f"{ind}    <s:enumeration value={quoteattr(value)} />")
            self.lines.append(f"{ind}  </s:restriction>")
            self.lines.append(f"{ind}</s:simpleType>")
            return
        if kind == "array":
            item = self.cat.array_item(tname)
            assert item is not None
            self.lines.append(f"{ind}<s:complexType name={quoteattr(tname)}>")
            self.sequence(ind + "  ", [Member(item, item)], array_item=True)
            self.lines.append(f"{ind}</s:complexType>")
            self.named_type(item)
            return
        members = self.cat.fields(tname)
        self.lines.append(f"{ind}<s:complexType name={quoteattr(tname)}>")
        if members:
            self.sequence(ind + "  ", members)
        self.lines.append(f"{ind}</s:complexType>")
        for m in members:
            self.named_type(m.type)


def _doc(indent: str, text: str) -> list[str]:
    if not text:
        return []
    return [f'{indent}<wsdl:documentation xmlns:wsdl="{_WSDL_NS}">{escape(text)}</wsdl:documentation>']


def _response_members(op: Operation) -> list[Member]:
    if not op.returns:
        return []
    return [Member(f"{op.name}Result", op.returns)]


def generate(catalog: Catalog, service: Service, *, drop_operations: set[str] | None = None) -> str:
    """The WSDL text of ``service`` with ``ADDRESS_TOKEN`` where the endpoint URL goes."""
    ops = [op for op in service.operations if not drop_operations or op.name not in drop_operations]
    schema = _SchemaWriter(catalog)
    for op in ops:
        schema.wrapper_element(op.name, op.params)
        schema.wrapper_element(f"{op.name}Response", _response_members(op))

    out: list[str] = ['<?xml version="1.0" encoding="utf-8"?>']
    ns_attrs = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _ROOT_NS if prefix != "s1" or schema.uses_guid)
    out.append(f'<wsdl:definitions {ns_attrs} targetNamespace="{catalog.namespace}" xmlns:wsdl="{_WSDL_NS}">')
    out += _doc("  ", service.documentation)
    out.append("  <wsdl:types>")
    out.append(f'    <s:schema elementFormDefault="qualified" targetNamespace="{catalog.namespace}">')
    if schema.uses_guid:
        out.append(f'      <s:import namespace="{GUID_NS}" />')
    out += schema.lines
    out.append("    </s:schema>")
    if schema.uses_guid:
        out.append(f'    <s:schema elementFormDefault="qualified" targetNamespace="{GUID_NS}">')
        out.append('      <s:simpleType name="guid">')
        out.append('        <s:restriction base="s:string">')
        out.append(f'          <s:pattern value="{_GUID_PATTERN}" />')
        out.append("        </s:restriction>")
        out.append("      </s:simpleType>")
        out.append("    </s:schema>")
    out.append("  </wsdl:types>")

    for op in ops:
        for suffix, element in (("SoapIn", op.name), ("SoapOut", f"{op.name}Response")):
            out.append(f'  <wsdl:message name="{op.name}{suffix}">')
            out.append(f'    <wsdl:part name="parameters" element="tns:{element}" />')
            out.append("  </wsdl:message>")

    svc = service.name
    out.append(f'  <wsdl:portType name="{svc}Soap">')
    for op in ops:
        out.append(f'    <wsdl:operation name="{op.name}">')
        out += _doc("      ", op.documentation)
        out.append(f'      <wsdl:input message="tns:{op.name}SoapIn" />')
        out.append(f'      <wsdl:output message="tns:{op.name}SoapOut" />')
        out.append("    </wsdl:operation>")
    out.append("  </wsdl:portType>")

    for binding, prefix in ((f"{svc}Soap", "soap"), (f"{svc}Soap12", "soap12")):
        out.append(f'  <wsdl:binding name="{binding}" type="tns:{svc}Soap">')
        out.append(f'    <{prefix}:binding transport="http://schemas.xmlsoap.org/soap/http" />')
        for op in ops:
            out.append(f'    <wsdl:operation name="{op.name}">')
            out.append(f'      <{prefix}:operation soapAction={quoteattr(op.soap_action)} style="document" />')
            for direction in ("input", "output"):
                out.append(f"      <wsdl:{direction}>")
                out.append(f'        <{prefix}:body use="literal" />')
                out.append(f"      </wsdl:{direction}>")
            out.append("    </wsdl:operation>")
        out.append("  </wsdl:binding>")

    out.append(f'  <wsdl:service name="{svc}">')
    out += _doc("    ", service.documentation)
    for port, prefix in ((f"{svc}Soap", "soap"), (f"{svc}Soap12", "soap12")):
        out.append(f'    <wsdl:port name="{port}" binding="tns:{port}">')
        out.append(f'      <{prefix}:address location="{ADDRESS_TOKEN}" />')
        out.append("    </wsdl:port>")
    out.append("  </wsdl:service>")
    out.append("</wsdl:definitions>")
    return "\n".join(out)


class WsdlCache:
    """Generated WSDL text per service, built once; the address is substituted per request."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._cache: dict[str, str] = {}

    def render(self, service: Service, address: str, *, drop_operations: set[str] | None = None) -> bytes:
        if drop_operations:
            text = generate(self.catalog, service, drop_operations=drop_operations)
        else:
            text = self._cache.get(service.name)
            if text is None:
                text = self._cache[service.name] = generate(self.catalog, service)
        addr = quoteattr(address)[1:-1]
        return text.replace(ADDRESS_TOKEN, addr).encode("utf-8")
