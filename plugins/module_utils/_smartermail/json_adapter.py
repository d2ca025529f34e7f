# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the JSON API adapters share: their writes, their executor, their refusals.

A JSON write is a ``Write`` of service ``json`` whose operation is ``POST <path>`` and whose
parameters are the call: ``path``, ``body`` and ``scope`` (``sysadmin`` or a domain name, see
``_smartermail_json``). Endpoints and field names come from the reference on SmarterMail's JSON
API; docs/json-api.md says on what evidence each adapter relies.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import Adapter
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_client import SYSADMIN, segment

SERVICE = "json"
MB = 1024 * 1024

__all__ = ["SERVICE", "MB", "SYSADMIN", "segment", "json_execute", "add_write", "unsupported", "name_in_use",
           "RefusedOption", "JsonSubclass", "JsonAdapter"]


def json_execute(client):
    """The executor of JSON writes (a write is retried only when it certainly never left)."""
    return lambda write: client.call("POST", write.params["path"], write.params.get("body") or {},
                                     scope=write.params["scope"], read=False)


def add_write(plan, phase, path, description, key, scope, body=None, refresh=None):
    plan.add(phase, "POST " + path, description, dict(path=path, body=body or {}, scope=scope), key=key,
             service=SERVICE, refresh=refresh)


def unsupported(option, why, module="this module"):
    """The refusal of an option the JSON API cannot serve (an input error: before any call)."""
    return "%s cannot be managed over the JSON API by %s: %s; use api: soap" % (option, module, why)


class RefusedOption:
    """An option a JSON adapter does not serve, and why (the text of the refusal).

    The option is in use when it is set to anything but its default at the top level or in any
    entry of the list form; ``when(resource, entries)`` decides
    instead where a value alone does not tell (``label`` then names what is refused).
    """

    def __init__(self, option, why, when=None, label=None):
        self.option = option
        self.why = why
        self.when = when
        self.label = label or option

    def used(self, resource, entries):
        if self.when is not None:
            return bool(self.when(resource, entries))
        spec = resource.argument_spec.argument_spec
        default = (spec.get(self.option) or {}).get("default")
        values = [resource.params.get(self.option)]
        if resource.list_option and resource.params.get(resource.list_option) is not None:
            values += [raw.get(self.option) for raw in resource.params[resource.list_option] or []
                       if isinstance(raw, dict)]
        return any(value is not None and value != default for value in values)


class JsonSubclass:
    """Mixed into a JSON adapter (before its SOAP resource class): the options it declares
    ``not_served`` fail the task as input errors, before any call (with ``api: auto`` they make the
    task use SOAP, with a warning naming them)."""

    api = "json"
    execute = staticmethod(json_execute)
    # the module's name in refusals, and the NotServed options
    module = "this module"
    not_served = ()

    def validate(self):
        entries, errors = super(JsonSubclass, self).validate()
        for item in self.not_served:
            if item.used(self, entries):
                errors.append(unsupported(item.label, item.why, self.module))
        return entries, errors


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
