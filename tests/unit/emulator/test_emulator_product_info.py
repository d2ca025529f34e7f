# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcProductInfo through zeep against the running emulator."""

from __future__ import annotations

from emu_helpers import assert_fail, assert_ok, ops_called_in

from mailops_emulator import results

SVC = "svcProductInfo"


def test_product_info(soap, emu):
    got = assert_ok(soap(SVC, "GetProductInfo"))
    product = emu.state()["server"]["product"]
    assert (got["ProductName"], got["ProductVersion"]) == (product["name"], product["version"])
    # another build, loaded through the control API
    state = emu.state()
    state["server"]["product"]["version"] = "15.7.7000"
    emu.reset(state)
    assert soap(SVC, "GetProductInfo", soap12=True)["ProductVersion"] == "15.7.7000"


def test_license_key_lifecycle(soap, emu):
    assert soap(SVC, "GetLicenseInfo")["LicenseKey"] is None
    assert_fail(
        soap(SVC, "ActivateLicenseKey", AccountEmailAddress="ops@example.com", AccountPassword="x"), results.CONFLICT
    )
    assert_fail(soap(SVC, "SetLicenseKey", Key=""), results.INVALID_INPUT)
    assert_fail(soap(SVC, "SetLicenseKey", Key="bad key!"), results.INVALID_INPUT)
    assert_ok(soap(SVC, "SetLicenseKey", Key="ABCDE-12345-FGHIJ-67890"))
    product = emu.state()["server"]["product"]
    assert (product["license_key"], product["license_activated"]) == ("ABCDE-12345-FGHIJ-67890", False)
    assert soap(SVC, "GetLicenseInfo")["LicenseKey"] == "ABCDE-12345-FGHIJ-67890"
    assert_fail(
        soap(SVC, "ActivateLicenseKey", AccountEmailAddress="not-an-email", AccountPassword="x"), results.INVALID_INPUT
    )
    assert_ok(soap(SVC, "ActivateLicenseKey", AccountEmailAddress="ops@example.com", AccountPassword="acct-pw"))
    product = emu.state()["server"]["product"]
    assert product["license_activated"] is True and product["license_account"] == "ops@example.com"
    assert "acct-pw" not in str(emu.state())


def test_system_admin_only(soap, emu):
    from emu_helpers import add_domain

    add_domain(soap)
    res = soap(SVC, "GetProductInfo", user="postmaster@example.com", password="Dom-Pw-1")
    assert_fail(res, results.NO_PERMISSION, "Permission denied")
    assert_fail(soap(SVC, "GetLicenseInfo", password="wrong"), results.LOGIN_FAILED, "Failed to log in.")


def test_every_operation_is_exercised(catalog):
    names = [op.name for op in catalog.services[SVC].operations]
    assert ops_called_in(__file__, names) == []
