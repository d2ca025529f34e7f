# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SmarterMail's SMTP, POP, IMAP and spool services, started or stopped (svcServerAdmin).

The state is read with one RequestStatus call (``<service>_isrunning``); a service whose state
differs is started with StartServices or stopped with StopServices. The services always exist:
there is nothing to add or remove. Over the JSON API: ``JsonServices``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import PlanError
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_adapter import (
    SYSADMIN,
    JsonAdapter,
    add_write,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import SERVICE_STATUS, read_services
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    ListResource,
    ListTable,
    Row,
    SoapList,
)

# the JSON API's endpoints (reference §10.4: one client, CBX ``ServerTools``: *single source*)
JSON_SERVICES = "settings/sysadmin/services"
JSON_START = "settings/sysadmin/start-services"
JSON_STOP = "settings/sysadmin/stop-services"

# the SOAP column: what StartServices / StopServices take and what RequestStatus reports; the JSON
# column: what start-services / stop-services take and what GET services answers
TABLE = ListTable([
    Row("name", "The service.", choices=tuple(sorted(SERVICE_STATUS)), normalize=lambda v: ("%s" % v).strip().lower(),
        soap="ServicesToStart or ServicesToStop",
        json="input[] of start-services or stop-services; services[].name (the names: inference)"),
    Row("running", "Whether the service should run. Required.", type="bool", rule="bool",
        soap="StartServices or StopServices (read: <name>_isrunning of RequestStatus)",
        json="start-services or stop-services (read: services[].isRunning, inference)"),
    Row("thread_count", "Read only - the service's thread count, ignored on input (so that the C(services) output of "
        "M(mailops.smartermail.smartermail_info) feeds back unchanged).", type="int", read_only=True,
        soap="<name>_threadcount of RequestStatus", json="services[].threadCount (inference; 0 when absent)"),
], list_option="services", list_doc=["Several services in one task (one read). Mutually exclusive with O(name) and "
                                     "O(running)."], state=None, bulk=False, required_one_of=[("name", "services")])


class SoapServices(SoapList):
    """``RequestStatus``, ``StartServices``, ``StopServices`` (nothing to add or remove)."""

    def read_list(self, client):
        return read_services(client)[0]

    def update(self, current, desired, changed, secrets):
        if desired["running"]:
            return "StartServices", dict(ServicesToStart=[current["name"]])
        return "StopServices", dict(ServicesToStop=[current["name"]])


class JsonServices(JsonAdapter):
    """The JSON API, with the system administrator's token (reference §10.4; one client, CBX
    ``ServerTools``, names these endpoints: *single source*).

    - read: ``GET settings/sysadmin/services``; CBX does not show the answer: the list under
      ``services``, each {``name``, ``isRunning``, ``threadCount``}, is *inference*, and an answer
      without that list fails the task before any write (rather than a start or stop planned on a
      misread state);
    - start, stop: ``POST settings/sysadmin/start-services`` / ``stop-services`` {``input``: [names]}
      [CBX]; the names are SOAP's (``smtp``, ``pop``, ``imap``, ``spool``): *inference*.
    Nothing is added or removed: the services always exist.
    """

    def read_all(self, client, entries):
        listed = client.get(JSON_SERVICES).get("services")
        if not isinstance(listed, list):
            raise PlanError("the answer of GET %s holds no services list (the shape this module reads); "
                            "use api: soap" % JSON_SERVICES)
        current = {}
        for info in listed:
            name = ("%s" % (info.get("name") or "")).strip().lower() if isinstance(info, dict) else ""
            if name in SERVICE_STATUS:
                count = info.get("threadCount")
                current[name] = {"name": name, "running": info.get("isRunning") is True,
                                 "thread_count": count if isinstance(count, int) and not isinstance(count, bool) else 0}
        return current

    def plan_create(self, plan, entry, desired):
        raise PlanError("; ".join(self.resource.create_errors(entry, desired)))

    def plan_update(self, plan, entry, current, desired, changed):
        path = JSON_START if desired["running"] else JSON_STOP
        add_write(plan, "update", path, self.resource.describe("update", desired), entry["key"], SYSADMIN,
                  {"input": [current["name"]]})

    def plan_remove(self, plan, key, current):
        raise PlanError("service %s cannot be removed" % current["name"])


class ServiceResource(ListResource):
    item, single_key = "service", "service"
    table, adapters = TABLE, {"soap": SoapServices, "json": JsonServices}
    outcomes = (("updated", "updated"),)

    def entry_errors(self, entry, where):
        if entry.get("running") is None:
            return ["%s: running is required" % where]
        return []

    def create_errors(self, entry, desired):
        source = "RequestStatus" if self.api != "json" else "GET %s" % JSON_SERVICES
        return ["service %s is not reported by the server's %s" % (entry["name"], source)]

    def describe(self, verb, obj, changed=None):
        return "%s service %s" % ("start" if obj.get("running") else "stop", obj["name"])
