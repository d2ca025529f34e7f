# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the JSON API adapters share: their writes and their executor (what the JSON API does not
serve is a ``NotServed`` cell of the resource's table).

A JSON write is a ``Write`` of service ``json`` whose operation is ``POST <path>`` and whose
parameters are the call: ``path``, ``body`` and ``scope`` (``sysadmin`` or a domain name, see
``json_client``). Endpoints and field names come from the reference on SmarterMail's JSON
API; docs/json-api.md says on what evidence each adapter relies.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import Adapter
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_client import SYSADMIN, segment

SERVICE = "json"
MB = 1024 * 1024

__all__ = ["SERVICE", "MB", "SYSADMIN", "segment", "json_execute", "add_write", "name_in_use", "JsonAdapter"]


def json_execute(client):
    """The executor of JSON writes (a write is retried only when it certainly never left)."""
    return lambda write: client.call("POST", write.params["path"], write.params.get("body") or {},
                                     scope=write.params["scope"], read=False)


def add_write(plan, phase, path, description, key, scope, body=None, refresh=None):
    plan.add(phase, "POST " + path, description, dict(path=path, body=body or {}, scope=scope), key=key,
             service=SERVICE, refresh=refresh)


def name_in_use(error):
    """Whether a failed create's answer says the name is taken (``..._NAME_IN_USE``)."""
    text = "%s" % (getattr(error, "server_message", None) or "")
    return "NAME_IN_USE" in text.upper() or "already exists" in text.lower()


class JsonAdapter(Adapter):
    """The JSON API adapter of a resource (a sibling of its SOAP adapter): writes are ``add_write``
    records run by ``json_execute``; a create whose answer says the name is taken (``create_paths``)
    is reconciled with a fresh read."""

    api = "json"
    execute = staticmethod(json_execute)
    create_paths = ()

    def exists_error(self, write, error):
        return any(write.operation.startswith("POST " + path) for path in self.create_paths) and name_in_use(error)
