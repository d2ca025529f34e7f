# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Walk the whole catalog: every operation of every service answers with real behaviour.

Each operation is called once over SOAP 1.1 with placeholder arguments built from its declared
parameter types. Whatever it answers (success, an in-band failure such as "not found", or a
SOAP fault for a void operation), it must not be the emulator's "not implemented" answer, and it
must be counted as the read or write the catalog says it is. The per-service test files call
every operation with meaningful arguments and assert on the state it changed or read.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.request

from lxml import etree

NS = "http://tempuri.org/"
ENV = "http://schemas.xmlsoap.org/soap/envelope/"
PLACEHOLDER = {"string": "walk", "int": "0", "long": "0", "short": "0", "boolean": "false",
               "dateTime": "2026-01-01T00:00:00", "double": "0", "decimal": "0", "float": "0",
               "guid": "00000000-0000-0000-0000-000000000000", "base64Binary": ""}


def load_catalog():
    import os
    path = os.path.join(os.path.dirname(__file__), "..", "..", "emulator", "mailops_emulator", "catalog.json")
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def fill(parent, name, type_name, catalog, depth=0):
    el = etree.SubElement(parent, "{%s}%s" % (NS, name))
    if type_name.startswith("ArrayOf") or depth > 3:
        return
    if type_name in catalog["enums"]:
        el.text = catalog["enums"][type_name]["values"][0]
    elif type_name in catalog["types"]:
        for field in catalog["types"][type_name]["fields"]:
            fill(el, field["name"], field["type"], catalog, depth + 1)
    else:
        el.text = PLACEHOLDER.get(type_name, "walk")


def envelope(op, catalog, user, password):
    root = etree.Element("{%s}Envelope" % ENV, nsmap={"soap": ENV})
    body = etree.SubElement(root, "{%s}Body" % ENV)
    call = etree.SubElement(body, "{%s}%s" % (NS, op["name"]), nsmap={None: NS})
    for param in op["params"]:
        lowered = param["name"].lower()
        if lowered in ("authusername", "username") and param is op["params"][0]:
            etree.SubElement(call, "{%s}%s" % (NS, param["name"])).text = user
        elif lowered == "authpassword":
            etree.SubElement(call, "{%s}%s" % (NS, param["name"])).text = password
        else:
            fill(call, param["name"], param["type"], catalog)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def post(url, data, action):
    request = urllib.request.Request(url, data=data, headers={
        "Content-Type": "text/xml; charset=utf-8", "SOAPAction": '"%s"' % action})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_every_catalog_operation_is_implemented(emu):
    table = emu.operations()
    missing = sorted(name for name, row in table.items() if not row["implemented"])
    assert not missing, "operations without a handler: %s" % ", ".join(missing)


def test_walk_every_operation_once(emu):
    catalog = load_catalog()
    emu.reset_counters()
    answered = {}
    for service, svc in catalog["services"].items():
        for op in svc["operations"]:
            status, body = post(emu.service_url(service),
                                envelope(op, catalog, emu.admin_user, emu.admin_password), op["soap_action"])
            text = body.decode("utf-8", "replace")
            assert "Not implemented by the mailops emulator" not in text, "%s.%s" % (service, op["name"])
            assert "Traceback" not in text, "%s.%s" % (service, op["name"])
            assert status in (200, 500), "%s.%s answered HTTP %s" % (service, op["name"], status)
            if status == 500:
                assert "<faultstring>" in text, "%s.%s: HTTP 500 without a SOAP fault" % (service, op["name"])
            answered["%s.%s" % (service, op["name"])] = op["kind"]
    counters = emu.counters()["operations"]
    total = sum(len(svc["operations"]) for svc in catalog["services"].values())
    assert len(answered) == total == 239
    for name, kind in answered.items():
        row = counters.get(name)
        assert row is not None, "%s was not counted" % name
        assert row["reads" if kind == "read" else "writes"] >= 1, name
