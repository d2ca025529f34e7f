# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SmarterMail's SMTP, POP, IMAP and spool services, started or stopped (svcServerAdmin).

The state is read with one RequestStatus call (``<service>_isrunning``); a service whose state
differs is started with StartServices or stopped with StopServices. The services always exist:
there is nothing to add or remove.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import SERVICE_STATUS, read_services
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    ListResource,
    ListTable,
    Row,
    SoapList,
)

# the SOAP column: what StartServices / StopServices take and what RequestStatus reports
TABLE = ListTable([
    Row("name", "The service.", choices=tuple(sorted(SERVICE_STATUS)), normalize=lambda v: ("%s" % v).strip().lower(),
        soap="ServicesToStart or ServicesToStop"),
    Row("running", "Whether the service should run. Required.", type="bool", rule="bool",
        soap="StartServices or StopServices (read: <name>_isrunning of RequestStatus)"),
    Row("thread_count", "Read only - the service's thread count, ignored on input (so that the C(services) output of "
        "M(mailops.smartermail.smartermail_info) feeds back unchanged).", type="int", read_only=True,
        soap="<name>_threadcount of RequestStatus"),
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


class ServiceResource(ListResource):
    item, single_key = "service", "service"
    table, adapters = TABLE, {"soap": SoapServices}
    outcomes = (("updated", "updated"),)

    def entry_errors(self, entry, where):
        if entry.get("running") is None:
            return ["%s: running is required" % where]
        return []

    def create_errors(self, entry, desired):
        return ["service %s is not reported by the server's RequestStatus" % entry["name"]]

    def describe(self, verb, obj, changed=None):
        return "%s service %s" % ("start" if obj.get("running") else "stop", obj["name"])
