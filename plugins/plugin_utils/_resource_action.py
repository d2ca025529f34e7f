# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The action of every module of the collection (``plugins/action/resource.py``, routed to each module
by ``plugin_routing.modules.<module>.action_plugin`` in ``meta/runtime.yml``).

When the module would run on the controller itself (a ``local`` connection, which is also what
``delegate_to: localhost`` uses), the task runs in the worker process: the resource engine's
runner with the module's own argument spec, validated by ansible-core's
``ArgumentSpecValidator``, and a result built as ``AnsibleModule`` builds it (invocation, no_log
masking, warnings, deprecations, the same messages). This saves the module process (AnsiballZ)
that costs most of a task's time.

Otherwise the module runs the normal way: a remote host, ``become``, ``async``, a controller
Python without a library the task needs (lxml for Plesk), or the fast path turned off with the
``mailops_smartermail_fast_path`` variable (per task, play or host) or the
``MAILOPS_SMARTERMAIL_FAST_PATH`` environment variable of ansible-playbook. ``-vvv`` says which
path a task took and why.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import importlib
import inspect
import json
import os
import sys
import traceback

from ansible import constants as C
from ansible.module_utils.basic import missing_required_lib
from ansible.module_utils.common.parameters import PASS_VARS
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.errors import UnsupportedError
from ansible.module_utils.common.text.converters import to_native
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display
from ansible.utils.vars import merge_hash
try:  # up to ansible-core 2.20
    from ansible.vars.clean import remove_internal_keys
except ImportError:  # ansible-core 2.21+: the parsed result is a task result object that cleans itself
    remove_internal_keys = None

try:  # ansible-core 2.19+: module results are (de)serialized through profiles
    from ansible.module_utils.common.json import Direction, get_module_decoder, get_module_encoder
    from ansible.module_utils._internal import _traceback
    jsonify = None
except ImportError:  # ansible-core 2.18
    Direction = get_module_decoder = get_module_encoder = _traceback = None
    from ansible.module_utils.common.text.converters import jsonify

display = Display()

COLLECTION = "mailops.smartermail"
FAST_PATH_VAR = "mailops_smartermail_fast_path"
FAST_PATH_ENV = "MAILOPS_SMARTERMAIL_FAST_PATH"
PROFILE = "legacy"  # the serialization profile of the collection's modules (the default one)

MODULE_UTILS = "ansible_collections.mailops.smartermail.plugins.module_utils."
MODULES = "ansible_collections.mailops.smartermail.plugins.modules."
# what a task on the fast path imports besides its resource, per backend
BACKEND_IMPORTS = {"smartermail": ("_engine.runner", "_engine.argspec", "_smartermail.soap_client"),
                   "plesk": ("_engine.runner", "_engine.argspec", "_plesk.client")}
_RESOURCES = {}


def resource_class(module_fqcn):
    """The resource class a module of this collection runs (what its main() passes to run_resource), or None.

    Found in the module file itself: the one class it imports from module_utils that declares a backend,
    so a new module needs no registration here.
    """
    collection, _dot, name = (module_fqcn or "").rpartition(".")
    if collection != COLLECTION:
        return None
    if name not in _RESOURCES:
        try:
            module = importlib.import_module(MODULES + name)
        except ImportError:
            module = None
        classes = [value for value in vars(module).values() if inspect.isclass(value)] if module else []
        found = set(value for value in classes
                    if value.__module__.startswith(MODULE_UTILS) and isinstance(getattr(value, "backend", None), str))
        _RESOURCES[name] = found.pop() if len(found) == 1 else None
    return _RESOURCES[name]


def warm_up():
    """Import what the fast path of every module needs, except each module's own resource.

    Ansible imports the package ``plugins/action`` in its main process while it resolves a task's
    action, before it forks the worker process of a task, and never loads a routed action plugin
    there: ``plugins/action/__init__.py`` calls this, so every worker inherits these imports instead
    of compiling them again per task. The module file and its resource (a few milliseconds) are
    imported by the task's worker. Never raises: any error is reported when a task runs.
    """
    try:
        for backend in sorted(BACKEND_IMPORTS):
            for name in BACKEND_IMPORTS[backend]:
                importlib.import_module(MODULE_UTILS + name)
        if get_module_encoder is not None:  # imports the serialization profile's code
            for direction in (Direction.CONTROLLER_TO_MODULE, Direction.MODULE_TO_CONTROLLER):
                get_module_encoder(PROFILE, direction)
                get_module_decoder(PROFILE, direction)
    except Exception:  # pylint: disable=broad-except
        pass


