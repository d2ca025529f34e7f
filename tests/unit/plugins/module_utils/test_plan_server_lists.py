# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Planning of the svcServerAdmin list families (one generic ListResource): current + params in, exact writes out."""
import pytest

import importlib
import re

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.api import module_name
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.abuse_detection_rule import (
    AbuseDetectionRuleResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.blocked_sender import (
    BlockedSenderResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.gateway import GatewayResource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.hostname import HostnameResource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.ip_access import (
    IpBlacklistResource,
    IpWhitelistResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.server_port import (
    PortBindingResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.service import ServiceResource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    ListResource,
    ListTable,
    Row,
    soap_calls,
    target_options,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.smtp_auth_bypass import (
    SmtpAuthBypassResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.system_admin import (
    SystemAdminResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.system_settings import (
    SystemSettingsResource,
)


def params(resource_class, **given):
    """Every option of the resource's spec (None unless given), as AnsibleModule would pass them."""
    spec = resource_class.argument_spec.argument_spec
    out = dict((name, option.get("default")) for name, option in spec.items())
    list_option = resource_class.list_option
    if list_option in given and spec[list_option].get("options"):
        entry = dict((k, v.get("default")) for k, v in spec[list_option]["options"].items())
        given[list_option] = [dict(entry, **e) for e in given[list_option]]
    out.update(given)
    return out


def plan(resource_class, current, **given):
    resource = resource_class(params(resource_class, **given))
    out = engine.plan(resource, engine.validate(resource), current)
    return [(w.operation, w.params) for w in out.plan.writes], out, resource


def target(ip="", start="", end="", description=""):
    return {"ip_address": ip, "ip_range_start": start, "ip_range_end": end, "description": description}


BYPASSES = {"10.1.1.1": target("10.1.1.1", description="old"),
            "192.168.0.0-192.168.0.3": target(start="192.168.0.0", end="192.168.0.3")}


def test_cidr_is_a_range_and_keep_matches_by_cidr():
    writes, out, dummy = plan(SmtpAuthBypassResource, BYPASSES, purge=True, keep=["192.168.0.0/30"],
                              bypasses=[{"ip_address": "10.0.0.0/24", "description": "x"}])
    assert writes == [
        ("DeleteSmtpAuthenticationBypass", {"ipAddress": "10.1.1.1", "ipRangeStart": "", "ipRangeEnd": ""}),
        ("AddSmtpAuthenticationBypass", {"ipAddress": "", "ipRangeStart": "10.0.0.0", "ipRangeEnd": "10.0.0.255",
                                         "description": "x"})]
    assert out.summary == {"created": ["10.0.0.0-10.0.0.255"], "removed": ["10.1.1.1"]}


def test_no_edit_operation_is_a_replacement_in_one_step():
    writes, out, dummy = plan(SmtpAuthBypassResource, BYPASSES, ip_address="10.1.1.1", description="new")
    assert [w[0] for w in writes] == ["DeleteSmtpAuthenticationBypass", "AddSmtpAuthenticationBypass"]
    assert out.plan.descriptions() == [
        "remove SMTP authentication bypass 10.1.1.1 to replace it (description)",
        "add SMTP authentication bypass 10.1.1.1"]
    assert plan(SmtpAuthBypassResource, BYPASSES, ip_address="10.1.1.1")[0] == []


@pytest.mark.parametrize("given, message", [
    ({"ip_address": "10.0.0.300"}, "'10.0.0.300' is not a valid IPv4 or IPv6 address"),
    ({"ip_address": "10.0.0.1/24"}, "is not a valid IP address or CIDR network"),
    ({"ip_range_start": "10.0.0.9", "ip_range_end": "10.0.0.1"}, "the range start 10.0.0.9 is after its end"),
    ({"ip_range_start": "10.0.0.1", "ip_range_end": "::1"}, "mixes IPv4 and IPv6"),
    ({"ip_range_start": "10.0.0.1"}, "needs both ip_range_start and ip_range_end"),
    ({"ip_address": "10.0.0.1", "ip_range_start": "10.0.0.1", "ip_range_end": "10.0.0.2"}, "not both"),
    ({"description": "x"}, "ip_address or ip_range_start and ip_range_end is required"),
])
def test_bad_targets_fail_before_any_call(given, message):
    with pytest.raises(engine.InputError, match=message):
        plan(SmtpAuthBypassResource, {}, **given)


def test_hostname_keeps_server_spelling_and_blocked_sender_cannot_be_removed():
    current = {"192.0.2.1": {"hostname": "mail.example.com", "ip_address": "192.0.2.1"}}
    assert plan(HostnameResource, current, hostname="MAIL.example.com.", ip_address="192.0.2.1")[0] == []
    with pytest.raises(engine.PlanError, match="blocked sender a.example cannot be removed"):
        plan(BlockedSenderResource, {"a.example": {"sender": "a.example", "description": ""}}, sender="a.example",
             state="absent")


def test_ip_blacklist_removal_is_a_set_with_every_protocol_false():
    current = {"203.0.113.5": dict(target("203.0.113.5"), smtp=True, pop=True, imap=True, xmpp=True)}
    writes = plan(IpBlacklistResource, current, ip_address="203.0.113.5", state="absent")[0]
    assert writes == [("SetBlacklistEntry", {"ipAddress": "203.0.113.5", "ipRangeStart": "", "ipRangeEnd": "",
                                             "description": "", "blacklistSMTP": False, "blacklistPOP": False,
                                             "blacklistIMAP": False, "blacklistXMPP": False})]
    writes = plan(IpBlacklistResource, current, ip_address="203.0.113.5", xmpp=False)[0]
    assert writes[0][1]["blacklistXMPP"] is False and writes[0][1]["blacklistSMTP"] is True


def test_ip_whitelist_removal_clears_every_flag_of_its_table():
    current = {"10.0.0.0-10.0.0.255": dict(target(start="10.0.0.0", end="10.0.0.255", description="lan"), smtp=True,
                                           pop=False, imap=True, xmpp=False, disable_greylisting=True)}
    writes = plan(IpWhitelistResource, current, ip_address="10.0.0.0/24", state="absent")[0]
    assert writes == [("SetWhitelistEntry2", {"ipAddress": "", "ipRangeStart": "10.0.0.0", "ipRangeEnd": "10.0.0.255",
                                              "description": "lan", "whitelistSMTP": False, "whitelistPOP": False,
                                              "whitelistIMAP": False, "whitelistXMPP": False,
                                              "disableGreylisting": False})]


SECURITY_MODULES = ("ip_blacklist", "ip_whitelist", "blocked_sender", "trusted_sender", "forwarding_blacklist",
                    "smtp_auth_bypass", "abuse_detection_rule")


@pytest.mark.parametrize("name", SECURITY_MODULES)
def test_messages_name_the_module_the_task_runs(name):
    """A message about the module (``api: json`` without a JSON adapter) names the module file that runs the
    resource, also where two modules share one resource file."""
    module = importlib.import_module("ansible_collections.mailops.smartermail.plugins.modules.smartermail_" + name)
    with open(module.__file__) as handle:
        resource_class = getattr(module, re.search(r"run_resource\((\w+)\)", handle.read()).group(1))
    assert module_name(resource_class) == "smartermail_" + name


def rule(kind, service="", rid="r", **values):
    out = {"type": kind, "service": service, "id": rid, "time_frame": 10, "occurrences_before_trigger": 5,
           "time_to_block": 60, "action": "", "email_to_notify": "", "description": ""}
    out.update(values)
    return out


def test_abuse_rules_keyed_by_type_and_service_updated_in_place():
    current = {"bruteforce|smtp": rule("BruteForce", "SMTP", "r1"), "harvesting|": rule("Harvesting", rid="r2"),
               "harvesting|#2": rule("Harvesting", rid="r3")}
    writes, out, dummy = plan(AbuseDetectionRuleResource, current, purge=True, keep=["harvesting|"],
                              rules=[{"type": "BruteForce", "service": "SMTP", "occurrences_before_trigger": 3}])
    assert writes == [("DeleteAbuseDetectionRule", {"id": "r3"}),
                      ("UpdateAbuseDetectionRule", {"id": "r1", "action": "", "timeFrame": 10,
                                                    "occurencesBeforeTrigger": 3, "timeToBlock": 60,
                                                    "emailAddressToNotify": "", "description": ""})]
    with pytest.raises(engine.InputError) as info:
        plan(AbuseDetectionRuleResource, {}, rules=[{"type": "DOS", "time_frame": 0}, {"type": "Harvesting",
                                                                                       "service": "SMTP"}])
    assert "rules[0]: time_frame must be an integer from 1" in str(info.value)
    assert "a DOS rule needs a service" in str(info.value)
    assert "a Harvesting rule has no service" in str(info.value)


def test_abuse_rule_added_with_the_server_values_of_the_options_left_out():
    writes = plan(AbuseDetectionRuleResource, {}, type="bounces", time_frame=30, occurrences_before_trigger=50,
                  email_to_notify="Postmaster@Example.com ")[0]
    assert writes == [("AddAbuseDetectionRule", {"abuseDetectionType": "Bounces", "service": "", "timeFrame": 30,
                                                 "occurencesBeforeTrigger": 50, "timeToBlock": 0,
                                                 "action": "NotifyOnly",
                                                 "emailAddressToNotify": "Postmaster@Example.com",
                                                 "description": ""})]


def test_port_binding_writes_only_the_difference():
    resource = PortBindingResource(params(PortBindingResource, ip_address="192.0.2.10", ports=[25, 587]))
    resource.port_ids = {25: "p25", 587: "p587", 993: "p993"}
    out = engine.plan(resource, engine.validate(resource),
                      {"192.0.2.10": {"ip_address": "192.0.2.10", "ports": [25, 993]}})
    assert [(w.operation, w.params["portID"]) for w in out.plan.writes] == [
        ("RemovePortFromIP", "p993"), ("AssignPortToIP", "p587")]
    assert out.plan.descriptions() == ["remove port 993 from 192.0.2.10", "assign port 587 to 192.0.2.10"]


def test_gateway_password_is_compared_and_never_shown():
    current = {"gw.example.com": {"address": "gw.example.com", "enabled": True, "smartermail": True,
                                  "smartermail_url": "https://gw.example.com/", "smartermail_username": "admin",
                                  "smartermail_password": "Old-Secret", "guid": "g1"}}
    assert plan(GatewayResource, current, address="GW.example.com", smartermail_password="Old-Secret")[0] == []
    writes, out, resource = plan(GatewayResource, current, address="gw.example.com", smartermail_password="New-Pw")
    assert writes[0][0] == "UpdateGateway" and writes[0][1]["smPassword"] == "New-Pw"
    assert out.plan.writes[0].refresh.changed == ("smPassword",)
    assert "New-Pw" not in repr(resource.result(out)) and "Old-Secret" not in repr(resource.result(out))


def test_admin_password_update_password_and_primary_never_purged():
    current = {"admin": {"name": "admin", "primary": True, "restricted_by_ip": False, "description": "", "id": "1",
                         "date_created": ""},
               "ops": {"name": "ops", "primary": False, "restricted_by_ip": False, "description": "", "id": "2",
                       "date_created": ""}}
    assert plan(SystemAdminResource, current, name="ops", admin_password="x", update_password="on_create")[0] == []
    assert plan(SystemAdminResource, current, name="ops", admin_password="x")[0] == [
        ("SetSystemAdminPassword", {"systemAdminUsername": "ops", "newPassword": "x"})]
    writes, out, dummy = plan(SystemAdminResource, current, admins=[], purge=True)
    assert writes == [("DeleteSystemAdmin", {"systemAdminUsername": "ops"})]
    assert out.warnings == ["not removing system administrator admin: it is the primary administrator"]
    with pytest.raises(engine.PlanError, match="cannot remove system administrator admin: it is the primary administrator"):
        plan(SystemAdminResource, current, name="admin", state="absent")
    writes = plan(SystemAdminResource, current, name="new", admin_password="pw", ip_restrictions=["10.0.0.0/30"])[0]
    assert [w[0] for w in writes] == ["AddSystemAdmin", "AddIPRestrictionToSystemAdmin"]
    assert writes[1][1]["ipAddressOrRange"] == "10.0.0.0-10.0.0.3"


def admin(name, number, primary=False):
    return {"name": name, "primary": primary, "restricted_by_ip": False, "description": "", "id": number,
            "date_created": ""}


ADMINS = {"admin": admin("admin", "1", primary=True), "ops": admin("ops", "2"), "old": admin("old", "3")}


@pytest.mark.parametrize("given", [
    dict(admins=[], purge=True),
    dict(admins=[{"name": "new", "admin_password": "Pw-1!"}], purge=True),
    dict(admins=[{"name": "new", "admin_password": "Pw-1!"}], purge=True, keep=["admin"]),
])
def test_a_purge_never_removes_the_administrator_the_task_logs_in_as(given):
    writes, out, dummy = plan(SystemAdminResource, ADMINS, username="OPS", **given)
    assert ("DeleteSystemAdmin", {"systemAdminUsername": "old"}) in writes
    assert [w for w in writes if w[0] == "DeleteSystemAdmin"] == [("DeleteSystemAdmin", {"systemAdminUsername": "old"})]
    assert "not removing system administrator ops: it is the account this task logs in with (log in as another " \
           "administrator to remove it)" in out.warnings
    assert sorted(out.after) == sorted(["admin", "ops"] + [e["name"] for e in given["admins"]])


@pytest.mark.parametrize("given", [
    dict(name="Ops", state="absent"),
    dict(admins=[{"name": "ops", "state": "absent"}]),
    dict(admins=[{"name": "old", "state": "absent"}, {"name": "ops ", "state": "absent"}], purge=True),
])
def test_removing_the_administrator_the_task_logs_in_as_fails_before_any_write(given):
    with pytest.raises(engine.PlanError, match="cannot remove system administrator ops: it is the account this task "
                                               "logs in with"):
        plan(SystemAdminResource, ADMINS, username="ops", **given)


def test_without_a_login_name_nothing_is_protected_but_the_primary():
    writes = plan(SystemAdminResource, ADMINS, admins=[], purge=True)[0]
    assert sorted(w[1]["systemAdminUsername"] for w in writes) == ["old", "ops"]


def test_system_settings_only_the_keys_given_as_stored():
    resource = SystemSettingsResource({"settings": {"GreylistingEnabled": "yes", "SmtpBanner": "hi"}})
    entries = engine.validate(resource)
    out = engine.plan(resource, entries, {"system": {"greylistingenabled": "True", "smtpbanner": "old"}})
    assert [(w.operation, w.params) for w in out.plan.writes] == [
        ("SetRequestedSystemSettings", {"newSettings": ["SmtpBanner=hi"]})]


def test_service_started_or_stopped_only_when_it_differs():
    current = {"pop": {"name": "pop", "running": True, "thread_count": 0},
               "smtp": {"name": "smtp", "running": True, "thread_count": 0}}
    writes = plan(ServiceResource, current, services=[{"name": "pop", "running": False},
                                                      {"name": "smtp", "running": True}])[0]
    assert writes == [("StopServices", {"ServicesToStop": ["pop"]})]


class Relay(ListResource):
    """A family declared by its table and its operations alone (``soap_calls``)."""

    item, single_key = "relay", "relay"
    table = ListTable(target_options(("relayIp", "relayStart", "relayEnd")) + (
        Row("port", "The port.", type="int", rule="number", created=25, soap="relayPort"),
        Row("token", "A token.", created="", soap="relayToken"),
    ), list_option="relays", what="relays")
    adapters = soap_calls(lambda client: [dict(target("10.0.0.1"), port=25, token="")],
                          add="AddRelay", remove="RemoveRelay", remove_by=("ip_address",))

    def object_errors(self, obj):
        return ["relay %s: port 26 needs a token" % self.label(obj)] if obj["port"] == 26 and not obj["token"] else []


def test_a_family_on_a_table_takes_its_form_key_and_calls_from_it():
    assert (Relay.list_option, Relay.items, Relay.key_options, Relay.ip_target) == (
        "relays", "relays", ("ip_address",), True)
    current = Relay(params(Relay)).read_all(None, [])
    assert current == {"10.0.0.1": dict(target("10.0.0.1"), port=25, token="")}
    writes = plan(Relay, current, purge=True, relays=[{"ip_address": "10.0.1.0/31", "token": "t"}])[0]
    assert writes == [("RemoveRelay", {"relayIp": "10.0.0.1"}),
                      ("AddRelay", {"relayIp": "", "relayStart": "10.0.1.0", "relayEnd": "10.0.1.1",
                                    "relayPort": 25, "relayToken": "t"})]
    assert [w[0] for w in plan(Relay, current, ip_address="10.0.0.1", token="x")[0]] == ["RemoveRelay", "AddRelay"]


@pytest.mark.parametrize("given", [dict(ip_address="10.0.0.1", port=26), dict(ip_address="10.0.0.2", port=26)])
def test_a_family_checks_the_object_it_would_leave_before_adding_or_changing_it(given):
    current = {"10.0.0.1": dict(target("10.0.0.1"), port=25, token="")}
    with pytest.raises(engine.PlanError, match="relay 10.0.0.[12]: port 26 needs a token"):
        plan(Relay, current, **given)


def test_bare_names_read_as_objects_of_the_tables_key():
    class Names(ListResource):
        item, single_key = "name", "name"
        table = ListTable([Row("host", "A host.", soap="hostName")], list_option="hosts", what="hosts",
                          string_list=True)
        adapters = soap_calls(lambda client: ["a.example"], add="AddHost", remove="DeleteHost")

    assert Names(params(Names)).read_all(None, []) == {"a.example": {"host": "a.example"}}
    assert plan(Names, {"a.example": {"host": "a.example"}}, purge=True, hosts=["b.example"])[0] == [
        ("DeleteHost", {"hostName": "a.example"}), ("AddHost", {"hostName": "b.example"})]
