# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcDomainAliasAdmin: other domain names that deliver into a domain.

Rules: a domain alias must be a valid domain name not used by any domain or domain alias on the
server; ``maxdomainaliases`` (0 = unlimited) is enforced; domain admins need
``showdomainaliasmenu``. The emulator has no DNS: AddDomainAlias's MX check passes only for names
listed in ``server.mx_verified`` (set with ``POST /__emulator__/mx``); AddDomainAliasWithoutMxCheck
skips the check and is for system administrators only (as documented).
"""

from __future__ import annotations

from ..registry import operation
from ..results import ALREADY_EXISTS, LIMIT_REACHED, MX_CHECK_FAILED, NO_PERMISSION, NOT_FOUND, Fail
from ..validate import require_domain_name
from ._common import count_limit, domain_or_fail, name_in_use

SVC = "svcDomainAliasAdmin"


def _add(ctx, p, mx_check: bool):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    if (
        ctx.principal is not None
        and ctx.principal.role == "domain"
        and not domain["settings"].get("showdomainaliasmenu", True)
    ):
        raise Fail(NO_PERMISSION, f"Domain administrators of '{domain['name']}' may not manage domain aliases.")
    name = require_domain_name(p.get("DomainAliasName"), "domain alias name")
    why = name_in_use(ctx, name)
    if why:
        raise Fail(ALREADY_EXISTS, why)
    limit = count_limit(domain["settings"].get("maxdomainaliases", 0))
    if limit and len(domain["domain_aliases"]) >= limit:
        raise Fail(
            LIMIT_REACHED, f"Domain '{domain['name']}' has reached its maximum number of domain aliases ({limit})."
        )
    if mx_check and name not in {n.lower() for n in ctx.server["mx_verified"]}:
        raise Fail(
            MX_CHECK_FAILED,
            f"The MX record check failed for domain alias '{name}': no MX record points to this server.",
        )
    domain["domain_aliases"].append(name)
    return {}


@operation(SVC, "AddDomainAlias", domain_param="DomainName")
def add_domain_alias(ctx, p):
    return _add(ctx, p, mx_check=True)


@operation(SVC, "AddDomainAliasWithoutMxCheck", domain_param="DomainName", access="system")
def add_domain_alias_without_mx_check(ctx, p):
    return _add(ctx, p, mx_check=False)


@operation(SVC, "DeleteDomainAlias", domain_param="DomainName")
def delete_domain_alias(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    if (
        ctx.principal is not None
        and ctx.principal.role == "domain"
        and not domain["settings"].get("showdomainaliasmenu", True)
    ):
        raise Fail(NO_PERMISSION, f"Domain administrators of '{domain['name']}' may not manage domain aliases.")
    name = (p.get("DomainAliasName") or "").strip().lower()
    if name not in domain["domain_aliases"]:
        raise Fail(NOT_FOUND, f"Domain alias '{name}' does not exist for domain '{domain['name']}'.")
    domain["domain_aliases"].remove(name)
    return {}


@operation(SVC, "GetAliases", domain_param="DomainName")
def get_aliases(ctx, p):
    domain = domain_or_fail(ctx, p.get("DomainName"))
    return {"DomainAliasNames": list(domain["domain_aliases"])}
