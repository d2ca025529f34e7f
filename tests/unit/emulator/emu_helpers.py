# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Helpers for the emulator tests (imported by conftest.py and the test modules)."""

from __future__ import annotations

import os
import sys

EMULATOR_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "emulator"))
if EMULATOR_DIR not in sys.path:
    sys.path.insert(0, EMULATOR_DIR)

from mailops_emulator.catalog import Catalog  # noqa: E402
from mailops_emulator.control import EmulatorProcess  # noqa: E402

ADMIN_USER = "admin"
ADMIN_PASSWORD = "Emu-Adm1n-Pa55word"
REFERENCE_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "shared", "reference"))


class Soap:
    """zeep clients per service (built once per session) and a call helper injecting credentials."""

    def __init__(self, emulator: EmulatorProcess, catalog: Catalog) -> None:
        self.emulator = emulator
        self.catalog = catalog
        self._clients: dict = {}

    def client(self, service: str):
        import zeep
        from zeep.transports import Transport

        if service not in self._clients:
            transport = Transport(timeout=10, operation_timeout=10)
            self._clients[service] = zeep.Client(self.emulator.wsdl_url(service), transport=transport)
        return self._clients[service]

    def proxy(self, service: str, soap12: bool = False):
        client = self.client(service)
        if soap12:
            return client.bind(service, f"{service}Soap12")
        return client.service

    def call(
        self,
        service: str,
        operation: str,
        *,
        user: str = ADMIN_USER,
        password: str = ADMIN_PASSWORD,
        soap12: bool = False,
        **params,
    ):
        from zeep.helpers import serialize_object

        op = self.catalog.operation(service, operation)
        assert op is not None, f"{service}.{operation} not in catalog"
        auth = op.auth_params
        if auth:
            params.setdefault(auth[0], user)
            params.setdefault(auth[1], password)
        result = getattr(self.proxy(service, soap12), operation)(**params)
        return serialize_object(result, dict)

    __call__ = call


def arr(*items):
    """An ArrayOfString argument for zeep."""
    return {"string": list(items)}


def strings(value):
    """Items of an ArrayOfString result (zeep gives {'string': [...]} or None)."""
    if value is None:
        return []
    if isinstance(value, dict):
        return list(value.get("string") or [])
    return list(value)


def add_domain_params(name="example.com", admin="postmaster", password="Dom-Pw-1", **overrides):
    """Every AddDomain parameter, with sensible values; ``overrides`` replace any of them."""
    params = dict(
        DomainName=name,
        Path="",
        PrimaryDomainAdminUserName=admin,
        PrimaryDomainAdminPassword=password,
        PrimaryDomainAdminFirstName="Post",
        PrimaryDomainAdminLastName="Master",
        IP="127.0.0.1",
        ImapPort=143,
        PopPort=110,
        SmtpPort=25,
        MaxAliases=0,
        MaxDomainSizeInMB=0,
        MaxDomainUsers=0,
        MaxMailboxSizeInMB=0,
        MaxMessageSize=0,
        MaxRecipients=0,
        MaxDomainAliases=0,
        MaxLists=0,
        ShowDomainAliasMenu=True,
        ShowContentFilteringMenu=True,
        ShowSpamMenu=True,
        ShowStatsMenu=False,
        RequireSmtpAuthentication=True,
        ShowListMenu=True,
        ListCommandAddress="stserv",
    )
    params.update(overrides)
    return params


def add_domain(soap, name="example.com", admin="postmaster", password="Dom-Pw-1", **overrides):
    params = add_domain_params(name, admin, password, **overrides)
    result = soap("svcDomainAdmin", "AddDomain", **params)
    assert result["Result"] is True, result
    return result


def assert_ok(result):
    assert result["Result"] is True and result["ResultCode"] == 0, result
    return result


def assert_fail(result, code=None, contains=None):
    assert result["Result"] is False, result
    if code is not None:
        assert result["ResultCode"] == code, result
    if contains is not None:
        assert contains in (result["Message"] or ""), result
    return result


def ops_called_in(source_file: str, service_ops: list[str]) -> list[str]:
    """Operation names of a service that a test module never mentions as a quoted name."""
    with open(source_file, encoding="utf-8") as fh:
        text = fh.read()
    return [name for name in service_ops if f'"{name}"' not in text]
