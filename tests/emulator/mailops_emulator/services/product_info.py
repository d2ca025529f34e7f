# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcProductInfo: product name/version and the licence key (system administrators only).

State: ``server.product`` = {name, version, edition, license_key, license_activated,
license_account}. SetLicenseKey stores a key and marks it not activated; ActivateLicenseKey needs a
key set beforehand, a valid account e-mail and a password (never stored). ``edition`` is there for
svcServerAdmin.GetEdition; set ``version`` through the control API (``POST reset`` with a state) to
emulate another build.
"""

from __future__ import annotations

import re

from ..registry import operation
from ..results import CONFLICT, INVALID_INPUT, Fail
from ..validate import require_email

SVC = "svcProductInfo"
_KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{3,127}$")


@operation(SVC, "GetProductInfo")
def get_product_info(ctx, p):
    product = ctx.server["product"]
    return {"ProductName": product["name"], "ProductVersion": product["version"]}


@operation(SVC, "GetLicenseInfo")
def get_license_info(ctx, p):
    return {"LicenseKey": ctx.server["product"]["license_key"]}


@operation(SVC, "SetLicenseKey")
def set_license_key(ctx, p):
    key = (p.get("Key") or "").strip()
    if not key:
        raise Fail(INVALID_INPUT, "A license key is required.")
    if not _KEY_RE.match(key):
        raise Fail(INVALID_INPUT, f"Invalid license key format: '{key}'.")
    product = ctx.server["product"]
    if key != product["license_key"]:
        product["license_key"] = key
        product["license_activated"] = False
        product["license_account"] = ""
    return {}


@operation(SVC, "ActivateLicenseKey")
def activate_license_key(ctx, p):
    product = ctx.server["product"]
    if not product["license_key"]:
        raise Fail(CONFLICT, "No license key has been set; call SetLicenseKey first.")
    email = require_email(p.get("AccountEmailAddress"))
    if not (p.get("AccountPassword") or ""):
        raise Fail(INVALID_INPUT, "The account password is required to activate the license.")
    product["license_activated"] = True
    product["license_account"] = email
    return {}