def missing_library(resource):
    """The library the controller's Python lacks for ``resource``'s backend, or None."""
    if resource.backend == "plesk":
        plesk_client = importlib.import_module(MODULE_UTILS + "_plesk.client")
        if not plesk_client.HAS_LXML:
            return "lxml"
    return None


def fast_path_setting(task_value, environ):
    """Whether the fast path is allowed: the task variable wins over the environment variable.

    Returns ``(allowed, where)``; a value that is not a boolean raises ``ValueError``.
    """
    if task_value is not None:
        return boolean(task_value, strict=True), "the %s variable" % FAST_PATH_VAR
    if environ.get(FAST_PATH_ENV, "") != "":
        return boolean(environ[FAST_PATH_ENV], strict=True), "the %s environment variable" % FAST_PATH_ENV
    return True, "default"


def module_path_reason(resource, setting, transport, become, async_val, missing):
    """Why the task must run as a module process (a sentence), or None for the fast path."""
    allowed, where = setting
    if resource is None:
        return "the task's module has no resource the action knows"
    if not allowed:
        return "the fast path is turned off by %s" % where
    if transport != "local":
        return "the connection is %s, not local: the module runs on the target host" % transport
    if become:
        return "become is set: the module runs as another user"
    if async_val:
        return "the task uses async"
    if missing:
        return "the controller's Python (%s) lacks %s, which the task needs" % (sys.executable, missing)
    return None


@contextlib.contextmanager
def environment(overlay):
    """``os.environ`` as a module process started with ``overlay`` sees it, restored on exit."""
    saved = dict((name, os.environ.get(name)) for name in overlay)
    try:
        for name, value in overlay.items():
            os.environ[name] = "%s" % (value,)
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _format_traceback(exc, error_detail):
    """The ``exception`` key fail_json adds from the pending exception, or None."""
    if _traceback is not None:
        if _traceback.is_traceback_enabled(_traceback.TracebackEvent.ERROR):
            return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        return None
    return "".join(traceback.format_tb(exc.__traceback__)) if error_detail else None


class ModuleRun:
    """One task run the way ``run_resource`` runs it under ``AnsibleModule``, without the process."""

    def __init__(self, resource, module_name, verbosity=0, inject_invocation=True):
        self.resource = resource
        self.module_name = module_name
        self.verbosity = verbosity
        self.inject_invocation = inject_invocation
        self.params = {}
        self.no_log_values = set()
        self.warnings = []
        self.deprecations = []

    def validate(self, args):
        """AnsibleModule's validation: params (validated), no_log values, warnings; the error or None."""
        # Imported here: _argspec imports the runner, which the action needs only on the fast path.
        spec = importlib.import_module(MODULE_UTILS + "_engine.argspec").module_spec(self.resource)
        self.params = dict(args)
        result = ArgumentSpecValidator(**spec.to_kwargs()).validate(self.params)
        self.params.update(result.validated_parameters)
        self.no_log_values.update(result._no_log_values)
        for deprecation in result._deprecations:
            self.deprecations.append(dict(deprecation))
        for warning in result._warnings:
            self.warnings.append("Both option {option} and its alias {alias} are set.".format(**warning))
        if not result.errors.errors:
            return None
        msg = result.errors.msg
        if isinstance(result.errors[0], UnsupportedError):
            msg = "Unsupported parameters for (%s) module: %s" % (self.module_name, msg)
        return msg

    def run(self, args, check_mode, diff_mode):
        """The module's result: ``(result, failed)``."""
        runner = importlib.import_module(MODULE_UTILS + "_engine.runner")
        error = self.validate(args)
        if error is not None:
            return self.fail(error, {}, None)
        self.no_log_values.update(v for v in self.resource.secret_values(self.params) if v)
        try:
            # a loop's items run in this worker process: they share one JSON API session
            result = runner.run_task(self.resource, self.params, check_mode, diff_mode, keep_session=True)
        except runner.MissingLibrary as exc:
            return self.fail(missing_required_lib(exc.library), exc.details, exc)
        except runner.TaskFailed as exc:
            return self.fail(exc.msg, exc.details, exc)
        self.warnings.extend(result.pop("warnings", []))
        return self.formatted(result), False

    def fail(self, msg, details, exc):
        result = dict(details)
        result.update(failed=True, msg="%s" % msg)
        if _traceback is not None and "exception" in result:
            # 2.19: a traceback given as a string is returned only when tracebacks are enabled
            if not _traceback.is_traceback_enabled(_traceback.TracebackEvent.ERROR):
                del result["exception"]
        elif "exception" not in result and exc is not None:
            formatted = _format_traceback(exc, self.verbosity >= 3)
            if formatted:
                result["exception"] = formatted
        return self.formatted(result), True

    def formatted(self, result):
        """AnsibleModule._return_formatted: invocation, warnings, deprecations, no_log masking."""
        if self.inject_invocation:
            result.setdefault("invocation", {"module_args": self.params})
        else:
            result.pop("invocation", None)
        if self.warnings:
            result["warnings"] = list(self.warnings)
        if self.deprecations:
            result["deprecations"] = list(self.deprecations)
        preserved = dict((k, v) for k, v in result.items() if v is None or isinstance(v, bool))
        result = masked(result, self.no_log_values)
        result.update(preserved)
        return result


