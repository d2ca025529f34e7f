# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcVirusAdmin: anti-virus settings (system administrators only).

State: ``server.antivirus`` = {options, clam, command_line, commtouch, realtime}, each holding the
wire fields of its *Settings type (defaults in ``_server.py``: ClamAV on 127.0.0.1:3310, 15-day
quarantine, Commtouch Virus=Delete / High=Quarantine / Medium=NoAction). Rules:

- A Set* with the settings object missing is -2; a field left out (nil) keeps its current value.
- Enums: CommtouchAntiVirusAction values come from the catalog's ``enums`` (NoAction, Delete,
  Quarantine); a value outside them is refused by the SOAP layer (fault "Instance validation
  error", as ASP.NET does) and re-checked here (-2).
- QuarantineLength is 0, 15 or 30 days (the seed's values); ClamPort 1-65535; Timeout >= 1;
  NumOfFailures >= 0; ClamIpAddress a valid IP, required when IsRemoteServer is true (blank means
  127.0.0.1 otherwise); QuarnentineDirectory not blank.
- Consistency: Command-line AV cannot be enabled while no command line is set, and the command line
  cannot be cleared while Command-line AV is enabled (-7).
"""

from __future__ import annotations

from ..registry import operation
from ..results import CONFLICT, INVALID_INPUT, Fail
from . import _server as S

SVC = "svcVirusAdmin"
QUARANTINE_DAYS = (0, 15, 30)


def _section(ctx, name: str) -> dict:
    return dict(S.read(ctx, "antivirus").get(name) or S.DEFAULT_ANTIVIRUS[name])


def _merge(ctx, name: str, given, what: str) -> dict:
    if not isinstance(given, dict):
        raise Fail(INVALID_INPUT, f"The {what} settings are required.")
    merged = _section(ctx, name)
    for key, value in given.items():
        if value is not None and key in merged:
            merged[key] = value
    return merged


def _store(ctx, name: str, values: dict) -> None:
    av = S.write(ctx, "antivirus")
    for section, default in S.DEFAULT_ANTIVIRUS.items():
        av.setdefault(section, dict(default))
    av[name] = values


@operation(SVC, "GetAntivirusOptions")
def get_antivirus_options(ctx, p):
    return {"settings": _section(ctx, "options")}


@operation(SVC, "SetAntivirusOptions")
def set_antivirus_options(ctx, p):
    values = _merge(ctx, "options", p.get("avSettings"), "anti-virus option")
    values["QuarantineLength"] = int(values["QuarantineLength"])
    if values["QuarantineLength"] not in QUARANTINE_DAYS:
        raise Fail(INVALID_INPUT, f"Invalid QuarantineLength: {values['QuarantineLength']} (expected 0, 15 or 30).")
    for key in ("EnableClamAv", "EnableCommandLineAv", "EnableCommTouchAv"):
        values[key] = bool(values[key])
    if values["EnableCommandLineAv"] and not S.text(_section(ctx, "command_line").get("CommandLine")):
        raise Fail(CONFLICT, "Command-line AV cannot be enabled: no command line is set (SetCommandLineAvSettings).")
    _store(ctx, "options", values)
    return {}


@operation(SVC, "GetClamAvSettings")
def get_clam_av_settings(ctx, p):
    return {"settings": _section(ctx, "clam")}


@operation(SVC, "SetClamAvSettings")
def set_clam_av_settings(ctx, p):
    values = _merge(ctx, "clam", p.get("clamSettings"), "ClamAV")
    values["IsRemoteServer"] = bool(values["IsRemoteServer"])
    address = S.text(values["ClamIpAddress"])
    if not address and values["IsRemoteServer"]:
        raise Fail(INVALID_INPUT, "A remote ClamAV server needs its IP address.")
    values["ClamIpAddress"] = S.ip_or_fail(address or "127.0.0.1", "ClamIpAddress")
    port, timeout, failures = int(values["ClamPort"]), int(values["Timeout"]), int(values["NumOfFailures"])
    if not 1 <= port <= 65535:
        raise Fail(INVALID_INPUT, f"Invalid ClamPort: {port} (expected 1-65535).")
    if timeout < 1:
        raise Fail(INVALID_INPUT, "Timeout must be at least 1 second.")
    if failures < 0:
        raise Fail(INVALID_INPUT, "NumOfFailures must not be negative.")
    values.update(ClamPort=port, Timeout=timeout, NumOfFailures=failures)
    _store(ctx, "clam", values)
    return {}


@operation(SVC, "GetCommandLineAvSettings")
def get_command_line_av_settings(ctx, p):
    return {"settings": _section(ctx, "command_line")}


@operation(SVC, "SetCommandLineAvSettings")
def set_command_line_av_settings(ctx, p):
    values = _merge(ctx, "command_line", p.get("commandLineSettings"), "command-line AV")
    values["CommandLine"] = S.text(values["CommandLine"])
    if not values["CommandLine"] and _section(ctx, "options").get("EnableCommandLineAv"):
        raise Fail(CONFLICT, "The command line cannot be cleared while command-line AV is enabled.")
    _store(ctx, "command_line", values)
    return {}


@operation(SVC, "GetCommtouchZeroHourSettings")
def get_commtouch_settings(ctx, p):
    return {"Settings": _section(ctx, "commtouch")}


@operation(SVC, "SetCommtouchZeroHourSettings")
def set_commtouch_settings(ctx, p):
    values = _merge(ctx, "commtouch", p.get("CommtouchSettings"), "Commtouch Zero-Hour")
    allowed = ctx.catalog.enums.get("CommtouchAntiVirusAction") or ["NoAction", "Delete", "Quarantine"]
    for key in ("HighResultAction", "MediumResultAction", "VirusResultAction"):
        if values[key] not in allowed:
            raise Fail(INVALID_INPUT, f"Invalid {key}: '{values[key]}' (expected one of {', '.join(allowed)}).")
    _store(ctx, "commtouch", values)
    return {}


@operation(SVC, "GetRealtimeAvSettings")
def get_realtime_av_settings(ctx, p):
    return {"settings": _section(ctx, "realtime")}


@operation(SVC, "SetRealtimeAvSettings")
def set_realtime_av_settings(ctx, p):
    values = _merge(ctx, "realtime", p.get("realtimeSettings"), "real-time AV")
    values["QuarnentineDirectory"] = S.text(values["QuarnentineDirectory"])
    if not values["QuarnentineDirectory"]:
        raise Fail(INVALID_INPUT, "QuarnentineDirectory must not be blank.")
    _store(ctx, "realtime", values)
    return {}
