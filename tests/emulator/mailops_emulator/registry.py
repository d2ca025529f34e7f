# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Operation handlers: ``@operation("svcAliasAdmin", "AddAlias", domain_param="DomainName")``.

A handler is ``func(ctx, p)``: ``ctx`` is a :class:`Context`, ``p`` the request parameters as a
case-insensitive dict keyed by the catalog's wire names (``p["DomainName"]`` and
``p["domainName"]`` are the same). It returns the result fields (``Result``, ``ResultCode`` and
``Message`` are filled in: true, 0, empty) or raises :class:`~mailops_emulator.results.Fail`.
For an operation whose catalog result is a bare array it returns a list; for ``returns: null``,
None. Handlers run under the state lock; after a successful write the state is saved before the
response is sent, after a failed one every change is rolled back.

Access:
- ``system`` (default without ``domain_param``): system administrators only.
- ``domain`` (default with ``domain_param``): also the domain administrators of the domain named
  by that parameter (a plain domain name, or an ``user@domain`` address).
- ``user``: also the user whose address is in ``domain_param`` (for svcUserAdmin self-service).
- ``public``: no credentials (the operation declares none, e.g. AuthenticateUser).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

HANDLERS: dict[tuple[str, str], "Handler"] = {}


@dataclass
class Handler:
    service: str
    operation: str
    func: Callable[..., Any]
    access: str
    domain_param: str | None


def operation(service: str, name: str, *, domain_param: str | None = None, access: str | None = None):
    if access is None:
        access = "domain" if domain_param else "system"
    if access not in ("system", "domain", "user", "public"):
        raise ValueError(f"bad access {access!r}")

    def deco(func):
        key = (service.lower(), name.lower())
        if key in HANDLERS:
            raise ValueError(f"duplicate handler for {service}.{name}")
        HANDLERS[key] = Handler(service, name, func, access, domain_param)
        return func

    return deco


def get_handler(service: str, name: str) -> Handler | None:
    return HANDLERS.get((service.lower(), name.lower()))


class Params(dict):
    """A dict whose lookups ignore the case of the key (wire names differ in casing per op)."""

    def __init__(self, data: dict) -> None:
        super().__init__(data)
        self._lower = {k.lower(): k for k in data}

    def __getitem__(self, key: str):
        return super().__getitem__(self._lower.get(key.lower(), key))

    def get(self, key: str, default=None):
        real = self._lower.get(key.lower())
        if real is None:
            return default
        value = super().__getitem__(real)
        return default if value is None else value

    def __contains__(self, key) -> bool:
        return isinstance(key, str) and key.lower() in self._lower


@dataclass
class Principal:
    """Who called: ``role`` is ``system``, ``domain`` (domain admin) or ``user``."""

    username: str
    role: str
    domain: str | None = None

    @property
    def address(self) -> str:
        return f"{self.username}@{self.domain}" if self.domain else self.username

    def describe(self) -> str:
        return {
            "system": f"system administrator '{self.username}'",
            "domain": f"domain administrator '{self.address}'",
            "user": f"user '{self.address}'",
        }[self.role]


@dataclass
class Context:
    emulator: Any
    op: Any
    principal: Principal | None

    @property
    def store(self):
        return self.emulator.store

    @property
    def state(self) -> dict:
        return self.emulator.store.doc

    @property
    def server(self) -> dict:
        return self.emulator.store.doc["server"]

    @property
    def domains(self) -> dict:
        return self.emulator.store.doc["domains"]

    @property
    def catalog(self):
        return self.emulator.catalog