def masked(result, no_log_values):
    """``remove_values(result, no_log_values)``, without walking the parts in which no such value occurs.

    remove_values masks the string values that contain a no_log value and the numbers whose text is
    one; it keeps keys, booleans and None, and treats each value of a mapping on its own.  So the
    mappings are followed (the password sits in ``invocation.module_args``), and a list is walked
    only when one of the values occurs in its JSON text (where a string appears JSON-escaped,
    character by character): on a 5,000-object result the check costs a tenth of the walk.
    """
    if len(no_log_values) > MANY:
        # thousands of values (the passwords of a task of many domains): remove_values costs (strings x
        # values) on every string of the result; the index finds the strings that hold one
        return _Index(no_log_values).mask(result)
    return _masked(result, no_log_values)


def _masked(result, no_log_values):
    if isinstance(result, dict):
        return dict((key, _masked(value, no_log_values)) for key, value in result.items())
    if isinstance(result, list) and result:
        try:
            text = json.dumps(result, ensure_ascii=False, allow_nan=False)
            needles = [json.dumps(to_native(value, errors="surrogate_or_strict"), ensure_ascii=False)[1:-1]
                       for value in no_log_values]
        except (TypeError, ValueError):  # not plain JSON data: let remove_values judge it
            needles = text = None
        if text is not None and all(needles) and not any(needle in text for needle in needles):
            return result
    return remove_values(result, no_log_values)


# above this many no_log values, results are masked through an index of the values (``_Index``)
MANY = 64


class _Index:
    """The no_log values by length, so that a string is checked against the values that may occur in it
    only (each of its substrings of a value's length, looked up in a set): linear in the size of the
    result, where remove_values is (strings x values).

    A string that holds none is kept; the value itself becomes ``VALUE_SPECIFIED_IN_NO_LOG_PARAMETER``;
    one that holds values is passed to remove_values with those (and any holding a ``*``), which masks
    it exactly as with all of them (``********`` for each). A number whose text holds a value becomes
    ``VALUE_SPECIFIED_IN_NO_LOG_PARAMETER``; booleans and None are answered as remove_values answers
    them, once each; what is not plain JSON data is passed to remove_values with every value.
    """

    def __init__(self, no_log_values):
        self.values = no_log_values
        self.exact = set()
        self.starred = set()
        self.by_length = {}
        for value in no_log_values:
            value = to_native(value, errors="surrogate_or_strict")
            self.exact.add(value)
            if "*" in value:
                self.starred.add(value)
            self.by_length.setdefault(len(value), set()).add(value)
        self.lengths = sorted(self.by_length)
        # the values passed on keep their order among all (remove_values replaces them in the order given,
        # or longest first with ties as given, by ansible-core version): the same replacements
        self.rank = {}
        for value in no_log_values:
            self.rank.setdefault(to_native(value, errors="surrogate_or_strict"), len(self.rank))
        self.constants = {}

    def held(self, text):
        """The values that occur in ``text``, and those holding a ``*`` (a mask put in for another could
        make one occur): all that remove_values' replacements could touch."""
        found = set()
        size = len(text)
        for length in self.lengths:
            if length > size:
                break
            values = self.by_length[length]
            for start in range(size - length + 1):
                if text[start:start + length] in values:
                    found.add(text[start:start + length])
        return found | self.starred if found else found

    def mask(self, value):
        if isinstance(value, dict):
            return dict((key, self.mask(item)) for key, item in value.items())
        if isinstance(value, list):
            return [self.mask(item) for item in value]
        if value is None or isinstance(value, bool):
            # as remove_values answers them (ansible-core 2.18 masks a boolean whose text holds a value)
            if value not in self.constants:
                self.constants[value] = remove_values(value, self.values)
            return self.constants[value]
        if isinstance(value, str):
            if value in self.exact:
                return "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"  # as remove_values answers a value itself
            found = self.held(value)
            return remove_values(value, sorted(found, key=self.rank.get)) if found else value
        if isinstance(value, (int, float)):
            # remove_values hides a number whose text is, or holds, a value
            return "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" if self.held(to_native(value)) else value
        return remove_values(value, self.values)


