# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""SOAP 1.1 / 1.2 envelopes as ASP.NET writes them: hardened parsing, catalog-typed conversion."""

from __future__ import annotations

import base64
import datetime as _dt
import re
from decimal import Decimal, InvalidOperation

from lxml import etree

from .catalog import SIMPLE_TYPES, Catalog, Member, Operation

SOAP11_NS = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XSI_NIL = f"{{{XSI_NS}}}nil"

CONTENT_TYPES = {"1.1": "text/xml; charset=utf-8", "1.2": "application/soap+xml; charset=utf-8"}
ENVELOPE_NS = {"1.1": SOAP11_NS, "1.2": SOAP12_NS}

MAX_BODY = 16 * 1024 * 1024
_GUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_INT_RANGES = {
    "int": (-(2**31), 2**31 - 1),
    "long": (-(2**63), 2**63 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-128, 127),
    "unsignedByte": (0, 255),
}
DTD_PROHIBITED = (
    "For security reasons DTD is prohibited in this XML document. To enable DTD processing set "
    "the DtdProcessing property on XmlReaderSettings to Parse and pass the settings into "
    "XmlReader.Create method."
)


class SoapFault(Exception):
    """A SOAP fault to send back (HTTP 500). ``code`` is ``Client``, ``Server`` or ``VersionMismatch``."""

    def __init__(self, message: str, code: str = "Client", status: int = 500) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status


def read_error(detail: str) -> SoapFault:
    return SoapFault(f"Server was unable to read request. ---> {detail}", "Client")


# ------------------------------------------------------------------------------- parsing
def _parser() -> etree.XMLParser:
    # A new parser per request: lxml parsers are not meant to be shared between threads.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_envelope(body: bytes) -> tuple[str, etree._Element]:
    """Return (soap version, the operation element inside Body). Raises SoapFault."""
    if not body or not body.strip():
        raise read_error("Root element is missing.")
    head = body[:4096]
    if b"<!DOCTYPE" in body or b"<!ENTITY" in head:
        raise read_error(DTD_PROHIBITED)
    try:
        root = etree.fromstring(body, _parser())
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (1, 1)
        raise read_error(f"There is an error in XML document ({line}, {col}).") from None
    if root.getroottree().docinfo.doctype:
        raise read_error(DTD_PROHIBITED)
    ns = etree.QName(root).namespace
    if etree.QName(root).localname != "Envelope" or ns not in (SOAP11_NS, SOAP12_NS):
        raise read_error("The root element is not a SOAP envelope.")
    version = "1.1" if ns == SOAP11_NS else "1.2"
    body_el = root.find(f"{{{ns}}}Body")
    if body_el is None:
        raise read_error("The SOAP envelope has no Body element.")
    children = [c for c in body_el if isinstance(c.tag, str)]
    if not children:
        raise read_error("The SOAP Body is empty.")
    return version, children[0]


def _text(el: etree._Element) -> str:
    return el.text or ""


def _is_nil(el: etree._Element) -> bool:
    return el.get(XSI_NIL, "").strip() in ("true", "1")


def _convert_simple(tname: str, text: str, where: str):
    if tname == "string":
        return text
    stripped = text.strip()
    if tname in _INT_RANGES:
        try:
            value = int(stripped)
        except ValueError:
            raise read_error(f"{where}: Input string was not in a correct format.") from None
        lo, hi = _INT_RANGES[tname]
        if not lo <= value <= hi:
            raise read_error(f"{where}: Value was either too large or too small for an {tname}.")
        return value
    if tname == "boolean":
        if stripped in ("true", "1"):
            return True
        if stripped in ("false", "0"):
            return False
        raise read_error(f"{where}: The string '{stripped}' is not a valid Boolean value.")
    if tname == "dateTime":
        try:
            return _dt.datetime.fromisoformat(stripped)
        except ValueError:
            raise read_error(f"{where}: The string '{stripped}' is not a valid AllXsd value.") from None
    if tname in ("double", "float"):
        try:
            return float(stripped)
        except ValueError:
            raise read_error(f"{where}: Input string was not in a correct format.") from None
    if tname == "decimal":
        try:
            return Decimal(stripped)
        except InvalidOperation:
            raise read_error(f"{where}: Input string was not in a correct format.") from None
    if tname == "base64Binary":
        try:
            return base64.b64decode(stripped, validate=False)
        except ValueError:
            raise read_error(f"{where}: Invalid length for a Base-64 char array or string.") from None
    if tname == "guid":
        if not _GUID_RE.match(stripped):
            raise read_error(
                f"{where}: Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."
            )
        return stripped.lower()
    if tname == "char":
        return stripped[:1]
    return text


def from_xml(cat: Catalog, tname: str, el: etree._Element, where: str):
    if _is_nil(el):
        return None
    kind = cat.kind(tname)
    if kind == "simple":
        return _convert_simple(tname, _text(el), where)
    if kind == "enum":
        value = _text(el).strip()
        if value not in cat.enums[tname]:
            raise read_error(f"{where}: Instance validation error: '{value}' is not a valid value for {tname}.")
        return value
    if kind == "array":
        item = cat.array_item(tname)
        item_name = cat.array_item_element(tname)
        return [
            from_xml(cat, item, child, f"{where}/{item_name}")
            for child in el
            if isinstance(child.tag, str) and etree.QName(child).localname == item_name
        ]
    return complex_from_xml(cat, cat.fields(tname), el, where, strict=False)


