# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The _info modules' JSON readers against answers shaped as the reference shows them (no server):
what each reads, from which endpoint and scope, and what it reports as unavailable."""
from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.antispam.antivirus import (
    AntivirusInfoResource,
    JsonAntivirusInfo,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain_info import (
    DomainInfoResource,
    JsonDomainInfo,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import (
    JsonServerInfo,
    ServerInfoResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.license import LicenseResource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.user_info import (
    JsonUserInfo,
    UserInfoResource,
)

MB = 1024 * 1024


class Recorded:
    """A JSON client answering GETs from {path: answer}; it records (path, scope) of every call."""

    def __init__(self, answers, about=None):
        self.answers = answers
        self.calls = []
        self._about = about

    def get(self, path, scope="sysadmin"):
        self.calls.append((path, scope))
        return self.answers[path]

    def about(self):
        self.calls.append(("licensing/about", None))
        return self._about


def resource(cls, **params):
    spec = cls.argument_spec.argument_spec
    full = dict((name, opt.get("default")) for name, opt in spec.items())
    full.update(params)
    return cls(full, api="json")


def report(res, client):
    return engine.run(res, client)


def test_domain_info_reads_counts_from_the_domain_list_and_the_domain_from_its_settings():
    res = resource(DomainInfoResource, include=["counts", "location", "primary_admin"])
    assert isinstance(res.adapter, JsonDomainInfo)
    client = Recorded({
        "settings/sysadmin/domains": {"data": [{"name": "Example.COM", "userCount": 3, "aliasCount": 1, "listCount": 2,
                                                "size": 4096}]},
        "settings/sysadmin/domain-settings/example.com": {"domainSettings": {
            "domainPath": "D:\\mail\\example.com", "maxUsers": 20, "isEnabled": False,
            "mainDomainAdmin": "Admin"}},
    })
    result = report(res, client)
    [domain] = result["domains"]
    assert domain["counts"] == {"users": 3, "aliases": 1, "lists": 2, "size": 4096}
    assert domain["location"] == {"path": "D:\\mail\\example.com"} and domain["path"] == "D:\\mail\\example.com"
    assert domain["max_users"] == 20 and domain["enabled"] is False and domain["primary_admin"] == "admin"
    assert client.calls == [("settings/sysadmin/domains", "sysadmin"),
                            ("settings/sysadmin/domain-settings/example.com", "sysadmin")]
    assert "unavailable" not in result


def test_domain_info_names_an_empty_list_reads_nothing_and_reports_server_parts_unavailable():
    res = resource(DomainInfoResource, names=[], server_include=["all_statistics"])
    client = Recorded({})
    result = report(res, client)
    assert result["domains"] == [] and client.calls == []
    assert list(result["unavailable"]) == ["all_statistics"]
    assert "all_statistics is not available over the JSON API" in result["warnings"][0]


def test_domain_info_refuses_settings_keys_over_json_only():
    refused = resource(DomainInfoResource, settings_keys=["enablecatchalls"])
    try:
        engine.validate(refused)
    except engine.InputError as exc:
        assert "settings_keys cannot be managed over the JSON API" in str(exc)
    else:
        raise AssertionError("settings_keys was not refused over the JSON API")
    soap = DomainInfoResource(dict(refused.params), api="soap")
    assert engine.validate(soap) == []  # served over SOAP: no input error (no names: every domain)


def test_user_info_quotas_last_login_and_inactive_from_one_list():
    res = resource(UserInfoResource, domain="example.com", include=["quotas", "last_login", "groups"],
                   inactive_since="2026-01-01")
    assert isinstance(res.adapter, JsonUserInfo)
    client = Recorded({
        "settings/domain/list-users": {"userData": [
            {"userName": "ann", "securityFlags": {"isDomainAdmin": False}, "maxMailboxSize": 50 * MB,
             "currentMailboxSize": 5 * MB // 2, "lastLoginTime": "2026-03-01T10:00:00Z"},
            {"userName": "Admin@example.com", "securityFlags": {"isDomainAdmin": True}, "isPrimaryDomainAdmin": True,
             "maxMailboxSize": 0, "currentMailboxSize": 0, "lastLoginTime": None},
            {"userName": "old", "securityFlags": {}, "lastLoginTime": "2025-06-30T23:59:59"}]},
        "settings/domain/user-mail/ann@example.com": {"userMailSettings": {"userContactInfo": {
            "firstName": "Ann", "lastName": "A"}}},
        "settings/domain/user-mail/admin@example.com": {"userMailSettings": {}},
        "settings/domain/user-mail/old@example.com": {"userMailSettings": {}},
    })
    result = report(res, client)
    assert result["users"][1] == {"name": "ann", "first_name": "Ann", "last_name": "A", "domain_admin": False,
                                  "max_mailbox_size_mb": 50}
    assert result["details"]["ann"] == {"used_mb": 2.5, "last_login": "2026-03-01T10:00:00Z"}
    assert result["inactive"] == [{"name": "admin", "last_login": None, "primary_admin": True},
                                  {"name": "old", "last_login": "2025-06-30T23:59:59", "primary_admin": False}]
    assert list(result["unavailable"]) == ["groups"]
    assert set(scope for path, scope in client.calls) == {"example.com"}


def test_server_info_product_edition_from_licensing_info():
    res = resource(ServerInfoResource, gather=["product", "spool"])
    assert isinstance(res.adapter, JsonServerInfo)
    client = Recorded({"licensing/info": {"edition": 1}}, about={"version": "100.0.9693", "edition": 2})
    result = report(res, client)
    assert result["product"] == {"name": "SmarterMail", "version": "100.0.9693", "edition": "PRO",
                                 "license_key_set": None}
    assert result["gathered"] == ["product"] and list(result["unavailable"]) == ["spool"]


def test_antivirus_info_command_line_only():
    res = resource(AntivirusInfoResource, groups=["command_line", "options"])
    assert isinstance(res.adapter, JsonAntivirusInfo)
    client = Recorded({"settings/sysadmin/antivirus/settings": {"settings": {"commandLine": "scan %1"}}})
    result = report(res, client)
    assert result["settings"] == {"command_line": {"command": "scan %1"}}
    assert list(result["unavailable"]) == ["options"]


def test_license_is_refused_over_json():
    res = resource(LicenseResource, key="ABCD-1234", activate=False)
    try:
        engine.validate(res)
    except engine.InputError as exc:
        assert "the licence key cannot be managed over the JSON API" in str(exc) and "ABCD" not in str(exc)
    else:
        raise AssertionError("the licence key was not refused over the JSON API")