def inject_invocation(task_vars):
    """Whether a module adds ``invocation`` to its result: always up to ansible-core 2.20; from 2.21 on,
    only when the ``INJECT_INVOCATION`` setting says so (what ``_execute_module`` passes the module)."""
    if "inject_invocation" not in PASS_VARS:
        return True
    return bool(C.config.get_config_value("INJECT_INVOCATION", variables=task_vars))


def encode_args(args):
    """The task's arguments as the module process receives them (plain JSON types)."""
    if get_module_encoder is not None:
        text = json.dumps(args, cls=get_module_encoder(PROFILE, Direction.CONTROLLER_TO_MODULE))
        return json.loads(text, cls=get_module_decoder(PROFILE, Direction.CONTROLLER_TO_MODULE))
    return json.loads(jsonify(args))


def encode_result(result):
    """The module's JSON output for ``result``."""
    if get_module_encoder is not None:
        return json.dumps(result, cls=get_module_encoder(PROFILE, Direction.MODULE_TO_CONTROLLER))
    return jsonify(result)


class ResourceAction(ActionBase):
    """The ``ActionModule`` of ``plugins/action/resource.py``, the action plugin of every module."""

    _supports_check_mode = True
    _supports_async = True

    def run(self, tmp=None, task_vars=None):
        result = super(ResourceAction, self).run(tmp, task_vars)
        del tmp
        task_vars = task_vars or {}
        module_fqcn = self._module_fqcn()
        reason = self._module_path_reason(module_fqcn, task_vars)
        if reason is None:
            display.vvv("%s: fast path: running %s in the worker process (local connection)" % (
                COLLECTION, module_fqcn), host=self._play_context.remote_addr)
            return merge_hash(result, self._run_here(task_vars))
        display.vvv("%s: module path: running %s as a module process: %s" % (COLLECTION, module_fqcn, reason),
                    host=self._play_context.remote_addr)
        wrap_async = self._task.async_val and not self._connection.has_native_async
        result = merge_hash(result, self._execute_module(task_vars=task_vars, wrap_async=wrap_async))
        if not wrap_async:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return result

    def _module_fqcn(self):
        """The FQCN of the module the task names (short name, ``collections:`` keyword and redirects resolved).

        Asked of the module loader as ansible-core does before it picks the action: the task's own
        ``resolved_action`` names this action plugin on some ansible-core versions (2.18).
        """
        context = self._shared_loader_obj.module_loader.find_plugin_with_context(
            self._task.action, collection_list=self._task.collections, ignore_deprecated=True)
        return context.resolved_fqcn if context.resolved else self._task.action

    def _module_path_reason(self, module_fqcn, task_vars):
        task_value = task_vars.get(FAST_PATH_VAR)
        if task_value is not None:
            task_value = self._templar.template(task_value)
        try:
            setting = fast_path_setting(task_value, os.environ)
        except (TypeError, ValueError) as exc:
            return "the fast path setting is not a boolean (%s)" % exc
        resource = resource_class(module_fqcn)
        transport = getattr(self._connection, "transport", None) or self._play_context.connection
        missing = missing_library(resource) if resource is not None else None
        self._resource = resource
        return module_path_reason(resource, setting, transport, self._play_context.become,
                                  self._task.async_val, missing)

    def _run_here(self, task_vars):
        overlay = {}
        self._compute_environment_string(raw_environment_out=overlay)
        run = ModuleRun(self._resource, self._task.action, verbosity=display.verbosity,
                        inject_invocation=inject_invocation(task_vars))
        with environment(overlay):
            module_result, failed = run.run(encode_args(self._task.args), bool(self._task.check_mode),
                                            bool(self._task.diff))
        # What _execute_module does with a module's output: parse it, remove internal keys.
        res = dict(stdout=encode_result(module_result), stderr="", rc=1 if failed else 0)
        if "profile" in inspect.signature(self._parse_returned_data).parameters:
            data = self._parse_returned_data(res, PROFILE)
        else:  # ansible-core 2.18: no serialization profile
            data = self._parse_returned_data(res)
        if remove_internal_keys is None:  # ansible-core 2.21+: as _execute_module finishes it
            data.remove_internal_keys()
            return data.as_result_dict(for_round_trip=True)
        remove_internal_keys(data)
        return data
