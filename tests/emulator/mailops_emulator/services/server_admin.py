# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcServerAdmin: global settings and control of the server (system administrators only).

State: see ``_server.py`` (everything under ``state.server``). Rules emulated:

- Hostnames: one hostname per IP address (DeleteHostname takes only the IP); a valid host name
  and IP are required; a second hostname for the same IP is -4; deleting an unknown IP is -3.
- Ports: protocol IMAP, LDAP, POP, SMTP or SubmissionPort; encryption empty, SSL or TLS
  (case-insensitive, answered in canonical case); port 1-65535 and unique on the server (-4);
  AddServerPort answers ``NewID`` (a GUID). A fresh server has the usual eight ports. IP bindings:
  AssignPortToIP needs an existing port (-3) and a valid IP, a second assignment is -4;
  RemovePortFromIP of a missing binding is -3; DeleteServerPort also drops its bindings.
- Outgoing gateways: address (IP or host name) unique (-4); AddSmarterMailGateway and an update
  to ``isSmarterMailServer`` need an http(s) ``smUrl``, a user name and a password (-2);
  unknown guid -3. GetGateway/ListGateways answer ``smPassword`` (as the real server does).
- Incoming gateways: enum fields checked against the seed's values (gatewayMode BackupMX |
  DomainForward, userVerifyType None | SMTP | WebService, domainVerifyType AllButSpecifiedDomains |
  SpecifiedDomains | WebService, spam/notSpam actions Delete | Header | None | PassScore | Reroute |
  Subject; blank = default); either an IP or a range, not both; WebService verification needs a
  URL; smarterMailMode needs URL, user and password; domainsToForward must be domain names.
  The server assigns the guid; the IP (or range) is unique (-4).
- IDS blacklist / whitelist (SetBlacklistEntry, SetWhitelistEntry[2]): either an IP or a range,
  not both (-2); the entry is keyed by the IP or the range: set adds or edits it; setting every
  protocol to false removes it (-3 when there is none). The obsolete SetWhitelistEntry edits only
  SMTP/POP/IMAP (XMPP and the greylisting flag are kept); GetWhitelistEntries (obsolete) omits
  them.
- SMTP authentication bypass: either an IP or a range, not both; duplicates -4; delete of a
  missing rule -3.
- Blocked senders: an e-mail address or a domain, unique (-4); there is no delete operation.
  Trusted senders: address or domain, unique (-4), delete of a missing one -3.
- Greylisting filters: filterType Country | IPAddress | IPRange with the field that type needs
  (country: two letters, stored upper-case); duplicates -4; delete matches type + that field (-3).
- Abuse detection rules: abuseDetectionType DOS | BruteForce | Harvesting | InternalSpammer |
  Bounces; ``service`` (IMAP, LDAP, POP, SMTP, XMPP) required for DOS and BruteForce and cleared
  for the others; ``action`` (NotifyOnly | Block) and ``emailAddressToNotify`` only for
  InternalSpammer and Bounces (notify address required there); timeFrame and
  occurencesBeforeTrigger >= 1, timeToBlock >= 0. GetAbuseDetectionRules filters on ALL or a type.
  The obsolete Add*/Get* operations (DOS, Harvesting, InternalSpammerNotification, BruteForce,
  Bounces) read and write the same rules in their old shapes.
- Folder auto-clean rules: type Date (mailAgeInDays >= 1) or Size (sizeBeforeAutoClean >
  sizeAfterClean >= 0); one rule per folder and type (-4); unknown id -3.
- Forwarding blacklist: domain names, unique (-4), delete of a missing one -3.
- Remote SpamAssassin servers: unique name (-4), valid IP, port 1-65535; delete by name (-3).
- System administrators: user names without ``@`` (those are domain logins), unique (-4), a
  non-empty password; the primary administrator cannot be deleted (-7); IP restrictions are an IP
  or a range ``x.x.x.x-y.y.y.y`` per administrator (duplicates -4, unknown -3) and shown as
  RestrictedByIp. Restrictions are stored, not enforced at login.
- Requested system settings: see ``_system_settings.py`` (all-or-nothing; unknown key -2; empty
  request = every key).
- Services: StartServices/StopServices take imap, imapretrieval, indexing, ldap, pop,
  popretrieval, smtp, spool, xmpp or all (case-insensitive; unknown name or empty list -2, nothing
  applied). RequestStatus reports ``<svc>_isrunning``; thread counts are 0 (no mail flows),
  spool_messagecount = GetSpoolMessageCount = ``server.spool_message_count`` (seedable),
  server_uptime in seconds since the emulator started; an empty request = every key.
- GetEdition: ENT | FREE | LITE | PRO derived from ``server.product.edition``.
- Reserved domain names: the only documented signature of Add/Remove/SetReservedDomainNames carries
  no names, so they answer -2 ("no domain names supplied") and change nothing;
  GetReservedDomainNames answers Result=true (StringArrayResult documents no payload field).
