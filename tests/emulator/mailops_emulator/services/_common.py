# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Helpers shared by the service handlers."""

from __future__ import annotations

from ..results import INVALID_INPUT, NOT_FOUND, Fail
from ..validate import is_domain


def domain_or_fail(ctx, name: str | None) -> dict:
    name = (name or "").strip()
    if not name:
        raise Fail(INVALID_INPUT, "A domain name is required.")
    domain = ctx.store.domain(name)
    if domain is None:
        raise Fail(NOT_FOUND, f"Domain '{name}' does not exist.")
    return domain


def all_domain_aliases(ctx) -> dict[str, str]:
    """Every domain alias on the server -> the domain it points to."""
    out = {}
    for dom in ctx.domains.values():
        for alias in dom["domain_aliases"]:
            out[alias.lower()] = dom["name"]
    return out


def name_in_use(ctx, name: str) -> str | None:
    """Why ``name`` cannot become a new domain or domain alias (None if it is free)."""
    low = name.lower()
    if low in ctx.domains:
        return f"'{name}' already exists as a domain."
    owner = all_domain_aliases(ctx).get(low)
    if owner:
        return f"'{name}' already exists as a domain alias of '{owner}'."
    return None


def local_part(ctx, domain: dict, name: str | None, what: str) -> str:
    """Accept ``name`` or ``name@domain`` (the domain itself or one of its domain aliases)."""
    name = (name or "").strip()
    if "@" in name:
        local, dom = name.rsplit("@", 1)
        names = {domain["name"].lower(), *[a.lower() for a in domain["domain_aliases"]]}
        if dom.lower() not in names:
            raise Fail(INVALID_INPUT, f"The {what} '{name}' does not belong to domain '{domain['name']}'.")
        name = local
    return name


def count_limit(value) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


__all__ = ["domain_or_fail", "all_domain_aliases", "name_in_use", "local_part", "count_limit", "is_domain"]
