# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcGlobalUpdate: one change applied to the settings of every domain (system administrators only).

- ListGlobalUpdateFields: every domain settings key (the catalog's ``domain`` keys, typed as in
  ``settings.py``) except the per-domain identity keys (catchall, isenabled, serverip, serveripv6,
  domainurl, locationhostaddress), each with ``type`` (Boolean, Int32 or String), its default
  value (``True``/``False`` for booleans) and its documentation.
- UpdateAllDomainSettings: ``fields`` = [{name, val}]; names are those keys (case-insensitive),
  values parsed like SetRequestedDomainSettings (ports 1-65535). All-or-nothing: an empty list,
  an unknown or non-updatable key or a bad value is -2 and no domain changes. The values are
  written to every domain; ``enablecatchalls=False`` also clears each domain's catch-all.
- The update runs synchronously, so GetGlobalUpdateStatus always answers ``isRunning=false`` with
  ``finishedCount = totalUpdateCount =`` the number of domains the last update changed (0 before
  any update). State: ``server.global_update`` = {finished, total, running}.
"""

from __future__ import annotations

from ..registry import operation
from ..results import INVALID_INPUT, Fail
from ..settings import NOT_DEFAULTABLE, SettingError
from . import _server as S

SVC = "svcGlobalUpdate"


def _updatable(ctx) -> dict:
    model = ctx.emulator.domain_settings
    return {k: s for k, s in model.specs.items() if k not in NOT_DEFAULTABLE}


def _type_name(spec) -> str:
    return {"bool": "Boolean", "int": "Int32"}.get(spec.type, "String") if isinstance(spec.type, str) else "String"


@operation(SVC, "ListGlobalUpdateFields")
def list_global_update_fields(ctx, p):
    model = ctx.emulator.domain_settings
    return {
        "fields": [
            {
                "name": key,
                "type": _type_name(spec),
                "defaultValue": model.format_value(spec.default),
                "description": spec.documentation,
            }
            for key, spec in _updatable(ctx).items()
        ]
    }


@operation(SVC, "UpdateAllDomainSettings")
def update_all_domain_settings(ctx, p):
    model = ctx.emulator.domain_settings
    allowed = _updatable(ctx)
    fields = [f for f in (p.get("fields") or []) if f]
    if not fields:
        raise Fail(INVALID_INPUT, "No fields were supplied.")
    values = {}
    for field in fields:
        name = S.text(field.get("name")).lower()
        if name not in allowed:
            shown = S.text(field.get("name"))
            raise Fail(INVALID_INPUT, f"'{shown}' cannot be updated globally (see ListGlobalUpdateFields).")
        try:
            value = model.parse_value(name, field.get("val") or "")
        except SettingError as exc:
            raise Fail(INVALID_INPUT, str(exc)) from None
        if name.endswith("port") and isinstance(value, int) and not 1 <= value <= 65535:
            raise Fail(INVALID_INPUT, f"Invalid value '{value}' for setting '{name}': expected a port 1-65535.")
        values[name] = value
    for domain in ctx.domains.values():
        domain["settings"].update(values)
        if values.get("enablecatchalls") is False:
            domain["settings"]["catchall"] = ""
    total = len(ctx.domains)
    S.write(ctx, "global_update").update(finished=total, total=total, running=False)
    return {}


@operation(SVC, "GetGlobalUpdateStatus")
def get_global_update_status(ctx, p):
    status = S.read(ctx, "global_update")
    return {
        "finishedCount": int(status.get("finished", 0)),
        "isRunning": bool(status.get("running", False)),
        "totalUpdateCount": int(status.get("total", 0)),
    }
