# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Load the service catalog (see ``tests/emulator/CATALOG_FORMAT.md``) and answer type questions.

The catalog is the single source of truth for the served WSDLs, for request parsing and for
response serialization. This module only reads it; it never guesses a name.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

DEFAULT_CATALOG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalog.json")

TNS = "http://tempuri.org/"
GUID_NS = "http://microsoft.com/wsdl/types/"

# XSD simple types the catalog may use, and whether .NET treats them as value types
# (value types are minOccurs=1 in an ASP.NET WSDL, reference types minOccurs=0).
SIMPLE_TYPES = {
    "string": False,
    "int": True,
    "long": True,
    "short": True,
    "unsignedByte": True,
    "byte": True,
    "boolean": True,
    "dateTime": True,
    "double": True,
    "float": True,
    "decimal": True,
    "base64Binary": False,
    "guid": True,
    "char": True,
}


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


@dataclass
class Member:
    """A parameter of an operation or a field of a complex type."""

    name: str
    type: str
    nillable: bool = False
    documentation: str = ""

    @classmethod
    def from_json(cls, data: dict) -> "Member":
        return cls(
            name=data["name"],
            type=data["type"],
            nillable=bool(data.get("nillable") or data.get("nullable")),
            documentation=data.get("documentation") or "",
        )


@dataclass
class Operation:
    service: str
    name: str
    soap_action: str
    kind: str
    params: list[Member]
    returns: str | None
    documentation: str = ""
    obsolete: bool = False
    source: str = ""
    notes: list = field(default_factory=list)

    @property
    def qualified(self) -> str:
        return f"{self.service}.{self.name}"

    @property
    def is_write(self) -> bool:
        return self.kind == "write"

    def param(self, name: str) -> Member | None:
        low = name.lower()
        for p in self.params:
            if p.name.lower() == low:
                return p
        return None

    @property
    def auth_params(self) -> tuple[str, str] | None:
        """Wire names of the (user, password) credential params, or None if the op has none."""
        user = pw = None
        for p in self.params:
            low = p.name.lower()
            if low == "authusername":
                user = p.name
            elif low == "authpassword":
                pw = p.name
        if user and pw:
            return user, pw
        return None


@dataclass
class Service:
    name: str
    documentation: str
    operations: list[Operation]

    def __post_init__(self) -> None:
        self.by_name = {op.name: op for op in self.operations}
        self.by_name_lower = {op.name.lower(): op for op in self.operations}
        self.by_action = {op.soap_action: op for op in self.operations}


class Catalog:
    def __init__(self, data: dict, path: str | None = None) -> None:
        self.path = path
        self.data = data
        self.namespace = data.get("namespace", TNS)
        self.types: dict[str, list[Member]] = {}
        self.type_meta: dict[str, dict] = {}
        for tname, tdef in (data.get("types") or {}).items():
            self.types[tname] = [Member.from_json(f) for f in tdef.get("fields", [])]
            self.type_meta[tname] = tdef
        self.enums: dict[str, list[str]] = {
            name: list(edef.get("values", [])) for name, edef in (data.get("enums") or {}).items()
        }
        self.settings_keys: dict[str, list[dict]] = data.get("settings_keys") or {}
        self.services: dict[str, Service] = {}
        for sname, sdef in (data.get("services") or {}).items():
            ops = []
            for odef in sdef.get("operations", []):
                ops.append(
                    Operation(
                        service=sname,
                        name=odef["name"],
                        soap_action=odef.get("soap_action") or f"{self.namespace}{odef['name']}",
                        kind=odef.get("kind", "write"),
                        params=[Member.from_json(p) for p in odef.get("params", [])],
                        returns=odef.get("returns"),
                        documentation=odef.get("documentation") or "",
                        obsolete=bool(odef.get("obsolete")),
                        source=odef.get("source") or "",
                        notes=odef.get("notes") or [],
                    )
                )
            self.services[sname] = Service(sname, sdef.get("documentation") or "", ops)
        self._service_lower = {name.lower(): svc for name, svc in self.services.items()}

    @classmethod
    def load(cls, path: str | None = None) -> "Catalog":
        path = path or os.environ.get("MAILOPS_EMULATOR_CATALOG") or DEFAULT_CATALOG
        with open(path, encoding="utf-8") as fh:
            return cls(json.load(fh), path)

    # ----------------------------------------------------------------- lookups
    def service(self, name: str) -> Service | None:
        return self._service_lower.get(name.lower())

    def operation(self, service: str, name: str) -> Operation | None:
        svc = self.service(service)
        if svc is None:
            return None
        return svc.by_name.get(name) or svc.by_name_lower.get(name.lower())

    def settings_key_names(self, group: str) -> list[str]:
        return [entry["key"] if isinstance(entry, dict) else str(entry) for entry in self.settings_keys.get(group, [])]

    # ------------------------------------------------------------ type algebra
    def array_item(self, tname: str) -> str | None:
        """Item type of an ``ArrayOf<X>`` type name, or None if ``tname`` is not an array."""
        if not tname.startswith("ArrayOf"):
            return None
        rest = tname[len("ArrayOf") :]
        if rest in self.types or rest in self.enums:
            return rest
        low = _lower_first(rest)
        if low in SIMPLE_TYPES:
            return low
        return rest

    def array_item_element(self, tname: str) -> str:
        """Element name of the items of an array type (``<string>``, ``<AliasInfo>``)."""
        item = self.array_item(tname)
        assert item is not None
        return item

    def kind(self, tname: str) -> str:
        """One of ``simple``, ``enum``, ``array``, ``complex``."""
        if tname in SIMPLE_TYPES:
            return "simple"
        if tname in self.enums:
            return "enum"
        if tname.startswith("ArrayOf") and tname not in self.types:
            return "array"
        if tname in self.types:
            return "complex"
        raise KeyError(f"unknown type in catalog: {tname}")

    def is_value_type(self, tname: str) -> bool:
        """True where ASP.NET emits ``minOccurs="1"`` (value types, enums, structs)."""
        kind = self.kind(tname)
        if kind == "simple":
            return SIMPLE_TYPES[tname]
        if kind == "enum":
            return True
        if kind == "array":
            return False
        # SmarterMail's result and info types are .NET structs: minOccurs=1 in the real WSDL
        # (e.g. UserInfoResult.UserInfo). A type may say otherwise with "struct": false.
        return bool(self.type_meta.get(tname, {}).get("struct", True))

    def fields(self, tname: str) -> list[Member]:
        return self.types[tname]
