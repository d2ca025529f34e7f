# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Server-level state shared by svcServerAdmin, svcGlobalUpdate and svcVirusAdmin.

Everything lives under ``state.server`` and is created on first write; reads use the defaults
without touching the document (a read never changes the state). Layout (all optional in a loaded
state; missing parts get the defaults below)::

    hostnames: [{"ip", "hostname"}]                       one hostname per IP address
    ports: [{"id", "protocol", "encryption", "certificate_path", "name", "port", "description"}]
    ip_bindings: {"<ip>": ["<port id>", ...]}
    gateways: [{"guid", "address", "enabled", "is_smartermail", "sm_url", "sm_username", "sm_password"}]
    incoming_gateways: [IncomingGatewayAttributes with its wire field names]
    ids_blacklist: [{"ip", "range_start", "range_end", "description", "smtp", "pop", "imap", "xmpp"}]
    ids_whitelist: [{... same ..., "greylisting_disabled"}]
    smtp_auth_bypass: [{"ip", "range_start", "range_end", "description"}]
    blocked_senders: [{"sender", "description"}]
    trusted_senders: ["addr@example.com", "example.net"]
    greylisting_filters: [{"type", "ip", "range_start", "range_end", "country", "description"}]
    abuse_rules: [{"id", "type", "service", "action", "time_frame", "occurrences", "time_to_block",
                   "email", "description"}]
    autoclean_rules: [{"id", "folder", "enabled", "type", "size_before_mb", "size_after_mb", "age_days"}]
    reserved_domains: ["example.invalid"]                 (seedable only, see server_admin.py)
    forwarding_blacklist: ["example.org"]
    spamassassin_servers: [{"name", "ip", "port", "consecutive_failures", "enabled", "total_connections"}]
    system_settings: {"SmtpBanner": "...", ...}           typed values, catalog ``server`` keys
    services: {"smtp": true, ...}                         running or stopped
    spool_message_count: 0
    global_update: {"finished", "total", "running"}
    antivirus: {"options": {...}, "clam": {...}, "command_line": {...}, "commtouch": {...},
                "realtime": {...}}                        wire field names of the *Settings types
System administrators (``system_admins``) gain ``id``, ``description``, ``date_created`` and
``ip_restrictions`` ([{"value", "description"}]) when svcServerAdmin touches them.
"""

from __future__ import annotations

import copy
import ipaddress
import uuid

from ..results import INVALID_INPUT, Fail
from ._keys import new_uuid

_NS = uuid.UUID("6f1c2a52-3b0e-4f7e-9a51-5d8f0b6c2e10")

SERVICE_NAMES = ("imap", "imapretrieval", "indexing", "ldap", "pop", "popretrieval", "smtp", "spool", "xmpp")


def stable_id(*parts: str) -> str:
    """A deterministic GUID for default objects (same on every start)."""
    return str(uuid.uuid5(_NS, "/".join(parts)))


def new_id() -> str:
    return new_uuid()


def _port(protocol: str, port: int, encryption: str = "", name: str = "") -> dict:
    return {
        "id": stable_id("port", protocol, str(port)),
        "protocol": protocol,
        "encryption": encryption,
        "certificate_path": "",
        "name": name or f"{protocol} {port}",
        "port": port,
        "description": "",
    }


DEFAULT_PORTS = [
    _port("SMTP", 25, name="SMTP"),
    _port("SMTP", 465, "SSL", "SMTP (SSL)"),
    _port("SubmissionPort", 587, "TLS", "Submission"),
    _port("POP", 110, name="POP"),
    _port("POP", 995, "SSL", "POP (SSL)"),
    _port("IMAP", 143, name="IMAP"),
    _port("IMAP", 993, "SSL", "IMAP (SSL)"),
    _port("LDAP", 389, name="LDAP"),
]

DEFAULT_ANTIVIRUS = {
    "options": {"EnableClamAv": True, "EnableCommandLineAv": False, "EnableCommTouchAv": False, "QuarantineLength": 15},
    "clam": {
        "ClamIpAddress": "127.0.0.1", "ClamPort": 3310, "IsRemoteServer": False, "NumOfFailures": 3, "Timeout": 30
    },
    "command_line": {"CommandLine": ""},
    "commtouch": {"HighResultAction": "Quarantine", "MediumResultAction": "NoAction", "VirusResultAction": "Delete"},
    "realtime": {"QuarnentineDirectory": "C:\\SmarterMail\\Quarantine"},
}

_DEFAULTS = {
    "hostnames": list,
    "ports": lambda: copy.deepcopy(DEFAULT_PORTS),
    "ip_bindings": dict,
    "gateways": list,
    "incoming_gateways": list,
    "ids_blacklist": list,
    "ids_whitelist": list,
    "smtp_auth_bypass": list,
    "blocked_senders": list,
    "trusted_senders": list,
    "greylisting_filters": list,
    "abuse_rules": list,
    "autoclean_rules": list,
    "reserved_domains": list,
    "forwarding_blacklist": list,
    "spamassassin_servers": list,
    "system_settings": dict,
    "services": lambda: {name: True for name in SERVICE_NAMES},
    "spool_message_count": lambda: 0,
    "global_update": lambda: {"finished": 0, "total": 0, "running": False},
    "antivirus": lambda: copy.deepcopy(DEFAULT_ANTIVIRUS),
}


def read(ctx, key: str):
    """The current value of ``server[key]`` (the default when absent; the document is not changed)."""
    value = ctx.server.get(key)
    return _DEFAULTS[key]() if value is None else value


def write(ctx, key: str):
    """``server[key]``, created with its default: for handlers that change it."""
    if ctx.server.get(key) is None:
        ctx.server[key] = _DEFAULTS[key]()
    return ctx.server[key]


# ----------------------------------------------------------------------------- validation
def text(value) -> str:
    return (value or "").strip()


def ip_or_fail(value, what: str = "IP address") -> str:
    value = text(value)
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        raise Fail(INVALID_INPUT, f"Invalid {what}: '{value}'.") from None


def ip_or_range(p, ip_key: str, start_key: str, end_key: str) -> tuple[str, str, str]:
    """(ip, start, end) with the rule "either an IP address or a range, not both"."""
    ip, start, end = text(p.get(ip_key)), text(p.get(start_key)), text(p.get(end_key))
    if ip and (start or end):
        raise Fail(INVALID_INPUT, "Pass either an IP address or an IP range, not both.")
    if ip:
        return ip_or_fail(ip), "", ""
    if not start and not end:
        raise Fail(INVALID_INPUT, "An IP address or an IP range (start and end) is required.")
    if not start or not end:
        raise Fail(INVALID_INPUT, "An IP range needs both a start and an end address.")
    first, last = ip_or_fail(start, "range start"), ip_or_fail(end, "range end")
    a, b = ipaddress.ip_address(first), ipaddress.ip_address(last)
    if a.version != b.version:
        raise Fail(INVALID_INPUT, f"The range {first}-{last} mixes IPv4 and IPv6.")
    if a > b:
        raise Fail(INVALID_INPUT, f"The range start {first} is after its end {last}.")
    return "", first, last


def same_target(entry: dict, ip: str, start: str, end: str) -> bool:
    return (entry.get("ip") or "", entry.get("range_start") or "", entry.get("range_end") or "") == (ip, start, end)


def describe_target(ip: str, start: str, end: str) -> str:
    return ip or f"{start}-{end}"