"""

from __future__ import annotations

import datetime as _dt
import ipaddress
import re
import time

from ..registry import operation
from ..results import ALREADY_EXISTS, CONFLICT, INVALID_INPUT, NOT_FOUND, Fail
from ..validate import is_domain, is_email
from . import _server as S
from ._system_settings import SystemSettingError, SystemSettings

SVC = "svcServerAdmin"

PROTOCOLS = ("IMAP", "LDAP", "POP", "SMTP", "SubmissionPort")
ENCRYPTIONS = ("", "SSL", "TLS")
ABUSE_TYPES = ("DOS", "BruteForce", "Harvesting", "InternalSpammer", "Bounces")
ABUSE_SERVICES = ("IMAP", "LDAP", "POP", "SMTP", "XMPP")
ABUSE_ACTIONS = ("NotifyOnly", "Block")
GATEWAY_MODES = ("BackupMX", "DomainForward")
USER_VERIFY = ("None", "SMTP", "WebService")
DOMAIN_VERIFY = ("AllButSpecifiedDomains", "SpecifiedDomains", "WebService")
SPAM_ACTIONS = ("Delete", "Header", "None", "PassScore", "Reroute", "Subject")
GREYLIST_TYPES = ("Country", "IPAddress", "IPRange")
AUTOCLEAN_TYPES = ("Date", "Size")
EDITIONS = {"enterprise": "ENT", "ent": "ENT", "professional": "PRO", "pro": "PRO", "free": "FREE", "lite": "LITE"}
_HOST_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_ADMIN_NAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def _choice(value, allowed, what: str, default: str | None = None) -> str:
    value = S.text(value)
    if not value and default is not None:
        return default
    for item in allowed:
        if value.lower() == item.lower():
            return item
    shown = ", ".join(a or "(blank)" for a in allowed)
    raise Fail(INVALID_INPUT, f"Invalid {what}: '{value}' (expected one of {shown}).")


def _hostname(value, what: str = "host name") -> str:
    value = S.text(value).rstrip(".")
    if not value or len(value) > 253 or not all(_HOST_LABEL.match(x) for x in value.split(".")):
        raise Fail(INVALID_INPUT, f"Invalid {what}: '{value}'.")
    return value.lower()


def _address(value, what: str) -> str:
    value = S.text(value)
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return _hostname(value, what)


def _positive(value, what: str, minimum: int = 1) -> int:
    value = int(value or 0)
    if value < minimum:
        raise Fail(INVALID_INPUT, f"{what} must be at least {minimum}.")
    return value


def _port_number(value, what: str = "port") -> int:
    value = int(value or 0)
    if not 1 <= value <= 65535:
        raise Fail(INVALID_INPUT, f"Invalid {what}: {value} (expected 1-65535).")
    return value


def _url(value, what: str) -> str:
    value = S.text(value)
    if not re.match(r"^https?://[^\s/]+", value, re.I):
        raise Fail(INVALID_INPUT, f"Invalid {what}: '{value}' (expected an http(s) URL).")
    return value


def _sender(value, what: str) -> str:
    value = S.text(value)
    if not (is_email(value) or is_domain(value)):
        raise Fail(INVALID_INPUT, f"Invalid {what}: '{value}' (expected an email address or a domain).")
    return value.lower()


def _find(items: list, pred):
    for item in items:
        if pred(item):
            return item
    return None


def _range_fields(entry: dict) -> dict:
    return {
        "IPAddress": entry.get("ip") or "",
        "IPRangeStart": entry.get("range_start") or "",
        "IPRangeEnd": entry.get("range_end") or "",
        "Description": entry.get("description") or "",
    }


# ------------------------------------------------------------------------------ hostnames
@operation(SVC, "AddHostname")
def add_hostname(ctx, p):
    hostname = _hostname(p.get("hostname"))
    ip = S.ip_or_fail(p.get("ipAddress"))
    hostnames = S.write(ctx, "hostnames")
    if _find(hostnames, lambda h: h["ip"] == ip):
        raise Fail(ALREADY_EXISTS, f"A hostname is already configured for {ip}.")
    hostnames.append({"ip": ip, "hostname": hostname})
    return {}


@operation(SVC, "DeleteHostname")
def delete_hostname(ctx, p):
    ip = S.ip_or_fail(p.get("ipAddress"))
    hostnames = S.write(ctx, "hostnames")
    entry = _find(hostnames, lambda h: h["ip"] == ip)
    if entry is None:
        raise Fail(NOT_FOUND, f"No hostname is configured for {ip}.")
    hostnames.remove(entry)
    return {}


@operation(SVC, "ListHostnames")
def list_hostnames(ctx, p):
    return {"Hostnames": [{"IPAddress": h["ip"], "Hostname": h["hostname"]} for h in S.read(ctx, "hostnames")]}


# ---------------------------------------------------------------------------------- ports
def _port_result(port: dict) -> dict:
    return {
        "ID": port["id"],
        "Protocol": port["protocol"],
        "Encryption": port["encryption"],
        "CertificatePath": port["certificate_path"],
        "Name": port["name"],
        "Port": port["port"],
        "Description": port["description"],
    }


def _port_or_fail(ctx, port_id) -> dict:
    port_id = S.text(port_id).lower()
    port = _find(S.read(ctx, "ports"), lambda x: x["id"].lower() == port_id)
    if port is None:
        raise Fail(NOT_FOUND, f"Port '{port_id}' does not exist.")
    return port


@operation(SVC, "AddServerPort")
def add_server_port(ctx, p):
    protocol = _choice(p.get("protocol"), PROTOCOLS, "protocol")
    encryption = _choice(p.get("encryption"), ENCRYPTIONS, "encryption", default="")
    number = _port_number(p.get("port"))
    ports = S.write(ctx, "ports")
    if _find(ports, lambda x: x["port"] == number):
        raise Fail(ALREADY_EXISTS, f"Port {number} is already configured.")
    port = {
        "id": S.new_id(),
        "protocol": protocol,
        "encryption": encryption,
        "certificate_path": S.text(p.get("certificatePath")),
        "name": S.text(p.get("name")) or f"{protocol} {number}",
        "port": number,
        "description": S.text(p.get("description")),
    }
    ports.append(port)
    return {"NewID": port["id"]}


@operation(SVC, "DeleteServerPort")
def delete_server_port(ctx, p):
    S.write(ctx, "ports")
    port = _port_or_fail(ctx, p.get("portId"))
    ctx.server["ports"].remove(port)
    bindings = S.write(ctx, "ip_bindings")
    for ip in list(bindings):
        bindings[ip] = [x for x in bindings[ip] if x != port["id"]]
        if not bindings[ip]:
            del bindings[ip]
    return {}


@operation(SVC, "ListServerPorts")
def list_server_ports(ctx, p):
    return {"Ports": [_port_result(x) for x in S.read(ctx, "ports")]}


@operation(SVC, "AssignPortToIP")
def assign_port_to_ip(ctx, p):
    S.write(ctx, "ports")
    port = _port_or_fail(ctx, p.get("portID"))
    ip = S.ip_or_fail(p.get("ipAddress"))
    bound = S.write(ctx, "ip_bindings").setdefault(ip, [])
    if port["id"] in bound:
        raise Fail(ALREADY_EXISTS, f"Port {port['port']} is already assigned to {ip}.")
    bound.append(port["id"])
    return {}


@operation(SVC, "RemovePortFromIP")
def remove_port_from_ip(ctx, p):
    port = _port_or_fail(ctx, p.get("portID"))
    ip = S.ip_or_fail(p.get("ipAddress"))
    bindings = S.write(ctx, "ip_bindings")
    if port["id"] not in bindings.get(ip, []):
        raise Fail(NOT_FOUND, f"Port {port['port']} is not assigned to {ip}.")
    bindings[ip].remove(port["id"])
    if not bindings[ip]:
        del bindings[ip]
    return {}


@operation(SVC, "ListPortsAssignedToIP")
def list_ports_assigned_to_ip(ctx, p):
    ip = S.ip_or_fail(p.get("ipAddress"))
    ids = S.read(ctx, "ip_bindings").get(ip, [])
    return {"Ports": [_port_result(x) for x in S.read(ctx, "ports") if x["id"] in ids]}


# ------------------------------------------------------------------------------ gateways
def _gateway_result(gw: dict) -> dict:
    return {
        "guid": gw["guid"],
        "gatewayAddress": gw["address"],
        "enabled": gw["enabled"],
        "isSmarterMailServer": gw["is_smartermail"],
        "smUrl": gw["sm_url"],
        "smUserName": gw["sm_username"],
        "smPassword": gw["sm_password"],
    }


def _gateway_or_fail(ctx, guid) -> dict:
    guid = S.text(guid).lower()
    gw = _find(S.read(ctx, "gateways"), lambda g: g["guid"].lower() == guid)
    if gw is None:
        raise Fail(NOT_FOUND, f"Gateway '{guid}' does not exist.")
    return gw


def _sm_credentials(p) -> tuple[str, str, str]:
    url = _url(p.get("smUrl"), "SmarterMail URL")
    user = S.text(p.get("smUserName"))
    password = p.get("smPassword") or ""
    if not user or not password:
        raise Fail(INVALID_INPUT, "A SmarterMail gateway needs the administrator user name and password.")
    return url, user, password


def _add_gateway(ctx, p, smartermail: bool) -> dict:
    address = _address(p.get("address"), "gateway address")
    gateways = S.write(ctx, "gateways")
    if _find(gateways, lambda g: g["address"] == address):
        raise Fail(ALREADY_EXISTS, f"A gateway with address '{address}' already exists.")
    url, user, password = _sm_credentials(p) if smartermail else ("", "", "")
    gateways.append(
        {
            "guid": S.new_id(),
            "address": address,
            "enabled": bool(p.get("enabled")),
            "is_smartermail": smartermail,
            "sm_url": url,
            "sm_username": user,
            "sm_password": password,
        }
    )
    return {}


@operation(SVC, "AddGateway")
def add_gateway(ctx, p):
    return _add_gateway(ctx, p, False)


@operation(SVC, "AddSmarterMailGateway")
def add_smartermail_gateway(ctx, p):
    return _add_gateway(ctx, p, True)


@operation(SVC, "UpdateGateway")
def update_gateway(ctx, p):
    S.write(ctx, "gateways")
    gw = _gateway_or_fail(ctx, p.get("guid"))
    address = _address(p.get("address"), "gateway address")
    if _find(ctx.server["gateways"], lambda g: g is not gw and g["address"] == address):
        raise Fail(ALREADY_EXISTS, f"A gateway with address '{address}' already exists.")
    smartermail = bool(p.get("isSmarterMailServer"))
    url, user, password = _sm_credentials(p) if smartermail else ("", "", "")
    gw.update(
        address=address,
        enabled=bool(p.get("enabled")),
        is_smartermail=smartermail,
        sm_url=url,
        sm_username=user,
        sm_password=password,
    )
    return {}


@operation(SVC, "RemoveGateway")
def remove_gateway(ctx, p):
    S.write(ctx, "gateways")
    ctx.server["gateways"].remove(_gateway_or_fail(ctx, p.get("guid")))
    return {}


@operation(SVC, "GetGateway")
def get_gateway(ctx, p):
    return _gateway_result(_gateway_or_fail(ctx, p.get("guid")))


@operation(SVC, "ListGateways")
def list_gateways(ctx, p):
    return {"gateways": [_gateway_result(g) for g in S.read(ctx, "gateways")]}


# --------------------------------------------------------------------- incoming gateways
def _incoming(attrs: dict | None, guid: str) -> dict:
    if not attrs:
        raise Fail(INVALID_INPUT, "The incoming gateway attributes are required.")
    get = attrs.get
    ip, start, end = S.text(get("IPAddress")), S.text(get("IPStartRange")), S.text(get("IPEndRange"))
    ip, start, end = S.ip_or_range({"ip": ip, "start": start, "end": end}, "ip", "start", "end")
    out = {
        "guid": guid,
        "gatewayMode": _choice(get("gatewayMode"), GATEWAY_MODES, "gatewayMode", default="BackupMX"),
        "IPAddress": ip,
        "IPStartRange": start,
        "IPEndRange": end,
        "userVerifyType": _choice(get("userVerifyType"), USER_VERIFY, "userVerifyType", default="None"),
        "webserviceURL": S.text(get("webserviceURL")),
        "domainVerifyType": _choice(
            get("domainVerifyType"), DOMAIN_VERIFY, "domainVerifyType", default="SpecifiedDomains"
        ),
        "domainsToForward": [],
        "enableSpamActions": bool(get("enableSpamActions")),
        "smarterMailMode": bool(get("smarterMailMode")),
        "smarterMailURL": S.text(get("smarterMailURL")),
        "authSmarterMailUserName": S.text(get("authSmarterMailUserName")),
        "authSmarterMailPassword": get("authSmarterMailPassword") or "",
    }
    for level in ("spamLow", "spamMed", "spamHigh", "notSpam"):
        out[f"{level}Action"] = _choice(get(f"{level}Action"), SPAM_ACTIONS, f"{level}Action", default="None")
        out[f"{level}Args"] = S.text(get(f"{level}Args"))
    domains = get("domainsToForward") or []
    if isinstance(domains, dict):  # {"string": [...]} from some clients
        domains = domains.get("string") or []
    for name in domains:
        name = S.text(name)
        if not is_domain(name):
            raise Fail(INVALID_INPUT, f"Invalid domain in domainsToForward: '{name}'.")
        if name.lower() not in out["domainsToForward"]:
            out["domainsToForward"].append(name.lower())
    if "WebService" in (out["userVerifyType"], out["domainVerifyType"]):
        out["webserviceURL"] = _url(out["webserviceURL"], "webserviceURL")
    if out["smarterMailMode"]:
        out["smarterMailURL"] = _url(out["smarterMailURL"], "smarterMailURL")
        if not out["authSmarterMailUserName"] or not out["authSmarterMailPassword"]:
            raise Fail(INVALID_INPUT, "smarterMailMode needs the administrator user name and password.")
    return out


def _incoming_or_fail(ctx, guid) -> dict:
    guid = S.text(guid).lower()
    gw = _find(S.read(ctx, "incoming_gateways"), lambda g: g["guid"].lower() == guid)
    if gw is None:
        raise Fail(NOT_FOUND, f"Incoming gateway '{guid}' does not exist.")
    return gw


def _same_source(a: dict, b: dict) -> bool:
    return (a["IPAddress"], a["IPStartRange"], a["IPEndRange"]) == (b["IPAddress"], b["IPStartRange"], b["IPEndRange"])


@operation(SVC, "AddIncomingGateway")
def add_incoming_gateway(ctx, p):
    gw = _incoming(p.get("newIncomingGateway"), S.new_id())
    gateways = S.write(ctx, "incoming_gateways")
    if _find(gateways, lambda g: _same_source(g, gw)):
        raise Fail(ALREADY_EXISTS, "An incoming gateway for that IP address or range already exists.")
    gateways.append(gw)
    return {}


@operation(SVC, "UpdateIncomingGateway")
def update_incoming_gateway(ctx, p):
    gateways = S.write(ctx, "incoming_gateways")
    current = _incoming_or_fail(ctx, p.get("guid"))
    gw = _incoming(p.get("updatedIncomingGateway"), current["guid"])
    if _find(gateways, lambda g: g is not current and _same_source(g, gw)):
        raise Fail(ALREADY_EXISTS, "An incoming gateway for that IP address or range already exists.")
    current.clear()
    current.update(gw)
    return {}


@operation(SVC, "RemoveIncomingGateway")
def remove_incoming_gateway(ctx, p):
    S.write(ctx, "incoming_gateways")
    ctx.server["incoming_gateways"].remove(_incoming_or_fail(ctx, p.get("guid")))
    return {}


@operation(SVC, "GetIncomingGateway")
def get_incoming_gateway(ctx, p):
    return {"gateway": _incoming_or_fail(ctx, p.get("guid"))}


@operation(SVC, "ListIncomingGateways")
def list_incoming_gateways(ctx, p):
    return {"incGateways": list(S.read(ctx, "incoming_gateways"))}


# --------------------------------------------------------------------- IDS black/whitelist
def _set_ids_entry(ctx, key: str, p, flags: dict, extra: dict | None = None) -> None:
    ip, start, end = S.ip_or_range(p, "ipAddress", "ipRangeStart", "ipRangeEnd")
    entries = S.write(ctx, key)
    entry = _find(entries, lambda e: S.same_target(e, ip, start, end))
    merged = dict(entry or {"xmpp": False, "greylisting_disabled": False})
    merged.update(flags)
    if not any(merged.get(k) for k in ("smtp", "pop", "imap", "xmpp")):
        if entry is None:
            what = "blacklist" if key == "ids_blacklist" else "whitelist"
            raise Fail(NOT_FOUND, f"No {what} entry for {S.describe_target(ip, start, end)} to remove.")
        entries.remove(entry)
        return
    merged.update(extra or {})
    merged.update(ip=ip, range_start=start, range_end=end, description=S.text(p.get("description")))
    if entry is None:
        entries.append(merged)
    else:
        entry.clear()
        entry.update(merged)


@operation(SVC, "SetBlacklistEntry")
def set_blacklist_entry(ctx, p):
    flags = {k: bool(p.get(f"blacklist{k.upper()}")) for k in ("smtp", "pop", "imap", "xmpp")}
    _set_ids_entry(ctx, "ids_blacklist", p, flags)
    return {}


@operation(SVC, "GetBlacklistEntries")
def get_blacklist_entries(ctx, p):
    out = []
    for e in S.read(ctx, "ids_blacklist"):
        item = _range_fields(e)
        item.update(
            SMTPBlacklisted=e["smtp"], POPBlacklisted=e["pop"], IMAPBlacklisted=e["imap"], XMPPBlacklisted=e["xmpp"]
        )
        out.append(item)
    return {"Entries": out}


@operation(SVC, "SetWhitelistEntry")
def set_whitelist_entry(ctx, p):
    flags = {k: bool(p.get(f"whitelist{k.upper()}")) for k in ("smtp", "pop", "imap")}
    _set_ids_entry(ctx, "ids_whitelist", p, flags)
    return {}


@operation(SVC, "SetWhitelistEntry2")
def set_whitelist_entry2(ctx, p):
    flags = {k: bool(p.get(f"whitelist{k.upper()}")) for k in ("smtp", "pop", "imap", "xmpp")}
    _set_ids_entry(ctx, "ids_whitelist", p, flags, {"greylisting_disabled": bool(p.get("disableGreylisting"))})
    return {}


def _whitelist(ctx, newer: bool) -> list:
    out = []
    for e in S.read(ctx, "ids_whitelist"):
        item = _range_fields(e)
        item.update(SMTPWhitelisted=e["smtp"], POPWhitelisted=e["pop"], IMAPWhitelisted=e["imap"])
        if newer:
            item.update(XMPPWhitelisted=e.get("xmpp", False), GreylistingDisabled=e.get("greylisting_disabled", False))
        out.append(item)
    return out


@operation(SVC, "GetWhitelistEntries")
def get_whitelist_entries(ctx, p):
    return {"Entries": _whitelist(ctx, False)}


@operation(SVC, "GetWhitelistEntries2")
def get_whitelist_entries2(ctx, p):
    return {"Entries": _whitelist(ctx, True)}


# ------------------------------------------------------------------- SMTP auth bypass
@operation(SVC, "AddSmtpAuthenticationBypass")
def add_smtp_auth_bypass(ctx, p):
    ip, start, end = S.ip_or_range(p, "ipAddress", "ipRangeStart", "ipRangeEnd")
    rules = S.write(ctx, "smtp_auth_bypass")
    if _find(rules, lambda r: S.same_target(r, ip, start, end)):
        raise Fail(ALREADY_EXISTS, f"An SMTP authentication bypass for {S.describe_target(ip, start, end)} exists.")
    rules.append({"ip": ip, "range_start": start, "range_end": end, "description": S.text(p.get("description"))})
    return {}


@operation(SVC, "DeleteSmtpAuthenticationBypass")
def delete_smtp_auth_bypass(ctx, p):
    ip, start, end = S.ip_or_range(p, "ipAddress", "ipRangeStart", "ipRangeEnd")
    rules = S.write(ctx, "smtp_auth_bypass")
    rule = _find(rules, lambda r: S.same_target(r, ip, start, end))
    if rule is None:
        raise Fail(NOT_FOUND, f"No SMTP authentication bypass for {S.describe_target(ip, start, end)}.")
    rules.remove(rule)
    return {}


@operation(SVC, "GetSmtpAuthenticationBypasses")
def get_smtp_auth_bypasses(ctx, p):
    return {"Entries": [_range_fields(r) for r in S.read(ctx, "smtp_auth_bypass")]}


# ------------------------------------------------------------- blocked / trusted senders
@operation(SVC, "AddSMTPBlockedSender")
def add_smtp_blocked_sender(ctx, p):
    sender = _sender(p.get("blockedSender"), "blocked sender")
    senders = S.write(ctx, "blocked_senders")
    if _find(senders, lambda s: s["sender"] == sender):
        raise Fail(ALREADY_EXISTS, f"'{sender}' is already blocked.")
    senders.append({"sender": sender, "description": S.text(p.get("description"))})
    return {}


@operation(SVC, "GetSMTPBlockedSenders")
def get_smtp_blocked_senders(ctx, p):
    return {
        "SMTPBlockedSenders": [
            {"BlockedSender": s["sender"], "Description": s["description"]} for s in S.read(ctx, "blocked_senders")
        ]
    }


@operation(SVC, "AddGlobalTrustedSender")
def add_global_trusted_sender(ctx, p):
    sender = _sender(p.get("addressOrDomain"), "trusted sender")
    senders = S.write(ctx, "trusted_senders")
    if sender in senders:
        raise Fail(ALREADY_EXISTS, f"'{sender}' is already a trusted sender.")
    senders.append(sender)
    return {}


@operation(SVC, "DeleteGlobalTrustedSender")
def delete_global_trusted_sender(ctx, p):
    sender = S.text(p.get("addressOrDomain")).lower()
    senders = S.write(ctx, "trusted_senders")
    if sender not in senders:
        raise Fail(NOT_FOUND, f"'{sender}' is not a trusted sender.")
    senders.remove(sender)
    return {}


@operation(SVC, "GetGlobalTrustedSenders")
def get_global_trusted_senders(ctx, p):
    return {"TrustedSenders": list(S.read(ctx, "trusted_senders"))}


# ---------------------------------------------------------------------- greylisting
def _greylist_key(p) -> dict:
    ftype = _choice(p.get("filterType"), GREYLIST_TYPES, "filterType")
    out = {"type": ftype, "ip": "", "range_start": "", "range_end": "", "country": ""}
    if ftype == "IPAddress":
        out["ip"] = S.ip_or_fail(p.get("ipAddress"))
    elif ftype == "IPRange":
        _ip, out["range_start"], out["range_end"] = S.ip_or_range(
            {"start": p.get("ipRangeStart"), "end": p.get("ipRangeEnd")}, "ip", "start", "end"
        )
    else:
        country = S.text(p.get("countryCode"))
        if not _COUNTRY.match(country):
            raise Fail(INVALID_INPUT, f"Invalid country code: '{country}' (expected two letters).")
        out["country"] = country.upper()
    return out


def _same_filter(a: dict, b: dict) -> bool:
    return all(a[k] == b[k] for k in ("type", "ip", "range_start", "range_end", "country"))


@operation(SVC, "AddGreylistingFilter")
def add_greylisting_filter(ctx, p):
    entry = _greylist_key(p)
    filters = S.write(ctx, "greylisting_filters")
    if _find(filters, lambda f: _same_filter(f, entry)):
        raise Fail(ALREADY_EXISTS, "That greylisting filter already exists.")
    entry["description"] = S.text(p.get("description"))
    filters.append(entry)
    return {}


@operation(SVC, "DeleteGreylistingFilter")
def delete_greylisting_filter(ctx, p):
    key = _greylist_key(p)
    filters = S.write(ctx, "greylisting_filters")
    entry = _find(filters, lambda f: _same_filter(f, key))
    if entry is None:
        raise Fail(NOT_FOUND, "No such greylisting filter.")
    filters.remove(entry)
    return {}


@operation(SVC, "ListGreylistingFilters")
def list_greylisting_filters(ctx, p):
    out = []
    for f in S.read(ctx, "greylisting_filters"):
        out.append(
            {
                "Result": True,
                "ResultCode": 0,
                "Message": "",
                "FilterType": f["type"],
                "IPRangeStart": f["range_start"],
                "IPRangeEnd": f["range_end"],
                "IPAddress": f["ip"],
                "Description": f["description"],
                "CountryCode": f["country"],
            }
        )
    return {"Filters": out}


# ------------------------------------------------------------------- abuse detection
def _abuse_fields(rtype: str, p, *, action, time_frame, occurrences, time_to_block, email, service="") -> dict:
    rule = {
        "type": rtype,
        "service": "",
        "action": "",
        "time_frame": _positive(time_frame, "timeFrame"),
        "occurrences": _positive(occurrences, "occurencesBeforeTrigger"),
        "time_to_block": _positive(time_to_block, "timeToBlock", 0),
        "email": "",
        "description": S.text(p.get("description")),
    }
    if rtype in ("DOS", "BruteForce"):
        rule["service"] = _choice(service, ABUSE_SERVICES, "service")
    if rtype in ("InternalSpammer", "Bounces"):
        rule["action"] = _choice(action, ABUSE_ACTIONS, "action", default="NotifyOnly")
        email = S.text(email)
        if not is_email(email):
            raise Fail(INVALID_INPUT, f"Invalid emailAddressToNotify: '{email}'.")
        rule["email"] = email
    return rule


def _add_rule(ctx, rule: dict) -> dict:
    rule["id"] = S.new_id()
    S.write(ctx, "abuse_rules").append(rule)
    return {}


def _rules(ctx, rtype: str | None = None) -> list:
    return [r for r in S.read(ctx, "abuse_rules") if rtype is None or r["type"] == rtype]


def _rule_or_fail(ctx, rule_id) -> dict:
    rule_id = S.text(rule_id).lower()
    rule = _find(S.read(ctx, "abuse_rules"), lambda r: r["id"].lower() == rule_id)
    if rule is None:
        raise Fail(NOT_FOUND, f"Abuse detection rule '{rule_id}' does not exist.")
    return rule


@operation(SVC, "AddAbuseDetectionRule")
def add_abuse_detection_rule(ctx, p):
    rtype = _choice(p.get("abuseDetectionType"), ABUSE_TYPES, "abuseDetectionType")
    rule = _abuse_fields(
        rtype,
        p,
        action=p.get("action"),
        time_frame=p.get("timeFrame"),
        occurrences=p.get("occurencesBeforeTrigger"),
        time_to_block=p.get("timeToBlock"),
        email=p.get("emailAddressToNotify"),
        service=p.get("service"),
    )
    return _add_rule(ctx, rule)


@operation(SVC, "UpdateAbuseDetectionRule")
def update_abuse_detection_rule(ctx, p):
    S.write(ctx, "abuse_rules")
    current = _rule_or_fail(ctx, p.get("id"))
    rule = _abuse_fields(
        current["type"],
        p,
        action=p.get("action"),
        time_frame=p.get("timeFrame"),
        occurrences=p.get("occurencesBeforeTrigger"),
        time_to_block=p.get("timeToBlock"),
        email=p.get("emailAddressToNotify"),
        service=current["service"],
    )
    rule["id"] = current["id"]
    current.update(rule)
    return {}


@operation(SVC, "DeleteAbuseDetectionRule")
def delete_abuse_detection_rule(ctx, p):
    S.write(ctx, "abuse_rules")
    ctx.server["abuse_rules"].remove(_rule_or_fail(ctx, p.get("id")))
    return {}


@operation(SVC, "GetAbuseDetectionRules")
def get_abuse_detection_rules(ctx, p):
    flt = S.text(p.get("filter"))
    rtype = None if not flt or flt.upper() == "ALL" else _choice(flt, ABUSE_TYPES, "filter")
    return {
        "Rules": [
            {
                "UniqueID": r["id"],
                "Service": r["service"],
                "Action": r["action"],
                "TimeFrame": r["time_frame"],
                "OccurencesBeforeTrigger": r["occurrences"],
                "TimeToBlock": r["time_to_block"],
                "EmailAddressToNotify": r["email"],
                "Description": r["description"],
            }
            for r in _rules(ctx, rtype)
        ]
    }


@operation(SVC, "AddDOSAbuseDetectionRule")
def add_dos_rule(ctx, p):
    rule = _abuse_fields(
        "DOS",
        p,
        action="",
        time_frame=p.get("timeframe"),
        occurrences=p.get("connectionsBeforeBlock"),
        time_to_block=p.get("timeToBlock"),
        email="",
        service=p.get("service"),
    )
    return _add_rule(ctx, rule)


@operation(SVC, "AddHarvestingAbuseDetectionRule")
def add_harvesting_rule(ctx, p):
    rule = _abuse_fields(
        "Harvesting",
        p,
        action="",
        time_frame=p.get("timeframe"),
        occurrences=p.get("badSessionsBeforeBlock"),
        time_to_block=p.get("timeToBlock"),
        email="",
    )
    return _add_rule(ctx, rule)


@operation(SVC, "AddInternalSpammerNotificationAbuseDetectionRule")
def add_internal_spammer_rule(ctx, p):
    rule = _abuse_fields(
        "InternalSpammer",
        p,
        action="NotifyOnly",
        time_frame=p.get("timeframe"),
        occurrences=p.get("messagesBeforeNotify"),
        time_to_block=0,
        email=p.get("emailAddressToNotify"),
    )
    return _add_rule(ctx, rule)


@operation(SVC, "GetDOSAbuseDetectionRules")
def get_dos_rules(ctx, p):
    return {
        "Rules": [
            {
                "Service": r["service"],
                "Timeframe": r["time_frame"],
                "ConnectionsBeforeBlock": r["occurrences"],
                "TimeToBlock": r["time_to_block"],
                "Description": r["description"],
            }
            for r in _rules(ctx, "DOS")
        ]
    }


@operation(SVC, "GetBruteForceAbuseDetectionRules")
def get_brute_force_rules(ctx, p):
    return {
        "Rules": [
            {
                "UniqueID": r["id"],
                "Service": r["service"],
                "Timeframe": r["time_frame"],
                "FailuresBeforeBlock": r["occurrences"],
                "TimeToBlock": r["time_to_block"],
                "Description": r["description"],
            }
            for r in _rules(ctx, "BruteForce")
        ]
    }


@operation(SVC, "GetHarvestingAbuseDetectionRules")
def get_harvesting_rules(ctx, p):
    return {
        "Rules": [
            {
                "Timeframe": r["time_frame"],
                "BadSessionsBeforeBlock": r["occurrences"],
                "TimeToBlock": r["time_to_block"],
                "Description": r["description"],
            }
            for r in _rules(ctx, "Harvesting")
        ]
    }


@operation(SVC, "GetInternalSpammerNotificationAbuseDetectionRules")
def get_internal_spammer_rules(ctx, p):
    return {
        "Rules": [
            {
                "Timeframe": r["time_frame"],
                "MessagesBeforeNotify": r["occurrences"],
                "EmailAddressToNotify": r["email"],
                "Description": r["description"],
            }
            for r in _rules(ctx, "InternalSpammer")
        ]
    }


@operation(SVC, "GetBouncesAbuseDetectionRules")
def get_bounces_rules(ctx, p):
    return {
        "Rules": [
            {
                "UniqueID": r["id"],
                "Action": r["action"],
                "Timeframe": r["time_frame"],
                "BounceThreshold": r["occurrences"],
                "EmailAddressToNotify": r["email"],
                "Description": r["description"],
            }
            for r in _rules(ctx, "Bounces")
        ]
    }


# ---------------------------------------------------------------------- auto-clean
@operation(SVC, "AddFolderAutocleanRule")
def add_folder_autoclean_rule(ctx, p):
    folder = S.text(p.get("folder"))
    if not folder:
        raise Fail(INVALID_INPUT, "A folder name is required.")
    rtype = _choice(p.get("type"), AUTOCLEAN_TYPES, "type")
    rule = {
        "id": S.new_id(),
        "folder": folder,
        "enabled": bool(p.get("enableRule")),
        "type": rtype,
        "size_before_mb": 0,
        "size_after_mb": 0,
        "age_days": 0,
    }
    if rtype == "Size":
        before, after = int(p.get("sizeBeforeAutoClean") or 0), int(p.get("sizeAfterClean") or 0)
        if after < 0 or before <= after:
            raise Fail(INVALID_INPUT, "sizeBeforeAutoClean must be greater than sizeAfterClean (>= 0).")
        rule.update(size_before_mb=before, size_after_mb=after)
    else:
        rule["age_days"] = _positive(p.get("mailAgeInDays"), "mailAgeInDays")
    rules = S.write(ctx, "autoclean_rules")
    if _find(rules, lambda r: r["folder"].lower() == folder.lower() and r["type"] == rtype):
        raise Fail(ALREADY_EXISTS, f"A {rtype} auto-clean rule for folder '{folder}' already exists.")
    rules.append(rule)
    return {}


@operation(SVC, "DeleteFolderAutoCleanRule")
def delete_folder_autoclean_rule(ctx, p):
    rule_id = S.text(p.get("id")).lower()
    rules = S.write(ctx, "autoclean_rules")
    rule = _find(rules, lambda r: r["id"].lower() == rule_id)
    if rule is None:
        raise Fail(NOT_FOUND, f"Auto-clean rule '{rule_id}' does not exist.")
    rules.remove(rule)
    return {}


@operation(SVC, "ListFolderAutoCleanRules")
def list_folder_autoclean_rules(ctx, p):
    return {
        "Rules": [
            {
                "Enabled": r["enabled"],
                "ID": r["id"],
                "SizeBeforeCleanInMB": r["size_before_mb"],
                "SizeAfterCleanInMB": r["size_after_mb"],
                "MailAgeInDays": r["age_days"],
                "Type": r["type"],
            }
            for r in S.read(ctx, "autoclean_rules")
        ]
    }


# ------------------------------------------------------------- reserved domain names
_NO_NAMES = "No domain names were supplied: this operation's documented signature carries none."


@operation(SVC, "AddReservedDomainNames")
def add_reserved_domain_names(ctx, p):
    raise Fail(INVALID_INPUT, _NO_NAMES)


@operation(SVC, "RemoveReservedDomainNames")
def remove_reserved_domain_names(ctx, p):
    raise Fail(INVALID_INPUT, _NO_NAMES)


@operation(SVC, "SetReservedDomainNames")
def set_reserved_domain_names(ctx, p):
    raise Fail(INVALID_INPUT, _NO_NAMES)


@operation(SVC, "GetReservedDomainNames")
def get_reserved_domain_names(ctx, p):
    return {}


# ------------------------------------------------------------- forwarding blacklist
@operation(SVC, "AddForwardingBlacklistEntry")
def add_forwarding_blacklist_entry(ctx, p):
    name = S.text(p.get("domainName")).lower()
    if not is_domain(name):
        raise Fail(INVALID_INPUT, f"Invalid domain name: '{name}'.")
    entries = S.write(ctx, "forwarding_blacklist")
    if name in entries:
        raise Fail(ALREADY_EXISTS, f"'{name}' is already on the forwarding blacklist.")
    entries.append(name)
    return {}


@operation(SVC, "DeleteForwardingBlacklistEntry")
def delete_forwarding_blacklist_entry(ctx, p):
    name = S.text(p.get("domainName")).lower()
    entries = S.write(ctx, "forwarding_blacklist")
    if name not in entries:
        raise Fail(NOT_FOUND, f"'{name}' is not on the forwarding blacklist.")
    entries.remove(name)
    return {}


@operation(SVC, "ListForwardingBlacklistEntries")
def list_forwarding_blacklist_entries(ctx, p):
    return {"BlacklistedDomains": list(S.read(ctx, "forwarding_blacklist"))}


# ------------------------------------------------------------ SpamAssassin servers
@operation(SVC, "AddSpamAssassinServer")
def add_spamassassin_server(ctx, p):
    name = S.text(p.get("serverName"))
    if not name:
        raise Fail(INVALID_INPUT, "A server name is required.")
    ip = S.ip_or_fail(p.get("ipAddress"))
    port = _port_number(p.get("serverPort"), "serverPort")
    servers = S.write(ctx, "spamassassin_servers")
    if _find(servers, lambda s: s["name"].lower() == name.lower()):
        raise Fail(ALREADY_EXISTS, f"A SpamAssassin server named '{name}' already exists.")
    servers.append(
        {"name": name, "ip": ip, "port": port, "consecutive_failures": 0, "enabled": True, "total_connections": 0}
    )
    return {}


@operation(SVC, "DeleteSpamAssassinServer")
def delete_spamassassin_server(ctx, p):
    name = S.text(p.get("serverName"))
    servers = S.write(ctx, "spamassassin_servers")
    entry = _find(servers, lambda s: s["name"].lower() == name.lower())
    if entry is None:
        raise Fail(NOT_FOUND, f"SpamAssassin server '{name}' does not exist.")
    servers.remove(entry)
    return {}


@operation(SVC, "ListSpamAssassinServers")
def list_spamassassin_servers(ctx, p):
    return {
        "Servers": [
            {
                "Name": s["name"],
                "IPAddress": s["ip"],
                "Port": s["port"],
                "ConsecutiveFailures": s["consecutive_failures"],
                "Enabled": s["enabled"],
                "TotalConnections": s["total_connections"],
            }
            for s in S.read(ctx, "spamassassin_servers")
        ]
    }


# --------------------------------------------------------------- system administrators
def _admin(ctx, username) -> dict | None:
    username = S.text(username).lower()
    return _find(ctx.server["system_admins"], lambda a: a.get("username", "").lower() == username)


def _admin_or_fail(ctx, username) -> dict:
    admin = _admin(ctx, username)
    if admin is None:
        raise Fail(NOT_FOUND, f"System administrator '{S.text(username)}' does not exist.")
    return admin


def _restriction(value) -> str:
    value = S.text(value)
    if "-" in value:
        start, end = value.split("-", 1)
        _ip, first, last = S.ip_or_range({"start": start, "end": end}, "ip", "start", "end")
        return f"{first}-{last}"
    return S.ip_or_fail(value, "IP address or range")


@operation(SVC, "AddSystemAdmin")
def add_system_admin(ctx, p):
    username = S.text(p.get("newAdminUsername"))
    if not _ADMIN_NAME.match(username):
        raise Fail(INVALID_INPUT, f"Invalid system administrator user name: '{username}'.")
    if _admin(ctx, username) is not None:
        raise Fail(ALREADY_EXISTS, f"System administrator '{username}' already exists.")
    password = p.get("newAdminPassword") or ""
    if not password.strip():
        raise Fail(INVALID_INPUT, "A password is required.")
    ctx.server["system_admins"].append(
        {
            "username": username,
            "password": password,
            "primary": False,
            "id": S.new_id(),
            "description": S.text(p.get("newAdminDescription")),
            "date_created": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0, tzinfo=None).isoformat(),
            "ip_restrictions": [],
        }
    )
    return {}


@operation(SVC, "DeleteSystemAdmin")
def delete_system_admin(ctx, p):
    admin = _admin_or_fail(ctx, p.get("systemAdminUsername"))
    if admin.get("primary"):
        raise Fail(CONFLICT, f"'{admin['username']}' is the primary system administrator and cannot be deleted.")
    ctx.server["system_admins"].remove(admin)
    return {}


@operation(SVC, "SetSystemAdminPassword")
def set_system_admin_password(ctx, p):
    admin = _admin_or_fail(ctx, p.get("systemAdminUsername"))
    password = p.get("newPassword") or ""
    if not password.strip():
        raise Fail(INVALID_INPUT, "A password is required.")
    admin["password"] = password
    return {}


@operation(SVC, "AddIPRestrictionToSystemAdmin")
def add_ip_restriction(ctx, p):
    admin = _admin_or_fail(ctx, p.get("adminUsername"))
    value = _restriction(p.get("ipAddressOrRange"))
    restrictions = admin.setdefault("ip_restrictions", [])
    if _find(restrictions, lambda r: r["value"] == value):
        raise Fail(ALREADY_EXISTS, f"'{admin['username']}' is already restricted to {value}.")
    restrictions.append({"value": value, "description": S.text(p.get("restrictionDescription"))})
    return {}


@operation(SVC, "RemoveIPRestrictionFromSystemAdmin")
def remove_ip_restriction(ctx, p):
    admin = _admin_or_fail(ctx, p.get("adminUsername"))
    value = _restriction(p.get("ipAddressOrRange"))
    restrictions = admin.get("ip_restrictions") or []
    entry = _find(restrictions, lambda r: r["value"] == value)
    if entry is None:
        raise Fail(NOT_FOUND, f"'{admin['username']}' has no restriction {value}.")
    restrictions.remove(entry)
    return {}


@operation(SVC, "ListSystemAdmins")
def list_system_admins(ctx, p):
    return {
        "Admins": [
            {
                "ID": a.get("id") or S.stable_id("admin", a["username"].lower()),
                "Username": a["username"],
                "IsPrimaryAdmin": bool(a.get("primary")),
                "RestrictedByIp": bool(a.get("ip_restrictions")),
                "DateCreated": a.get("date_created") or "2000-01-01T00:00:00",
                "Description": a.get("description") or "",
            }
            for a in ctx.server["system_admins"]
        ]
    }


# ------------------------------------------------------------------ system settings
_MODEL: dict[int, SystemSettings] = {}


def _model(ctx) -> SystemSettings:
    key = id(ctx.catalog)
    if key not in _MODEL:
        _MODEL[key] = SystemSettings(ctx.catalog.settings_keys.get("server", []))
    return _MODEL[key]


def _primary_admin(ctx) -> str:
    admin = _find(ctx.server["system_admins"], lambda a: a.get("primary"))
    return admin["username"] if admin else ""


@operation(SVC, "GetRequestedSystemSettings")
def get_requested_system_settings(ctx, p):
    model = _model(ctx)
    values = dict(model.defaults())
    values.update(S.read(ctx, "system_settings"))
    values["AdminUsername"] = _primary_admin(ctx)
    requested = [k for k in (p.get("reqSettings") or []) if k and k.strip()]
    try:
        keys = [model.key(k) for k in requested] or list(values)
    except SystemSettingError as exc:
        raise Fail(INVALID_INPUT, str(exc)) from None
    return {"KeyValuePairs": [f"{k}={model.format(values.get(k))}" for k in keys]}


@operation(SVC, "SetRequestedSystemSettings")
def set_requested_system_settings(ctx, p):
    model = _model(ctx)
    pairs = [x for x in (p.get("newSettings") or []) if x is not None]
    if not pairs:
        raise Fail(INVALID_INPUT, "No settings were supplied.")
    parsed = {}
    try:
        for item in pairs:
            if "=" not in item:
                raise SystemSettingError(f"Invalid setting '{item}': expected key=value.")
            key, raw = item.split("=", 1)
            parsed[model.key(key)] = model.parse(key, raw)
    except SystemSettingError as exc:
        raise Fail(INVALID_INPUT, str(exc)) from None
    S.write(ctx, "system_settings").update(parsed)
    return {}


# -------------------------------------------------------------------------- services
def _service_names(value) -> list[str]:
    names = [S.text(x).lower() for x in (value or []) if x and S.text(x)]
    if not names:
        raise Fail(INVALID_INPUT, "No services were named.")
    out: list[str] = []
    for name in names:
        if name == "all":
            return list(S.SERVICE_NAMES)
        if name not in S.SERVICE_NAMES:
            raise Fail(INVALID_INPUT, f"Unknown service: '{name}' (expected all, {', '.join(S.SERVICE_NAMES)}).")
        if name not in out:
            out.append(name)
    return out


@operation(SVC, "StartServices")
def start_services(ctx, p):
    services = S.write(ctx, "services")
    for name in _service_names(p.get("ServicesToStart")):
        services[name] = True
    return {}


@operation(SVC, "StopServices")
def stop_services(ctx, p):
    services = S.write(ctx, "services")
    for name in _service_names(p.get("ServicesToStop")):
        services[name] = False
    return {}


@operation(SVC, "RequestStatus")
def request_status(ctx, p):
    services = S.read(ctx, "services")
    known = list(ctx.catalog.settings_key_names("server_status")) or [
        "imap_isrunning",
        "imap_threadcount",
        "pop_isrunning",
        "pop_threadcount",
        "server_uptime",
        "smtp_isrunning",
        "smtp_threadcount",
        "spool_isrunning",
        "spool_messagecount",
        "spool_threadcount",
    ]
    lookup = {k.lower(): k for k in known}
    requested = [S.text(k).lower() for k in (p.get("reqStats") or []) if k and S.text(k)]
    out = []
    for key in requested or [k.lower() for k in known]:
        if key not in lookup:
            raise Fail(INVALID_INPUT, f"Unknown status item: '{key}'.")
        svc, item = key.split("_", 1)
        if key == "server_uptime":
            value = str(int(time.time() - ctx.emulator.started))
        elif item == "isrunning":
            value = "True" if services.get(svc, True) else "False"
        elif item == "messagecount":
            value = str(int(S.read(ctx, "spool_message_count")))
        else:
            value = "0"
        out.append(f"{lookup[key]}={value}")
    return {"KeyValuePairs": out}


@operation(SVC, "GetSpoolMessageCount")
def get_spool_message_count(ctx, p):
    return {"messageCount": int(S.read(ctx, "spool_message_count"))}


# --------------------------------------------------------------------------- edition
@operation(SVC, "GetEdition")
def get_edition(ctx, p):
    edition = S.text(ctx.server["product"].get("edition"))
    return {"Edition": EDITIONS.get(edition.lower(), edition.upper() or "FREE")}
