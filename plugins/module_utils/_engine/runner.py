# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The runner: ``run_task(resource_class, params, check_mode, diff_mode) -> result``.

It builds the client the resource's backend needs from the connection options, runs the
engine, and turns every failure into one ``TaskFailed`` carrying the message and the result
keys of a failed task (what was applied before the failure). It never touches AnsibleModule:
the module glue (``_module.py``) and a controller-side action can both call it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import traceback

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import estate
from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.errors import PleskError, SmarterMailError

CONNECTION_OPTIONS = ("url", "username", "password", "validate_certs", "ca_path", "timeout", "retries")


def connection_env(prefix):
    """Connection option name -> environment variable, for a product prefix (SMARTERMAIL, PLESK)."""
    return dict((name, "%s_%s" % (prefix, name.upper())) for name in CONNECTION_OPTIONS)


class TaskFailed(Exception):
    """A failed task: ``msg`` and the other result keys (``details``), secrets already removed."""

    def __init__(self, msg, **details):
        super(TaskFailed, self).__init__(msg)
        self.msg = msg
        self.details = details


class MissingLibrary(TaskFailed):
    """A Python library the task needs is not installed (``library`` names it)."""

    def __init__(self, library, error):
        super(MissingLibrary, self).__init__("missing library", exception="%s" % error)
        self.library = library


SMARTERMAIL_ENV = connection_env("SMARTERMAIL")
SMARTERMAIL_ENV["api"] = "SMARTERMAIL_API"


class SmarterMailBackend:
    """SmarterMail's SOAP web services (or its JSON API: ``_api``)."""

    ENV = SMARTERMAIL_ENV
    ERROR = SmarterMailError

    @classmethod
    def missing(cls, params):
        return ["%s (or the %s environment variable)" % (name, cls.ENV[name])
                for name in ("url", "username", "password") if not params.get(name)]

    @staticmethod
    def client(params):
        # Imported here: a task compiles only the client it uses.
        from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.soap_client import SmarterMailClient
        return SmarterMailClient(
            params["url"], params["username"], params["password"],
            validate_certs=params["validate_certs"], ca_path=params["ca_path"],
            timeout=params["timeout"], retries=params["retries"])

    @staticmethod
    def details(exc):
        return dict(service=exc.service, operation=exc.operation, result_code=exc.result_code)

    @staticmethod
    def secrets(params):
        return [params.get("password")]


PLESK_ENV = connection_env("PLESK")
PLESK_ENV["api_key"] = "PLESK_API_KEY"


class PleskBackend:
    """Plesk's XML API (agent.php): login and password, or a secret key."""

    ENV = PLESK_ENV
    ERROR = PleskError

    @classmethod
    def missing(cls, params):
        env, missing = cls.ENV, []
        if not params.get("url"):
            missing.append("url (or the %s environment variable)" % env["url"])
        if not params.get("api_key") and not (params.get("username") and params.get("password")):
            missing.append("username and password (or the %s and %s environment variables), or api_key "
                           "(or the %s environment variable)" % (env["username"], env["password"], env["api_key"]))
        return missing

    @staticmethod
    def client(params):
        from ansible_collections.mailops.smartermail.plugins.module_utils._plesk.client import (
            HAS_LXML, LXML_IMPORT_ERROR, PleskClient)
        if not HAS_LXML:
            raise MissingLibrary("lxml", LXML_IMPORT_ERROR)
        use_login = bool(params.get("username") and params.get("password"))
        return PleskClient(
            params["url"], username=params["username"] if use_login else None,
            password=params["password"] if use_login else None,
            api_key=None if use_login else params.get("api_key"),
            validate_certs=params["validate_certs"], ca_path=params["ca_path"],
            timeout=params["timeout"], retries=params["retries"])

    @staticmethod
    def details(exc):
        return dict(operation=exc.operation, errcode=exc.errcode)

    @staticmethod
    def secrets(params):
        return [params.get("password"), params.get("api_key")]


BACKENDS = {"smartermail": SmarterMailBackend, "plesk": PleskBackend}


