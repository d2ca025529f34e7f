# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The kinds of the known settings keys: every typed key exists in the catalog, and the checks."""

import json
import os

import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail import settings_keys as keys
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    params_control_errors,
    settings_errors,
)
from mailops_emulator.settings import defaults_model, domain_model

HERE = os.path.dirname(os.path.abspath(__file__))


def catalog():
    with open(os.path.join(HERE, "..", "..", "..", "emulator", "mailops_emulator", "catalog.json")) as handle:
        return json.load(handle)["settings_keys"]


def test_every_typed_key_is_a_key_the_server_documents():
    families = catalog()
    for kinds, family in ((keys.DOMAIN_SETTING_KINDS, "domain"), (keys.DOMAIN_DEFAULT_KINDS, "domain_defaults"),
                          (keys.SYSTEM_SETTING_KINDS, "server")):
        documented = set(k["key"].lower() for k in families[family])
        assert sorted(set(kinds) - documented) == [], family
    assert set(keys.SYSTEM_READ_ONLY) <= set(k["key"].lower() for k in families["server"])


def test_domain_kinds_agree_with_the_emulator_model():
    families = catalog()
    for kinds, model in ((keys.DOMAIN_SETTING_KINDS, domain_model(families["domain"])),
                         (keys.DOMAIN_DEFAULT_KINDS, defaults_model(families["domain_defaults"]))):
        for key, kind in kinds.items():
            typ = model.spec(key).type
            expected = {"bool": "bool", "int": "int"}.get(kind[0])
            if kind[0] == "choice":
                assert typ == kind[1], key
            elif expected:
                assert typ == expected, key


@pytest.mark.parametrize("settings, kinds, message", [
    ({"defaultmaxdomainusers": -1}, keys.DOMAIN_DEFAULT_KINDS, "must be an integer from 0 to 2147483647"),
    ({"defaultmaxdomainusers": "abc"}, keys.DOMAIN_DEFAULT_KINDS, "must be an integer from 0 to 2147483647"),
    ({"defaultmaxdomainusers": 2 ** 40}, keys.DOMAIN_DEFAULT_KINDS, "must be an integer from 0 to 2147483647"),
    ({"defaultmaxdomainusers": 2.5}, keys.DOMAIN_DEFAULT_KINDS, "must be an integer from 0 to 2147483647"),
    ({"defaultenablecatchalls": "maybe"}, keys.DOMAIN_DEFAULT_KINDS, "must be a boolean (true or false)"),
    ({"defaultenablecatchalls": 2}, keys.DOMAIN_DEFAULT_KINDS, "must be a boolean (true or false)"),
    ({"defaultimapport": 0}, keys.DOMAIN_DEFAULT_KINDS, "must be an integer from 1 to 65535"),
    ({"defaultmaxmessagesperhouraction": "drop"}, keys.DOMAIN_DEFAULT_KINDS, "must be one of none, delay, reject"),
    ({"MinimumPasswordLength": -1}, keys.SYSTEM_SETTING_KINDS, "must be an integer from 0 to 2147483647"),
    ({"MinimumPasswordLength": "ten"}, keys.SYSTEM_SETTING_KINDS, "must be an integer from 0 to 2147483647"),
    ({"GreylistingEnabled": "maybe"}, keys.SYSTEM_SETTING_KINDS, "must be a boolean (true or false)"),
    ({"maxmessagesize": -5}, keys.DOMAIN_SETTING_KINDS, "must be an integer from 0 to 2147483647"),
    ({"listcommandaddress": "x" * 65}, keys.DOMAIN_SETTING_KINDS, "must be at most 64 characters"),
])
def test_a_bad_value_of_a_known_key_is_refused(settings, kinds, message):
    values, errors = settings_errors(settings, kinds=kinds)
    assert values == {} and len(errors) == 1 and message in errors[0], errors
    assert "settings value of %r" % list(settings)[0] in errors[0]


@pytest.mark.parametrize("settings, kinds", [
    ({"defaultmaxdomainusers": 0, "defaultenablecatchalls": False, "defaultimapport": "143"},
     keys.DOMAIN_DEFAULT_KINDS),
    ({"defaultenablecatchalls": "yes", "defaultmaxmessagesperhouraction": "Delay"}, keys.DOMAIN_DEFAULT_KINDS),
    ({"MinimumPasswordLength": "12", "GreylistingEnabled": True, "SmtpBanner": "mail ESMTP"},
     keys.SYSTEM_SETTING_KINDS),
    ({"maxmessagesize": 2 ** 31 - 1, "enablecatchalls": 1, "unknownkey": "left to the server"},
     keys.DOMAIN_SETTING_KINDS),
])
def test_good_values_pass(settings, kinds):
    values, errors = settings_errors(settings, kinds=kinds)
    assert errors == [] and sorted(values) == sorted(k.lower() for k in settings)


def test_read_only_keys_are_refused_and_null_is_not_managed():
    values, errors = settings_errors({"AdminUsername": "root", "SmtpBanner": None, "SmtpVrfy": False},
                                     kinds=keys.SYSTEM_SETTING_KINDS, read_only=keys.SYSTEM_READ_ONLY)
    assert errors == ["settings key 'AdminUsername' is read-only: the server does not take it"]
    assert values == {"smtpvrfy": False}


def test_every_text_option_is_bounded():
    errors = params_control_errors({"list_command_address": "x" * 10000, "body": "y\n" * 10000,
                                    "settings": {"SmtpBanner": "z" * 4097, "FooterText": "z" * 4096}},
                                   multiline=("body",))
    assert errors == ["list_command_address must be at most 4096 characters",
                      "settings.SmtpBanner must be at most 4096 characters"]
    assert params_control_errors({"body": "y" * (1024 * 1024 + 1)}, multiline=("body",)) == [
        "body must be at most 1048576 characters"]
