# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Input validation shared by the service handlers."""

from __future__ import annotations

import ipaddress
import re

from .results import INVALID_INPUT, Fail

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
DOMAIN_RE = re.compile(rf"^(?:{_LABEL}\.)+[A-Za-z][A-Za-z0-9-]{{0,61}}[A-Za-z0-9]$")
LOCAL_RE = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")


def is_domain(name: str | None) -> bool:
    return bool(name) and len(name) <= 253 and bool(DOMAIN_RE.match(name))


def is_local_part(name: str | None) -> bool:
    return bool(name) and len(name) <= 64 and bool(LOCAL_RE.match(name))


def is_email(address: str | None) -> bool:
    if not address or address.count("@") != 1:
        return False
    local, domain = address.rsplit("@", 1)
    return is_local_part(local) and is_domain(domain)


def require_domain_name(name: str | None, what: str = "domain name") -> str:
    name = (name or "").strip()
    if not is_domain(name):
        raise Fail(INVALID_INPUT, f"Invalid {what}: '{name}'.")
    return name.lower()


def require_email(address: str | None) -> str:
    address = (address or "").strip()
    if not is_email(address):
        raise Fail(INVALID_INPUT, f"Invalid email address: '{address}'.")
    return address


def require_ip(value: str | None, what: str = "IP address", allow_blank: bool = False) -> str:
    value = (value or "").strip()
    if not value and allow_blank:
        return ""
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        raise Fail(INVALID_INPUT, f"Invalid {what}: '{value}'.") from None


def require_text(value: str | None, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise Fail(INVALID_INPUT, f"{what} is required.")
    return value


def require_non_negative(value, what: str) -> int:
    value = int(value or 0)
    if value < 0:
        raise Fail(INVALID_INPUT, f"{what} must not be negative.")
    return value