def scrub(text, secrets):
    text = "%s" % (text,)
    for secret in secrets:
        if secret:
            text = text.replace(secret, "********")
    return text


def scrubbed(value, secrets):
    """``value`` (text, or lists and dicts of it) with every secret form replaced."""
    if isinstance(value, str):
        return scrub(value, secrets)
    if isinstance(value, dict):
        return dict((key, scrubbed(item, secrets)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return [scrubbed(item, secrets) for item in value]
    return value


def no_log_values(spec, params):
    """The values of every ``no_log`` option of ``spec`` set in ``params``, sub-options of lists
    and dicts included (what AnsibleModule masks, found the same way for every module)."""
    values = []
    for name, option in (spec or {}).items():
        value = (params or {}).get(name)
        if value is None:
            continue
        if option.get("no_log"):
            items = value if isinstance(value, (list, tuple)) else [value]
            values.extend("%s" % item for item in items if item is not None and not isinstance(item, (dict, bool)))
        if option.get("options"):
            for item in value if isinstance(value, (list, tuple)) else [value]:
                if isinstance(item, dict):
                    values.extend(no_log_values(option["options"], item))
    return values


def task_secrets(resource_class, params):
    """Every secret the task holds: the connection's, every no_log option of the module (whatever
    option it came from) and the free-form values the resource declares secret."""
    # imported here: _argspec imports this module
    from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import module_spec
    backend = BACKENDS[resource_class.backend]
    secrets = list(backend.secrets(params)) + list(resource_class.secret_values(params))
    secrets += no_log_values(module_spec(resource_class).argument_spec, params)
    return [secret for secret in secrets if secret]


def teach_secrets(client, secrets):
    """Tell ``client`` the task's secrets, so that its own messages are scrubbed as they are made."""
    http = getattr(client, "http", None)
    if http is not None and hasattr(http, "add_secrets"):
        http.add_secrets(secrets)
        return True
    return False


def known_secrets(client, secrets):
    """The task's secrets plus those its client learnt from the server, in every wire encoding."""
    if teach_secrets(client, secrets):
        return client.http.secrets
    from ansible_collections.mailops.smartermail.plugins.module_utils._transport.http import encodings
    forms = set()
    for secret in secrets:
        if secret:
            forms.update(encodings("%s" % secret))
    return sorted(forms, key=len, reverse=True)


def connection_errors(params):
    """Connection options that cannot work, found before any call."""
    errors = []
    timeout, retries, ca_path = params.get("timeout"), params.get("retries"), params.get("ca_path")
    if timeout is not None and not 0 < timeout <= 3600:
        errors.append("timeout must be from 1 to 3600 seconds, got %r" % timeout)
    if retries is not None and not 0 <= retries <= 10:
        errors.append("retries must be from 0 to 10, got %r" % retries)
    if ca_path and not os.path.isfile(ca_path):
        errors.append("ca_path %s is not a readable file" % ca_path)
    url = params.get("url")
    if url and any(ord(c) < 32 or ord(c) == 127 for c in url):
        errors.append("url must not contain control characters")
    return errors


def connect(backend, params):
    """The client of ``backend`` for ``params``; ``TaskFailed`` when options are missing or wrong."""
    missing = backend.missing(params)
    if missing:
        raise TaskFailed("missing connection options: " + ", ".join(missing))
    errors = connection_errors(params)
    if errors:
        raise TaskFailed("invalid input: " + "; ".join(errors))
    try:
        return backend.client(params)
    except backend.ERROR as exc:
        raise TaskFailed(str(exc))


def soap_missing(error, params, resource):
    """What a SmarterMail task says when its SOAP service is not there (``_smartermail.api``)."""
    if getattr(error, "http_status", None) != 404 or getattr(resource, "backend", None) != "smartermail":
        return None
    from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail import api as _api
    return _api.soap_missing(error, params, resource)


def run_task(resource_class, params, check_mode=False, diff_mode=False, client=None, keep_session=False):
    """Run one task of ``resource_class`` with validated ``params``; return the result dict.

    ``keep_session``: a JSON API session stays open for the next run in this process with the same
    server and account (the items of a loop, run by one worker process), and ends when the process
    does; otherwise it ends with this run.

    Raises ``TaskFailed``: before any write for bad input, missing connection options, a failed
    read or an impossible plan; with ``changed`` and ``changes_applied`` when a write failed.

    Every message leaves through here: the failure's message and details and the warnings are
    scrubbed of every secret the task holds, in every encoding (``_http.encodings``), whichever
    option it came from, and whatever part of the server's answer echoed it.
    """
    secrets = task_secrets(resource_class, params)
    clients = [client]
    try:
        result = _run(resource_class, params, check_mode, diff_mode, clients, secrets, keep_session)
    except TaskFailed as exc:
        forms = known_secrets(clients[0], secrets)
        exc.msg = scrub(exc.msg, forms)
        exc.args = (exc.msg,)
        exc.details = scrubbed(exc.details, forms)
        raise
    if result.get("warnings"):
        result["warnings"] = scrubbed(result["warnings"], known_secrets(clients[0], secrets))
    return result


def _api_module():
    from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail import api as _api
    return _api


def _run(resource_class, params, check_mode, diff_mode, clients, secrets, keep_session=False):
    backend = BACKENDS[resource_class.backend]
    # what the failure's message needs: the API used and the resource it was planned with
    held = {"api": None, "resource": None}
    try:
        if estate.spans(resource_class, params):
            return _run_estate(resource_class, params, check_mode, diff_mode, clients, secrets, keep_session, held)
        return _run_one(resource_class, params, check_mode, diff_mode, clients, secrets, keep_session, held)
    except TaskFailed as exc:
        if held["api"] and "api" not in exc.details:
            exc.details["api"] = held["api"]
        raise
    except (engine.InputError, engine.PlanError) as exc:
        raise TaskFailed(str(exc), **({"api": held["api"]} if held["api"] else {}))
    except engine.ApplyError as exc:
        error = exc.error
        details = backend.details(error) if isinstance(error, backend.ERROR) else {}
        msg = str(error) if isinstance(error, backend.ERROR) else "unexpected error: %s: %s" % (
            error.__class__.__name__, scrub(error, known_secrets(clients[0], secrets)))
        msg = soap_missing(error, params, held["resource"]) or msg
        details["changes_applied"] = list(exc.applied)
        if held["api"]:
            details["api"] = held["api"]
        if exc.applied:
            details["changed"] = True
            msg = "%s; changes applied before the failure: %s" % (msg, "; ".join(exc.applied))
        raise TaskFailed(msg, **details)
    except backend.ERROR as exc:
        details = backend.details(exc)
        if held["api"]:
            details["api"] = held["api"]
        raise TaskFailed(soap_missing(exc, params, held["resource"]) or str(exc), **details)
    except Exception as exc:  # a bug must still fail cleanly, with the trace in the result
        secrets = known_secrets(clients[0], secrets)
        raise TaskFailed("unexpected error: %s: %s" % (exc.__class__.__name__, scrub(exc, secrets)),
                         exception=scrub(traceback.format_exc(), secrets))
    finally:
        # the JSON API's session ends with the task (logout drops its tokens), or with the process
        close = getattr(clients[0], "close", None) if held["api"] == "json" and not keep_session else None
        if close is not None:
            close()


def _connected(backend, params, clients, secrets, client=None):
    """``client`` (or a new one of ``backend``) as the task's client, its secrets known."""
    client = clients[0] = client or connect(backend, params)
    # the client's own messages (a server's text, an error page) are scrubbed as they are made
    teach_secrets(client, secrets)
    return client


def _soap_after_all(exc, soap, params, keep_session, clients):
    """api: auto, and what was read asks for what the JSON API cannot do (``NotServedNow``): nothing
    was written, SOAP serves the task (and on a server without SOAP, the failure says why). The
    SOAP resources, each told why."""
    if not keep_session:
        clients[0].close()
    reason = _api_module().without_hint("%s" % exc)
    for resource in soap:
        resource.warnings.append("api auto: using SOAP: %s" % reason)
        resource.json_gap = reason
    return soap


def _run_one(resource_class, params, check_mode, diff_mode, clients, secrets, keep_session, held):
    backend = BACKENDS[resource_class.backend]
    client = clients[0]
    resource = held["resource"] = resource_class(params)
    entries = engine.validate(resource)
    soap = (resource, entries)
    if client is None and resource_class.backend == "smartermail" and params.get("api") != "soap":
        # the JSON API (docs/json-api.md): chosen before any write, the client built for it
        _api = _api_module()
        if not backend.missing(params) and not connection_errors(params):
            try:
                held["api"], resource, entries, client = _api.choose(
                    resource_class, resource, entries, params, keep=keep_session)
            except _api.NoJsonAdapter as exc:
                raise TaskFailed(str(exc), api="json")
            except engine.InputError as exc:
                # api: json with an option its adapter does not serve: the API is known
                raise TaskFailed(str(exc), api="json")
            held["resource"] = resource
    elif resource_class.backend == "smartermail":
        held["api"] = getattr(client, "api", "soap")
    client = _connected(backend, params, clients, secrets, client)
    if held["api"] is None and resource_class.backend == "smartermail":
        held["api"] = "soap"
    try:
        result = engine.run(resource, client, check_mode, diff_mode, entries=entries)
    except engine.NotServedNow as exc:
        if held["api"] != "json" or params.get("api") not in (None, "auto"):
            raise
        resource, entries = soap
        _soap_after_all(exc, [resource], params, keep_session, clients)
        held["api"], held["resource"] = "soap", resource
        client = _connected(backend, params, clients, secrets)
        result = engine.run(resource, client, check_mode, diff_mode, entries=entries)
    except backend.ERROR as exc:
        # api: auto chose SOAP for a task api: json serves too (an _info module's part), and the
        # server has no SOAP services: the task is read over the JSON API after all
        fallback = getattr(resource, "json_fallback", None)
        if fallback is None or soap_missing(exc, params, resource) is None:
            raise
        _api = _api_module()
        resource, entries = fallback
        held["resource"] = resource
        resource.warnings.append("api auto: %s answers HTTP 404 for its SOAP service %s, as a server that serves "
                                 "only the JSON API does: read over the JSON API, what it does not serve is "
                                 "returned under unavailable" % (params.get("url"), getattr(exc, "service", "")))
        held["api"] = "json"
        client = _connected(backend, params, clients, secrets, _api.json_client(params, keep_session))
        result = engine.run(resource, client, check_mode, diff_mode, entries=entries)
    if held["api"]:
        result["api"] = held["api"]
    return result


def _estate_api(resource_class, resources, entries, params, keep_session):
    """(api, resources, entries, client or None): one API for every domain of an estate task, chosen
    as for one task (``_api.choose``) with one JSON client shared by all; SOAP for all when a domain's
    entries need it."""
    _api = _api_module()
    if not resources:
        # no entry (a purge of every domain not kept): the API the server serves
        json_class = _api.adapter(resource_class)
        if json_class is None or params.get("api") == "soap":
            return "soap", resources, entries, None
        client = _api.json_client(params, keep_session)
        if params.get("api") == "json" or _api.json_answers(client):
            return "json", resources, entries, client
        return "soap", resources, entries, None
    chosen = []
    try:
        for resource, found in zip(resources, entries):
            chosen.append(_api.choose(resource_class, resource, found, resource.params, keep=keep_session,
                                      client=chosen[0][3] if chosen and chosen[0][0] == "json" else None))
    except (_api.NoJsonAdapter, engine.InputError) as exc:
        raise TaskFailed(str(exc), api="json")
    if all(c[0] == "json" for c in chosen):
        return "json", [c[1] for c in chosen], [c[2] for c in chosen], chosen[0][3]
    if chosen[0][0] == "json" and not keep_session:
        chosen[0][3].close()  # a domain's entries need SOAP: SOAP serves the whole task
    return "soap", resources, entries, None


def _purged(resource_class, params, api, client, keys, keep, resources):
    """The tasks removing every object of the server a per-object estate task does not list or keep
    (``purge``), never the domain of the account the task logs in as; (tasks, warnings)."""
    probe = resources[0] if resources else resource_class(estate.single(params, resource_class.list_option), api=api)
    own = ("%s" % (params.get("username") or "")).rpartition("@")[2].lower()
    tasks, warnings = [], []
    for name in sorted(set(probe.adapter.names(client))):
        if name in keys or name in keep:
            continue
        if own and name == own:
            warnings.append("not removing %s %s: the task logs in as an account of it" % (resource_class.item, name))
            continue
        tasks.append((name, estate.single(params, resource_class.list_option, name=name, state="absent")))
    return tasks, warnings


def _run_estate(resource_class, params, check_mode, diff_mode, clients, secrets, keep_session, held):
    """An estate task (``_engine.estate``): every domain validated, then read and planned with bounded
    parallelism, then written domain after domain; one API for the whole task."""
    backend = BACKENDS[resource_class.backend]
    per_object = estate.per_object(resource_class)
    if per_object:
        grouped, keep = estate.object_tasks(resource_class, params)
    else:
        grouped, keep = estate.groups(resource_class, params), set()
    resources = [resource_class(task) for dummy, task in grouped]
    held["resource"] = resources[0] if resources else None
    entries = estate.validate(resources, [key for key, dummy in grouped])
    soap = (resources, entries)
    client, api = clients[0], "soap"
    if client is None and params.get("api") != "soap":
        if not backend.missing(params) and not connection_errors(params):
            api, resources, entries, client = _estate_api(resource_class, resources, entries, params, keep_session)
    elif client is not None:
        api = getattr(client, "api", "soap")
    client = _connected(backend, params, clients, secrets, client)
    held["api"] = api
    warnings = []
    if per_object and params.get("purge"):
        removals, warnings = _purged(resource_class, params, api, client, set(k for k, d in grouped), keep, resources)
        extra = [resource_class(task, api=api) for dummy, task in removals]
        found = estate.validate(extra, [key for key, dummy in removals])
        merged = sorted(zip(grouped + removals, resources + extra, entries + found), key=lambda x: x[0][0])
        grouped, resources, entries = [m[0] for m in merged], [m[1] for m in merged], [m[2] for m in merged]
        if api == "soap":
            soap = (resources, entries)
        else:
            soap_resources = [resource_class(task) for dummy, task in grouped]
            soap = (soap_resources, estate.validate(soap_resources, [key for key, dummy in grouped]))
    held["resource"] = resources[0] if resources else held["resource"]
    scopes = [key for key, dummy in grouped]

    def connect_more():
        # the JSON API's client is shared (one session a task); a SOAP reader has a client of its own,
        # whose messages are scrubbed as they are made, as the task's are
        if held["api"] == "json":
            return client
        other = connect(backend, params)
        teach_secrets(other, secrets)
        return other

    workers = params.get("parallel_reads") or estate.PARALLEL_READS
    try:
        outcomes = estate.prepare(resources, entries, client, connect_more, check_mode, workers)
    except engine.NotServedNow as exc:
        if held["api"] != "json" or params.get("api") not in (None, "auto"):
            raise
        resources, entries = _soap_after_all(exc, soap[0], params, keep_session, clients), soap[1]
        held["api"], held["resource"] = "soap", resources[0]
        client = _connected(backend, params, clients, secrets)
        outcomes = estate.prepare(resources, entries, client, connect_more, check_mode, workers)
    results = estate.apply(resources, outcomes, client, check_mode, diff_mode)
    if per_object:
        result = estate.merge_objects(resource_class, scopes, results, outcomes)
    else:
        result = estate.merge(resource_class, scopes, results)
    if warnings:
        result["warnings"] = warnings + result.get("warnings", [])
    result["api"] = held["api"]
    return result