def complex_from_xml(cat: Catalog, members: list[Member], el: etree._Element, where: str, *, strict: bool) -> dict:
    """Read ``members`` from the children of ``el``. ``strict``: a missing value-type member is a fault."""
    by_name: dict[str, etree._Element] = {}
    for child in el:
        if isinstance(child.tag, str):
            by_name.setdefault(etree.QName(child).localname, child)
    out: dict = {}
    for m in members:
        child = by_name.get(m.name)
        if child is None:
            if strict and cat.is_value_type(m.type) and not m.nillable:
                raise read_error(f"Missing required parameter '{m.name}' ({m.type}) in {etree.QName(el).localname}.")
            out[m.name] = None
            continue
        out[m.name] = from_xml(cat, m.type, child, f"{where}/{m.name}")
    return out


def parse_params(cat: Catalog, op: Operation, op_el: etree._Element) -> dict:
    qn = etree.QName(op_el)
    if qn.localname != op.name or qn.namespace != cat.namespace:
        raise read_error(
            f"There is an error in XML document. ---> <{qn.localname} xmlns='{qn.namespace or ''}'> was not expected."
        )
    return complex_from_xml(cat, op.params, op_el, op.name, strict=True)


# --------------------------------------------------------------------------- serializing
def xml_text(value: str) -> str:
    value = _INVALID_XML_CHARS.sub("", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _simple_text(tname: str, value) -> str:
    if tname == "boolean":
        return "true" if value else "false"
    if tname in _INT_RANGES:
        return str(int(value))
    if tname == "dateTime":
        if isinstance(value, _dt.datetime):
            return value.isoformat()
        if isinstance(value, _dt.date):
            return _dt.datetime(value.year, value.month, value.day).isoformat()
        return str(value)
    if tname in ("double", "float"):
        text = repr(float(value))
        return text[:-2] if text.endswith(".0") else text
    if tname == "decimal":
        return str(value)
    if tname == "base64Binary":
        if isinstance(value, (bytes, bytearray)):
            return base64.b64encode(value).decode("ascii")
        return str(value)
    return xml_text(str(value))


_DEFAULTS = {
    "boolean": False,
    "dateTime": "0001-01-01T00:00:00",
    "guid": "00000000-0000-0000-0000-000000000000",
    "char": 0,
}


def to_xml(cat: Catalog, tname: str, value, name: str, *, nillable: bool = False) -> str:
    kind = cat.kind(tname)
    if value is None:
        if nillable:
            return f'<{name} xsi:nil="true" />'
        if kind == "simple" and SIMPLE_TYPES[tname]:
            value = _DEFAULTS.get(tname, 0)
        elif kind == "enum":
            value = cat.enums[tname][0] if cat.enums[tname] else ""
        elif kind == "complex" and cat.is_value_type(tname):
            value = {}
        else:
            return ""
    if kind == "simple":
        text = _simple_text(tname, value)
        return f"<{name}>{text}</{name}>" if text != "" else f"<{name} />"
    if kind == "enum":
        return f"<{name}>{xml_text(str(value))}</{name}>"
    if kind == "array":
        item = cat.array_item(tname)
        item_name = cat.array_item_element(tname)
        item_nillable = not cat.is_value_type(item)
        inner = "".join(to_xml(cat, item, v, item_name, nillable=item_nillable) for v in value)
        return f"<{name}>{inner}</{name}>" if inner else f"<{name} />"
    inner = complex_body(cat, tname, value)
    return f"<{name}>{inner}</{name}>" if inner else f"<{name} />"


def _lookup(value, key: str):
    if isinstance(value, dict):
        if key in value:
            return value[key]
        low = key.lower()
        for k, v in value.items():
            if k.lower() == low:
                return v
        return None
    return getattr(value, key, None)


def complex_body(cat: Catalog, tname: str, value) -> str:
    return "".join(to_xml(cat, f.type, _lookup(value, f.name), f.name, nillable=f.nillable) for f in cat.fields(tname))


def response_body(cat: Catalog, op: Operation, result) -> str:
    ns = cat.namespace
    if not op.returns:
        return f'<{op.name}Response xmlns="{ns}" />'
    inner = to_xml(cat, op.returns, result, f"{op.name}Result")
    if not inner:
        return f'<{op.name}Response xmlns="{ns}" />'
    return f'<{op.name}Response xmlns="{ns}">{inner}</{op.name}Response>'


def envelope(version: str, body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<soap:Envelope xmlns:soap="{ENVELOPE_NS[version]}" xmlns:xsi="{XSI_NS}" '
        'xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        f"<soap:Body>{body}</soap:Body></soap:Envelope>"
    ).encode("utf-8")


def fault_envelope(version: str, message: str, code: str = "Client") -> bytes:
    text = xml_text(message)
    if version == "1.2":
        code12 = {"Client": "Sender", "Server": "Receiver"}.get(code, code)
        body = (
            f"<soap:Fault><soap:Code><soap:Value>soap:{code12}</soap:Value></soap:Code>"
            f'<soap:Reason><soap:Text xml:lang="en">{text}</soap:Text></soap:Reason>'
            "<soap:Detail /></soap:Fault>"
        )
    else:
        body = f"<soap:Fault><faultcode>soap:{code}</faultcode><faultstring>{text}</faultstring><detail /></soap:Fault>"
    return envelope(version, body)


def billion_laughs() -> bytes:
    """An entity-expansion bomb: what a hostile or broken server might send."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE lolz [", '  <!ENTITY lol "lol">']
    for i in range(1, 10):
        prev = "lol" if i == 1 else f"lol{i - 1}"
        lines.append(f'  <!ENTITY lol{i} "{("&" + prev + ";") * 10}">')
    lines.append("]>")
    lines.append(
        f'<soap:Envelope xmlns:soap="{SOAP11_NS}"><soap:Body><lolz xmlns="http://tempuri.org/">&lol9;</lolz>'
        "</soap:Body></soap:Envelope>"
    )
    return "\n".join(lines).encode("utf-8")
