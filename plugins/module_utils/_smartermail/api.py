# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Which SmarterMail API a task uses: the ``api`` connection option (``auto``, ``soap``, ``json``).

- ``soap``: the legacy SOAP web services (every module).
- ``json``: the JSON API (``/api/v1``, builds 100.x) through the module's JSON adapter; a module
  without one, or an option its adapter cannot serve, fails before any call to the server with a
  message naming what is missing and suggesting ``api: soap``.
- ``auto`` (the default): the JSON API when the server answers ``GET /api/v1/licensing/about``
  (anonymous) with a SmarterMail version and the module's JSON adapter can serve every option of the
  task; SOAP otherwise. The answer of the probe is kept per server URL for the cache lifetime (an
  hour) on disk, next to the WSDL signature cache, so a run probes each host once. When SOAP was
  chosen for a reason (no adapter, an option the adapter cannot serve) and the server has no SOAP
  services, the task fails before any write with that reason (``soap_missing``), not a WSDL 404.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import json
import multiprocessing.util
import os
import re
import tempfile
import time

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine

APIS = ("auto", "soap", "json")
PROBE_TTL = 3600


class NoJsonAdapter(Exception):
    """The module has no JSON adapter (``api: json`` then fails before any call)."""


def adapter(resource_class):
    """A callable ``params -> resource over the JSON API`` for ``resource_class``, or None.

    A resource serves the JSON API when its table has a JSON adapter.
    """
    if "json" in resource_class.adapters:
        return lambda params: resource_class(params, api="json")
    return None


def without_hint(message):
    """A refusal's text without its closing ``use api: soap`` (said where SOAP is used already, or
    where the server has none)."""
    return re.sub(r"; use api: soap( to read it)?(?=; |$)", "", message)


def gap(resource_class):
    """What the JSON API lacks for a module without a JSON adapter (its resource's ``json_missing``)."""
    return "%s has no JSON API adapter: %s" % (module_name(resource_class), resource_class.json_missing)


def module_name(resource_class):
    """The module a resource class runs, for messages."""
    return resource_class.module or "smartermail_" + resource_class.__module__.rsplit(".", 1)[-1]


def json_client(params, keep=False):
    """The JSON API client of a task. With ``keep``, one per server and account in this process:
    the runs that share it (a loop's items, run by one worker process) log in once, reuse the domain
    tokens and log out when the process ends."""
    from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_client import SmarterMailJsonClient
    key = None
    if keep:
        password = hashlib.sha256(("%s" % params["password"]).encode("utf-8")).hexdigest()
        key = (os.getpid(), params["url"], params["username"], password, params["validate_certs"],
               params["ca_path"], params["timeout"], params["retries"])
        if key in _SESSIONS:
            return _SESSIONS[key]
    client = SmarterMailJsonClient(params["url"], params["username"], params["password"],
                                   validate_certs=params["validate_certs"], ca_path=params["ca_path"],
                                   timeout=params["timeout"], retries=params["retries"])
    if key is not None:
        _SESSIONS[key] = client
        # run when the process ends: a worker process returns through multiprocessing, which runs
        # its finalizers; any other process at its exit (multiprocessing registers them with atexit)
        multiprocessing.util.Finalize(client, client.close, exitpriority=10)
    return client


# -- the probe and its cache -------------------------------------------------------------------
_MEMORY = {}
_SESSIONS = {}  # kept JSON API clients: (pid, server, account, connection options) -> client


def _cache_path(url):
    from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.soap_client import default_cache_dir
    return os.path.join(default_cache_dir(), "api-" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:40] + ".json")


def _cached(url):
    entry = _MEMORY.get(url)
    if entry is None:
        try:
            with open(_cache_path(url)) as handle:
                entry = json.load(handle)
        except (OSError, ValueError):
            return None
    if not isinstance(entry, dict) or time.time() - entry.get("checked", 0) > PROBE_TTL:
        return None
    return entry.get("json")


def _store(url, answers):
    entry = {"json": bool(answers), "checked": time.time()}
    _MEMORY[url] = entry
    path = _cache_path(url)
    try:
        os.makedirs(os.path.dirname(path), 0o700)
    except OSError:
        pass
    try:
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".api-")
        with os.fdopen(fd, "w") as handle:
            json.dump(entry, handle)
        os.replace(tmp, path)
    except OSError:
        pass  # no cache: the next task probes again


def json_answers(client):
    """Whether the server behind ``client`` serves the JSON API (cached per URL)."""
    known = _cached(client.base_url)
    if known is not None:
        return known
    answers = client.about() is not None
    _store(client.base_url, answers)
    return answers


# -- the choice --------------------------------------------------------------------------------
def choose(resource_class, resource, entries, params, keep=False, client=None):
    """(api, resource, entries, client or None) for a SmarterMail task. ``client``: the JSON API client
    to use (an estate task's, shared by its domains) instead of a new one.

    Raises ``engine.InputError`` (``api: json`` with an option the adapter cannot serve) and
    ``NoJsonAdapter``, both before any call to the server.
    """
    mode = params.get("api") or "auto"
    if mode == "soap":
        return "soap", resource, entries, None
    json_class = adapter(resource_class)
    if json_class is None:
        if mode == "json":
            raise NoJsonAdapter("%s; use api: soap or auto" % gap(resource_class))
        resource.json_gap = gap(resource_class)
        return "soap", resource, entries, None
    json_resource = json_class(resource.params)
    if mode == "json":
        return "json", json_resource, engine.validate(json_resource), client or json_client(resource.params, keep)
    try:
        json_entries = engine.validate(json_resource)
    except engine.InputError as exc:
        reason = without_hint(str(exc).replace("invalid input: ", "", 1))
        resource.warnings.append("api auto: using SOAP: %s" % reason)
        resource.json_gap = reason
        # what api: json would do instead (an _info module returns the parts JSON does not serve
        # under unavailable): the task's answer on a server that serves only the JSON API
        fallback = json_class(dict(resource.params, api="json"))
        try:
            resource.json_fallback = (fallback, engine.validate(fallback))
        except engine.InputError:
            pass
        return "soap", resource, entries, None
    client = client or json_client(resource.params, keep)
    if json_answers(client):
        return "json", json_resource, json_entries, client
    return "soap", resource, entries, None


def soap_missing(error, params, resource):
    """The message of a task whose SOAP service answered HTTP 404 (its WSDL or an operation), or None.

    Under ``auto``, when SOAP was chosen for a reason (``resource.json_gap``) and the server answers
    the JSON API, the server serves only the JSON API: the message names what the JSON API lacks.
    Under ``soap``, it suggests ``auto`` (no call is made to find out).
    """
    if getattr(error, "http_status", None) != 404 or getattr(error, "service", "json") in (None, "json"):
        return None
    mode = params.get("api") or "auto"
    if mode == "soap":
        return ("%s; a server that serves only SmarterMail's JSON API (builds 100.x) answers so: "
                "api: auto uses the JSON API where the module serves the task" % error)
    reason = getattr(resource, "json_gap", None)
    if mode != "auto" or reason is None:
        return None
    if not json_answers(json_client(params)):
        return None
    return ("SmarterMail %s answers HTTP 404 for its SOAP service %s, as a server that serves only the JSON API "
            "does, and the JSON API cannot serve this task: %s"
            % (getattr(error, "host", None) or params.get("url"), getattr(error, "service", None) or "", reason))
