# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The resource engine: one read, one comparison, one plan, one apply loop, one result.

A resource (see ``Resource``) is a description: how its entries are validated and keyed, how
the current state is read, which fields it has and how each compares, and which writes create,
update or remove one object. The engine does the rest the same way for every resource:

- ``plan()`` is pure: validated entries and the current state in, a ``Plan`` (an ordered list of
  ``Write`` records) and the before/after objects out. It needs neither a server nor AnsibleModule,
  so planning is unit-tested on plain dicts.
- ``apply()`` runs a plan's writes in order, none in check mode, and on a failure says which
  writes were applied before it.
- Concurrent writers: every write is applied under its object's lock (``object_lock``, named by
  ``lock_name``: the server and the object the write names, whichever call it uses), so the tasks
  running on one machine never interleave their writes to one object. A write that resends a whole
  object carries a ``Refresh`` (it is rebuilt from a read made right before it, under the same
  lock, only the task's changes applied, and the object is read back after it); a create whose
  answer says the object exists already (``Resource.exists_error``) becomes a read of that object
  and the update that reconciles it (``reconcile()``); a removal that fails because another writer
  removed the object first (``Resource.removed_meanwhile``, a fresh read) is done, not a failure.
- ``run()`` is the runner a module (or a controller-side action) calls:
  ``run(resource, client, check_mode, diff_mode) -> result dict``; it raises the collection's
  errors and never touches AnsibleModule.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import errno
import hashlib
import os
from collections import namedtuple
from contextlib import contextmanager

from ansible.module_utils.common.dict_transformations import dict_merge

try:
    import fcntl
except ImportError:  # not on POSIX: writes that resend a whole object are not serialized
    fcntl = None

from ansible_collections.mailops.smartermail.plugins.module_utils._transport.errors import SmarterMailError
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import domain_key, params_control_errors

HIDDEN = "********"
CHANGED_SECRET = "******** (changed)"

# The phases of a plan, in the order their writes are applied unless a resource says otherwise.
PHASES = ("create", "update", "link", "remove")


class InputError(Exception):
    """Bad input found before any call to the server."""

    def __init__(self, errors):
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        super(InputError, self).__init__("invalid input: " + "; ".join(self.errors))


class PlanError(Exception):
    """The state read makes the task impossible (found before any write)."""


class NotServedNow(PlanError):
    """What was read asks for something the task's API cannot do (found before any write): under
    ``api: auto`` the task runs again over the other API."""


class ApplyError(Exception):
    """A write failed; ``applied`` lists the descriptions of the writes made before it."""

    def __init__(self, error, applied):
        super(ApplyError, self).__init__(str(error))
        self.error = error
        self.applied = list(applied)


# ---------------------------------------------------------------------------------- comparison
def to_bool(value):
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    return ("%s" % value).strip().lower() in ("true", "1", "yes", "on")


def normalize_address(value):
    """E-mail addresses and host names compare without case and surrounding blanks."""
    return ("%s" % (value if value is not None else "")).strip().lower()


def as_set(values, normalize=normalize_address):
    return frozenset(key for key in (normalize(v) for v in (values or [])) if key)


def setting_text(value):
    """A key=value setting as the server writes it (booleans as True/False)."""
    if isinstance(value, bool):
        return "True" if value else "False"
    return "%s" % (value if value is not None else "",)


def _number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _same_text(current, desired):
    cur, des = setting_text(current), setting_text(desired)
    if cur.lower() in ("true", "false") or des.lower() in ("true", "false"):
        return cur.lower() == des.lower()
    return cur == des


BOOL_WORDS = {"true": True, "yes": True, "on": True, "1": True, "false": False, "no": False, "off": False, "0": False}


def _integer(text):
    try:
        return int(text)
    except ValueError:
        return None


def same_setting(current, desired):
    """A ``key=value`` setting compared as the server stores it.

    The server trims values, stores numbers as numbers and booleans as booleans: ``"0500"`` is
    500, and ``"yes"``, ``"on"``, ``"1"`` and ``true`` are all ``True``. Texts compare exactly.
    """
    cur, des = setting_text(current).strip(), setting_text(desired).strip()
    if cur == des:
        return True
    if _integer(cur) is not None and _integer(des) is not None:
        return _integer(cur) == _integer(des)
    if cur.lower() in BOOL_WORDS and des.lower() in BOOL_WORDS:
        return BOOL_WORDS[cur.lower()] == BOOL_WORDS[des.lower()]
    return False


def typed_setting(text, like):
    """A setting read as text, typed like the value the user wrote when that is unambiguous.

    ``like`` a boolean and ``text`` a boolean word: a boolean; ``like`` an integer and ``text`` an
    integer: an integer; otherwise the text as read.
    """
    text = setting_text(text)
    word = text.strip().lower()
    if isinstance(like, bool):
        return BOOL_WORDS.get(word, text)
    if isinstance(like, int) and _integer(word) is not None:
        return _integer(word)
    if isinstance(like, float) and _number(word) is not None:
        return _number(word)
    return text


def _same_number(current, desired):
    cur, des = _number(current), _number(desired)
    return cur is not None and cur == des


# rule -> equality of a current and a desired value (the desired value is never None here)
RULES = {
    "exact": lambda c, d: (c if c is not None else "") == d if isinstance(d, str) else c == d,
    "caseless": lambda c, d: normalize_address(c) == normalize_address(d),
    "set": lambda c, d: as_set(c) == as_set(d),
    "number": _same_number,
    "bool": lambda c, d: to_bool(c) == to_bool(d),
    "text": _same_text,
    "setting": same_setting,
    "secret": lambda c, d: c == d,
}


class Field(namedtuple("Field", "option wire rule secret read_only")):
    """One field of a resource: its option name, its wire name, how it compares.

    ``rule`` is a key of ``RULES``; a ``secret`` field is compared but its value is never shown;
    a ``read_only`` field is read and shown but never written.
    """

    def __new__(cls, option, wire=None, rule="exact", secret=False, read_only=False):
        if rule not in RULES:
            raise ValueError("unknown comparison rule %r" % rule)
        return super(Field, cls).__new__(cls, option, wire, rule, secret, read_only)


def same(rule, current, desired):
    """Whether ``current`` already is ``desired`` under ``rule``; None desired is not managed."""
    return desired is None or RULES[rule](current, desired)


def changed_fields(fields, current, desired):
    """Options of ``fields`` whose desired value (not None) differs from the current one."""
    current = current or {}
    return [f.option for f in fields
            if not f.read_only and not same(f.rule, current.get(f.option), desired.get(f.option))]


def apply_fields(fields, current, values):
    """``current`` with the managed ``values`` that differ from it under each field's rule.

    A value that compares equal keeps the server's spelling, so an unchanged object shows what
    was read, not what was asked.
    """
    result = dict(current or {})
    for field in fields:
        value = values.get(field.option)
        if not field.read_only and not same(field.rule, result.get(field.option), value):
            result[field.option] = value
    return result


def changed_settings(current, desired):
    """Keys of a free-form ``key=value`` settings dict whose desired value (not None) differs."""
    current = current or {}
    return sorted(k for k, v in desired.items() if v is not None and not same_setting(current.get(k), v))


def without_none(values):
    """``values`` without the keys whose value is None, at every level (None = not managed)."""
    return dict((k, without_none(v) if isinstance(v, dict) else v) for k, v in values.items() if v is not None)


def merge(current, desired):
    """``current`` updated with every value of ``desired`` that is not None (a new dict)."""
    return dict_merge(current or {}, without_none(desired))


def from_wire(struct, table):
    """A struct read from the server -> {option: value} for ``table`` rows (option, wire name, kind).

    Text kinds read None as ""; ``bool`` reads the server's booleans as bool; other kinds as read.
    """
    struct = struct or {}
    out = {}
    for option, wire, kind in table:
        value = struct.get(wire)
        if kind == "str":
            value = value if value is not None else ""
        elif kind == "bool":
            value = to_bool(value)
        out[option] = value
    return out


def parse_settings(values):
    """``["key=value", ...]`` as the server returns it -> {lower-case key: value text}."""
    result = {}
    for item in values or []:
        key, sep, value = ("%s" % item).partition("=")
        if sep:
            result[key.strip().lower()] = value
    return result


def settings_list(settings, keys=None):
    """{key: value} -> ``["key=value", ...]`` as the server takes it, for ``keys`` (default: all)."""
    return ["%s=%s" % (k, setting_text(settings[k])) for k in sorted(keys if keys is not None else settings)]


# ---------------------------------------------------------------------------------- the plan
class Refresh(namedtuple("Refresh", "read changed target")):
    """The step a write that resends a whole object runs right before it is sent.

    Some calls have no partial form (``UpdateDomain``, ``UpdateUser2``, ``EditRBL``, the anti-spam
    ``Set*Settings``): every field goes, so a value read at the start of the task would undo what
    another writer changed since. ``read(client)`` reads the object again and returns it shaped
    like the write's parameters (nested the same way; ``{}`` when the object is gone: the write
    then goes as planned and the server answers). ``changed`` names the parameters the task
    changes, as keys or key paths (tuples) into the parameters: those keep their planned value,
    every other one is rebuilt from the fresh read. ``target`` names the object on its server
    (default: the write's own ``target``, else its key), for the lock (``lock_name``).
    """

    def __new__(cls, read, changed=(), target=None):
        return super(Refresh, cls).__new__(cls, read, tuple(changed), target)


# where the locks of ``object_lock`` live (a fixed set of empty files, private to the user)
LOCK_DIR = os.path.join("~", ".ansible", "mailops_smartermail_locks")
# an object's lock is one of this many files, chosen by a hash of its name: two objects sharing one
# only take turns for a write; the files are kept, so taking a lock creates and removes nothing
LOCK_FILES = 4096

# the lock directory as checked in this process: {expanded path: path, or None when unsafe}
_checked_directories = {}


def _lock_directory():
    """The lock directory, created private; None when it cannot be used safely (then no lock).

    Checked once per process (a task): the check costs more than the lock itself.
    """
    path = os.path.expanduser(LOCK_DIR)
    if path in _checked_directories:
        return _checked_directories[path]
    result = path
    try:
        os.makedirs(path, 0o700)
    except OSError as exc:
        if exc.errno != errno.EEXIST:
            result = None
    try:
        info = os.lstat(path)
    except OSError:
        info, result = None, None
    unsafe = info is not None and (not os.path.isdir(path) or os.path.islink(path) or info.st_uid != os.getuid())
    if unsafe or (info is not None and info.st_mode & 0o077):
        result = None
    _checked_directories[path] = result
    return result


def lock_file_name(name):
    """The file (in the lock directory) that holds the lock of ``name``."""
    return "%04d.lock" % (int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:8], 16) % LOCK_FILES)


def _open_lock(name):
    """The open lock file of ``name``, or None when no lock can be taken safely."""
    for attempt in (1, 2):
        directory = _lock_directory() if fcntl is not None else None
        if directory is None:
            return None
        try:
            return os.open(os.path.join(directory, lock_file_name(name)),
                           os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except OSError as exc:
            if exc.errno != errno.ENOENT or attempt == 2:
                raise
            _checked_directories.pop(os.path.expanduser(LOCK_DIR), None)  # removed meanwhile: check again


@contextmanager
def object_lock(name):
    """An exclusive lock on ``name`` among the tasks running on this machine, around one write.

    A file lock (``flock``), so it holds between the processes of one machine: the forks of
    ansible-playbook running the fast path and the module processes alike. Taken only around a
    write (with its ``Refresh`` read, when it has one), never around the task's first read, so a
    task that writes nothing never waits nor pays for it. Two tasks that write the same object
    from here never interleave a fresh read and a whole-object write with another write to that
    object, so neither undoes the other. Writers elsewhere (another controller, the web
    interface) are not covered. Without ``fcntl`` or a private lock directory, no lock is taken.
    A task holds one such lock at a time (never nested), so two objects sharing a file cannot
    deadlock.
    """
    handle = _open_lock(name)
    if handle is None:
        yield
        return
    try:
        # held for one write (and its fresh read), each bounded by the connection timeout
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # releases the lock


def write_target(write):
    """The object ``write`` changes, as its lock knows it.

    The write's own ``target``, else its ``Refresh``'s, else its service and key. A resource names
    the target when different calls change one object (a single add and a whole-list set of the
    same list) or when its key is not the object (an entry of a server-wide list): every write to
    one object must name the same target, whichever call it uses.
    """
    if write.target is not None:
        return write.target
    if write.refresh is not None and write.refresh.target is not None:
        return write.refresh.target
    return "%s|%s" % (write.service, write.key)


def lock_name(client, write):
    """What ``object_lock`` serializes for ``write``: its server and the object it changes."""
    return "%s|%s" % (getattr(client, "host", None) or getattr(client, "url", ""), write_target(write))


def _path(key):
    return key if isinstance(key, tuple) else (key,)


def _get(params, path):
    for part in path:
        if not isinstance(params, dict) or part not in params:
            return False, None
        params = params[part]
    return True, params


def _set(params, path, value):
    for part in path[:-1]:
        params = params.setdefault(part, {})
    params[path[-1]] = value


def fresh_read(client, service, operation, found, listed, **params):
    """The read of a ``Refresh`` by an operation whose failed answer may mean "no such object".

    Returns the answer when it holds the object (``found(answer)``), None when the object is gone.
    A failed answer is taken for "gone" only when ``listed(client)`` (a read that raises on any
    error, such as the list of the objects) no longer names the object; otherwise the object is
    read once more as a checked read, and a second failure fails the task before the write. A
    failed re-read never sends the write with the values of the task's first read.
    """
    answer = client.call_unchecked(service, operation, **params)
    if answer.get("Result") and found(answer):
        return answer
    if not listed(client):
        return None
    answer = client.call(service, operation, **params)  # raises on a failed answer
    if not found(answer):
        raise SmarterMailError("%s.%s answered without the object its list names: the fresh read before a "
                               "whole-object write failed, so the write was not sent" % (service, operation),
                               service=service, operation=operation)
    return answer


def refreshed(write, client):
    """``write`` with its parameters rebuilt from a fresh read, its changed ones as planned."""
    if write.refresh is None:
        return write
    params = dict_merge(write.params, write.refresh.read(client) or {})
    for key in write.refresh.changed:
        found, value = _get(write.params, _path(key))
        if found:
            _set(params, _path(key), value)
    return write._replace(params=params)


class Write(namedtuple("Write", "phase operation params description key service refresh target")):
    """One write of a plan: an operation and its parameters, the object it is about, a phase.

    ``service`` names the SOAP service (None for the Plesk client, whose ``operation`` is a
    method of the client). ``params`` may hold secrets: a plan is never returned as such, only
    its descriptions are. ``refresh`` (a ``Refresh``, or None) rebuilds the parameters from a
    fresh read right before the write is sent. ``target`` names the object the write changes on
    its server, for its lock (None: see ``write_target``).
    """

    def __new__(cls, phase, operation, params, description, key=None, service=None, refresh=None, target=None):
        return super(Write, cls).__new__(cls, phase, operation, params, description, key, service, refresh, target)


class Plan:
    """The ordered writes of one task."""

    def __init__(self, phases=PHASES):
        self.phases = tuple(phases)
        self._writes = []

    def add(self, phase, operation, description, params=None, key=None, service=None, refresh=None, target=None):
        if phase not in self.phases:
            raise ValueError("unknown phase %r (known: %s)" % (phase, ", ".join(self.phases)))
        self._writes.append(Write(phase, operation, dict(params or {}), description, key, service, refresh, target))

    @property
    def writes(self):
        """The writes in application order: by phase, then in the order they were added."""
        order = dict((phase, index) for index, phase in enumerate(self.phases))
        indexed = sorted(enumerate(self._writes), key=lambda item: (order[item[1].phase], item[0]))
        return [write for dummy, write in indexed]

    def descriptions(self):
        return [write.description for write in self.writes]

    def operations(self):
        """``service.operation`` of every write, in order (what tests compare)."""
        return ["%s.%s" % (w.service, w.operation) if w.service else w.operation for w in self.writes]

    def __len__(self):
        return len(self._writes)

    def __bool__(self):
        return bool(self._writes)

    __nonzero__ = __bool__


def apply(plan, execute, check_mode, recover=None):
    """Run the plan's writes with ``execute(write)``; none in check mode.

    When a write fails, ``recover(write, error)`` (if given) may return the writes that replace
    it and the writes of the same object and phase still to come (a create that found the object
    made by someone else becomes the update that reconciles it); None lets the failure stand.
    Returns the descriptions applied; raises ``ApplyError`` naming those applied before a failure.
    """
    applied = []
    if check_mode:
        return applied
    pending = list(plan.writes)
    while pending:
        write = pending.pop(0)
        try:
            execute(write)
        except Exception as exc:
            try:
                replacement = recover(write, exc) if recover is not None else None
            except Exception as again:
                raise ApplyError(again, applied)
            if replacement is None:
                raise ApplyError(exc, applied)
            pending = list(replacement) + [w for w in pending if (w.key, w.phase) != (write.key, write.phase)]
            continue
        applied.append(write.description)
    return applied


def soap_execute(client):
    """The executor of SOAP writes: ``client.write(service, operation, **params)`` (never retried
    unless it certainly never left)."""
    return lambda write: client.write(write.service, write.operation, **write.params)


def method_execute(client):
    """The executor of writes that are client methods (Plesk): ``client.<operation>(**params)``."""
    return lambda write: getattr(client, write.operation)(**write.params)


def diff(before, after, before_header=None, after_header=None):
    result = {"before": before if before is not None else {}, "after": after if after is not None else {}}
    if before_header:
        result["before_header"] = before_header
    if after_header:
        result["after_header"] = after_header
    return result


def secret_note(old, new, option, sent=None):
    """How a diff shows the secret ``option`` of an object: ``(before, after)``, None where it shows
    nothing, never the value. ``old`` is None for an object the task creates: ``********`` after; a
    changed value: ``********`` before and ``******** (changed)`` after. An unchanged value: None
    (nothing to show). A secret the server never returns is not compared: ``sent`` says whether the
    task writes it to the existing object."""
    if old is None:
        return None, HIDDEN
    if (new.get(option) != old.get(option)) if sent is None else sent:
        return HIDDEN, CHANGED_SECRET
    return None


def answered_exists(error):
    """Whether a failed call's answer (the server's own text) says its object already exists."""
    text = getattr(error, "server_message", None) or getattr(error, "errtext", None) or ""
    return "already exists" in ("%s" % text).lower()


API_NAMES = {"soap": "SOAP API", "json": "JSON API"}


def not_served_used(resource, option, cell, entries):
    """Whether the task uses ``option``, whose cell for its API is ``NotServed``: set to anything
    but its default at the top level or in an entry of the list form (or ``cell.when`` says so)."""
    if cell.when is not None:
        return bool(cell.when(resource, entries))
    spec = resource.argument_spec.argument_spec
    default = (spec.get(option) or {}).get("default")
    values = [resource.params.get(option)]
    if resource.list_option and resource.params.get(resource.list_option) is not None:
        values += [raw.get(option) for raw in resource.params[resource.list_option] or [] if isinstance(raw, dict)]
    return any(value is not None and value != default for value in values)


def refusal(resource, option, cell, entries):
    """The input error of an option the task's API does not serve."""
    other = "soap" if resource.api == "json" else "json"
    return "%s cannot be managed over the %s by %s: %s; use api: %s" % (
        cell.label or option, API_NAMES.get(resource.api, resource.api), resource.module or "this module", cell.why,
        other)


class Adapter:
    """One backend of a resource (SOAP, JSON): how it reads and writes, driven by the resource's
    table. The resource holds everything else (validation, desired state, comparison, result);
    adapters of one resource are siblings and never import each other."""

    api = None
    execute = staticmethod(soap_execute)
    # operations whose failure may mean the object exists already (see ``Resource.exists_error``)
    create_operations = ()

    def __init__(self, resource):
        self.resource = resource
        self.params = resource.params

    def read_all(self, client, entries):
        raise NotImplementedError

    def plan_create(self, plan, entry, desired):
        raise NotImplementedError

    def plan_update(self, plan, entry, current, desired, changed):
        raise NotImplementedError

    def plan_remove(self, plan, key, current):
        raise NotImplementedError

    def exists_error(self, write, error):
        return write.operation in self.create_operations and answered_exists(error)


# ---------------------------------------------------------------------------------- resources
class Resource:
    """A resource description; subclasses fill in what differs.

    Entries are dicts with at least ``key`` (normalized) and ``state``; the engine treats a
    resource's objects as a map of key -> object (a dict shaped like the module's options).
    """

    # result keys: one object (single mode) and the list (collection mode)
    item = "object"
    items = "objects"
    # the module's name in messages (refusals of options its API does not serve)
    module = None
    # the option that holds the entries of collection mode (None: single mode only)
    list_option = None
    fields = ()
    # options (dotted paths, list entries without index) whose text may hold line breaks
    multiline_options = ()
    # the option an object's key is shown under (None: the resource shapes its objects itself)
    key_option = "name"
    phases = PHASES
    # the names the collection summary uses: {outcome: result key}
    outcomes = (("created", "created"), ("updated", "updated"), ("removed", "removed"))
    execute = staticmethod(soap_execute)

    # the resource's table (``_engine.table``) and its backend adapters {api: Adapter class}:
    # a resource with adapters reads and plans through the one of the task's API
    table = None
    adapters = {}
    # why a resource without a JSON adapter has none (what the JSON API lacks): the message of a task
    # that needs the JSON API (``api: json``, or a server that serves only it)
    json_missing = "no known endpoint of the JSON API serves it"

    # the API the resource is used over (a JSON adapter subclass says ``json``)
    api = "soap"

    # the option that scopes the objects (a SmarterMail domain), when an entry of the list form may
    # name its own: an estate task (``_engine.estate``) then runs one resource per scope
    scope_option = None
    # the one normalization of a scope's name: a key, or None
    scope_key = staticmethod(domain_key)
    # each entry of the list form is the task of one object of its scope (``smartermail_domain``'s
    # ``domains``, ``smartermail_dkim``'s ``keys``), whose single-form result holds it under ``result_item``
    scope_is_key = False
    result_item = None

    def __init_subclass__(cls, **kwargs):
        # a resource with a table takes from it what it does not declare itself: the argument
        # spec, the comparison fields and the options of a list entry
        super().__init_subclass__(**kwargs)
        table = cls.__dict__.get("table")
        if table is None:
            return
        if "argument_spec" not in cls.__dict__:
            cls.argument_spec = table.argument_spec()
        if "fields" not in cls.__dict__:
            cls.fields = table.fields()
        if "entry_options" not in cls.__dict__ and table.list_option:
            cls.entry_options = table.entry_options()

    def __init__(self, params, api=None):
        self.params = params
        self.warnings = []
        self._keep = None
        self.api = api = api or self.__class__.api
        adapter = self.adapters.get(api)
        self.adapter = adapter(self) if adapter is not None else None
        if adapter is not None:
            self.execute = adapter.execute

    @classmethod
    def secret_values(cls, params):
        """Values of free-form options that are secrets (masked in every output like no_log)."""
        return []

    # -- input ----------------------------------------------------------------------------
    @property
    def collection(self):
        return self.list_option is not None and self.params.get(self.list_option) is not None

    # the options of one entry: the suboptions of ``list_option``, and top-level options in single mode
    entry_options = ("name", "state")

    def raw_entries(self):
        """The entries as the user wrote them: the list, or the top-level options as one entry."""
        if self.collection:
            return list(self.params[self.list_option])
        return [dict((option, self.params.get(option)) for option in self.entry_options)]

    def purging(self):
        """Whether objects not listed are removed (collection mode with ``purge``)."""
        return self.collection and bool(self.params.get("purge"))

    def normalize_key(self, value):
        """The one normalization of a name a read-only resource is asked for: a key, or None."""
        value = ("%s" % (value if value is not None else "")).strip().lower()
        return value or None

    def validate(self):
        """(entries, errors): every entry validated and keyed; no call to the server."""
        raise NotImplementedError

    # the ``keep`` text being validated when this instance only checks one (see ``keep_keys``)
    keep_probe = None

    def keep_entry(self, value):
        """The list form's entry that names the object a ``keep`` text names.

        ``keep_keys`` validates it with ``validate()``, as if it were listed with ``state: absent``:
        a family whose key is more than one option (an IP range, a rule's type and service) says
        here how its ``keep`` text spells them.
        """
        return {self.key_option or "name": value, "state": "absent"}

    def _listing(self, listed, keep_probe=None):
        """This resource with ``listed`` as its list, no purge and no ``keep`` (nothing is called)."""
        params = dict(self.params, purge=False, keep=[])
        params[self.list_option] = listed
        probe = self.__class__(params, api=self.api)
        probe.keep_probe = keep_probe
        return probe

    def keep_keys(self):
        """The ``keep`` entries as keys, and the errors of those that name no valid object.

        The engine's rule for every resource with a list form: a ``keep`` entry is validated and
        normalised by the same code as an entry of the list naming that object (``keep_entry``,
        then the resource's own ``validate()``). An entry the list would refuse is an input error,
        found before any call; it is never a key that matches nothing while a purge removes the rest.
        """
        if self._keep is not None:
            return self._keep
        values = list(self.params.get("keep") or [])
        keys, errors = set(), []
        if values and self.list_option is not None:
            dummy, common = self._listing([]).validate()
            for raw in values:
                entries, problems = self._listing([self.keep_entry(raw)], raw).validate()
                problems = [p for p in problems if p not in common]
                key = entries[0].get("key") if len(entries) == 1 and not problems else None
                if key is None:
                    prefix = "keep entry %r: " % (raw,)
                    errors.append("keep entry %r cannot match any %s: %s" % (raw, self.item, "; ".join(
                        p[len(prefix):] if p.startswith(prefix) else p for p in problems) or "it names none"))
                else:
                    keys.add(key)
        self._keep = (keys, errors)
        return self._keep

    def _adapted(self, name):
        if self.adapter is None:
            raise NotImplementedError("%s has no %s adapter for %s" % (self.__class__.__name__, self.api, name))
        return getattr(self.adapter, name)

    def refusals(self, entries):
        """The input errors of options the task's API does not serve (the table's ``NotServed`` cells)."""
        if self.table is None:
            return []
        return [refusal(self, option, cell, entries) for option, cell in self.table.refusals(self.api)
                if not_served_used(self, option, cell, entries)]

    # -- reading --------------------------------------------------------------------------
    def read_all(self, client, entries):
        """Every object as {key: object}, with the fewest calls."""
        return self._adapted('read_all')(client, entries)

    def read_one(self, client, entry):
        """One object or None; by default taken from ``read_all``."""
        return self.read_all(client, [entry]).get(entry["key"])

    # Whether the list form returns every object of the server (or domain), not only those listed:
    # then an empty list without purge (an empty inventory variable) still reads them, to show them.
    lists_every_object = False

    def read(self, client, entries):
        if self.collection and not entries and not self.purging() and not self.lists_every_object:
            # An empty list manages nothing and returns only what it names: nothing to read.
            return {}
        if self.collection or len(entries) != 1:
            return self.read_all(client, entries)
        entry = entries[0]
        current = {}
        for key in (entry["key"], entry.get("rename_from")):
            if key and key not in current:
                obj = self.read_one(client, dict(entry, key=key))
                if obj is not None:
                    current[key] = obj
        return current

    # -- planning -------------------------------------------------------------------------
    def desired(self, entry, current):
        """The object after the task: ``current`` (or {} to create) with the managed values."""
        obj = apply_fields(self.fields, current, entry)
        if self.key_option:
            obj[self.key_option] = entry["key"]
        return obj

    def create_errors(self, entry, desired):
        """Why ``entry`` cannot be created (before any write)."""
        return []

    def changes(self, entry, current, desired):
        """The managed options that differ."""
        values = dict((f.option, entry.get(f.option)) for f in self.fields)
        return changed_fields(self.fields, current, values)

    def plan_create(self, plan, entry, desired):
        return self._adapted('plan_create')(plan, entry, desired)

    def plan_update(self, plan, entry, current, desired, changed):
        return self._adapted('plan_update')(plan, entry, current, desired, changed)

    def plan_remove(self, plan, key, current):
        return self._adapted('plan_remove')(plan, key, current)

    def protected(self, key, current, context):
        """Why ``key`` must not be deleted (None: it can be): a purge skips it with a warning, an
        entry with ``state: absent`` naming it fails before any write."""
        return None

    def own_key(self):
        """The key of the object the task's connection logs in as, or None (none of this resource).

        The engine never deletes it: a user who wants it gone logs in as another account.
        """
        return None

    def why_kept(self, key, current, context):
        """Why the engine must not delete ``key``: ``protected``, or the task's own login."""
        reason = self.protected(key, current, context)
        if not reason and key is not None and key == self.own_key():
            reason = "it is the account this task logs in with (log in as another administrator to remove it)"
        return reason

    def plan_links(self, plan, entries, before, after, context):
        """Writes that tie objects together (a catch-all, a primary admin); may edit ``after``."""

    def read_links(self, client, entries, current):
        """Extra state the links need, read once (a catch-all), as a context dict."""
        return {}

    def renamed(self, entry, current):
        """The key of the object ``entry`` renames, when it renames one."""
        source = entry.get("rename_from")
        if source and entry["key"] not in current and source in current:
            return source
        return None

    def read_back(self, client, outcome):
        """After writes: replace planned values in ``outcome.after`` with what the server holds.

        By default the objects a whole-object write resent (``outcome.resent``, see ``Refresh``)
        are read again: their other fields came from a read made just before the write, so the
        result shows the server's values, not the ones planned from the task's first read.
        """
        entries = [self.read_back_entry(e, outcome) for e in outcome.entries
                   if e["key"] in outcome.resent and e["key"] in outcome.after]
        if entries:
            fresh = self.read(client, entries)
            for entry in entries:
                if entry["key"] in fresh:
                    outcome.after[entry["key"]] = fresh[entry["key"]]

    def read_back_entry(self, entry, outcome):
        """The entry an object is read back with (a resource may ask for more than it managed)."""
        return entry

    # the create operations whose "already exists" answer means another writer made the object
    create_operations = ()

    def exists_error(self, write, error):
        """Whether ``error``, the answer to ``write``, says the object it creates exists already.

        The engine then reads the object again and reconciles it (an update, or nothing) instead
        of failing: a concurrent task created it between this task's read and its create.
        """
        if self.adapter is not None:
            return self.adapter.exists_error(write, error)
        return write.operation in self.create_operations and answered_exists(error)

    def removed_meanwhile(self, client, write):
        """Whether the object a failed removal ``write`` names is gone now (read again).

        The engine then takes the removal as done by another writer instead of failing: two tasks
        purging the same object both read it, and the second removal finds nothing to remove. By
        default the failure stands.
        """
        return False

    # -- output ---------------------------------------------------------------------------
    def shape(self, key, obj, context):
        """An object as returned: shaped like the module's options, secrets hidden."""
        out = dict(obj)
        for field in self.fields:
            if field.secret:
                out.pop(field.option, None)
        return out

    def sort_key(self, key):
        return key

    def result(self, outcome):
        """The module's result keys for ``outcome`` (single or collection)."""
        before, after, context = outcome.before, outcome.after, outcome.context
        if not self.collection:
            entry = outcome.entries[0]
            key = entry["key"]
            source = outcome.renames.get(key)
            old = before.get(source or key)
            b = self.shape(source or key, old, context) if old is not None else {}
            a = self.shape(key, after[key], context) if key in after else {}
            return {self.item: a, "diff": diff(b, a)}
        keys = sorted(after, key=self.sort_key)
        result = {self.items: [self.shape(k, after[k], context) for k in keys]}
        for outcome_name, result_key in self.outcomes:
            result[result_key] = list(outcome.summary.get(outcome_name, []))
        result["diff"] = diff(
            {self.items: dict((k, self.shape(k, before[k], context)) for k in sorted(before, key=self.sort_key))},
            {self.items: dict((k, self.shape(k, after[k], context)) for k in keys)})
        return result


class InfoResource(Resource):
    """A read-only resource (an ``_info`` module): validate, then ``report`` what was read.

    Its objects are shaped like the options of the module they belong to, so that they feed
    back into it unchanged.
    """

    info = True

    def report(self, client, entries):
        """The result keys (without ``changed``) from what was read."""
        raise NotImplementedError


class Outcome:
    """What planning decided: the plan, before/after maps, and the per-object summary."""

    def __init__(self, entries, before, context, phases):
        self.entries = entries
        self.before = before
        self.after = dict(before)
        self.context = context
        self.plan = Plan(phases)
        self.summary = {}
        self.renames = {}
        self.warnings = []
        # key -> the object planned for it, before links added to it (see ``reconcile``)
        self.planned = {}
        # keys of the objects a whole-object write resent after a fresh read (see ``Refresh``)
        self.resent = set()
        # keys of the objects a create found made by another writer, reconciled instead
        self.reconciled = []

    def note(self, outcome, key):
        self.summary.setdefault(outcome, []).append(key)


def plan(resource, entries, current, context=None):
    """Pure planning: entries and the current state in, an ``Outcome`` out.

    Raises ``PlanError`` (before any write) when an object cannot be created or renamed.
    """
    context = context or {}
    out = Outcome(entries, current, context, resource.phases)
    listed = set()
    errors = []
    for entry in entries:
        key = entry["key"]
        listed.add(key)
        if entry.get("state", "present") == "absent":
            if key in current:
                reason = resource.why_kept(key, current[key], context)
                if reason:
                    errors.append("cannot remove %s %s: %s" % (resource.item, key, reason))
                    continue
                resource.plan_remove(out.plan, key, current[key])
                out.after.pop(key, None)
                out.note("removed", key)
            continue
        source = resource.renamed(entry, current)
        if source is not None:
            listed.add(source)
            out.renames[key] = source
        existing = current.get(source or key)
        if key in current and entry.get("rename_from") and entry["rename_from"] != key \
                and entry["rename_from"] in current:
            errors.append("cannot rename %s %s to %s: both exist" % (resource.item, entry["rename_from"], key))
            continue
        desired = resource.desired(entry, existing)
        if existing is None:
            problems = resource.create_errors(entry, desired)
            if problems:
                errors.extend(problems)
                continue
            resource.plan_create(out.plan, entry, desired)
            out.note("created", key)
        else:
            changed = resource.changes(entry, existing, desired)
            if source is not None:
                changed = ["name"] + [c for c in changed if c != "name"]
            if changed:
                resource.plan_update(out.plan, entry, existing, desired, changed)
                out.note("renamed" if source is not None else "updated", key)
            if source is not None:
                out.after.pop(source, None)
        out.after[key] = desired
        out.planned[key] = desired
    if errors:
        raise PlanError("; ".join(errors))
    if resource.purging():
        keep, dummy = resource.keep_keys()
        for key in sorted(current, key=resource.sort_key):
            if key in listed or key in keep or key not in out.after:
                continue
            reason = resource.why_kept(key, current[key], context)
            if reason:
                out.warnings.append("not removing %s %s: %s" % (resource.item, key, reason))
                continue
            resource.plan_remove(out.plan, key, current[key])
            out.after.pop(key, None)
            out.note("removed", key)
    resource.plan_links(out.plan, entries, current, out.after, context)
    return out


def reconcile(resource, outcome, entry, fresh):
    """A create found ``entry``'s object made by another writer: plan it again against ``fresh``.

    ``fresh`` (read just now) becomes the object's state before the task, the writes returned
    are the update that brings it to the entry (none when it already matches), and the summary
    says updated (or nothing) instead of created. What links added to the planned object (a
    catch-all flag) stays.
    """
    key = entry["key"]
    outcome.before[key] = fresh
    desired = resource.desired(entry, fresh)
    changed = resource.changes(entry, fresh, desired)
    writes = Plan(resource.phases)
    if changed:
        resource.plan_update(writes, entry, fresh, desired, changed)
    planned, after = outcome.planned.get(key) or {}, outcome.after.get(key) or {}
    linked = dict((k, v) for k, v in after.items() if k not in planned)
    outcome.after[key] = dict(desired, **linked)
    outcome.planned[key] = desired
    created = outcome.summary.get("created") or []
    if key in created:
        created.remove(key)
        if not created:
            outcome.summary.pop("created")
    if changed:
        outcome.note("updated", key)
    outcome.reconciled.append(key)
    return writes.writes


def rename_errors(resource, entries):
    """Entries that contradict each other: a rename from an object also listed by name (asked present
    or absent while it is renamed away), or two renames from one object."""
    errors, sources = [], {}
    listed = set(e.get("key") for e in entries if e.get("key"))
    for entry in entries:
        key, source = entry.get("key"), entry.get("rename_from")
        if not key or not source or source == key or entry.get("state", "present") == "absent":
            continue
        if source in listed:
            errors.append("%s %s: rename_from %s is also listed by name (one entry per object)"
                          % (resource.item, key, source))
        elif source in sources:
            errors.append("%s %s and %s both rename %s" % (resource.item, sources[source], key, source))
        sources.setdefault(source, key)
    return errors


def validate(resource):
    """Entries of a task, or ``InputError`` with every problem found (no call made)."""
    entries, errors = resource.validate()
    errors = list(errors) + resource.refusals(entries)
    errors = params_control_errors(resource.params, multiline=resource.multiline_options) + list(errors)
    errors += rename_errors(resource, entries)
    if resource.collection:
        dummy, keep_errors = resource.keep_keys()
        errors = list(errors) + keep_errors
    if errors:
        unique = []
        for error in errors:
            if error not in unique:
                unique.append(error)
        raise InputError(unique)
    return entries


def missing_references(resource, messages):
    """Objects a task refers to that the server does not hold: an error before any write, but in
    check mode a warning (an earlier task of the same check run may be the one that creates them)."""
    if not messages:
        return
    if getattr(resource, "check_mode", False):
        resource.warnings.extend("%s (in check mode; a real run fails unless an earlier task creates it)" % m
                                 for m in messages)
        return
    raise PlanError("; ".join(messages))


def run(resource, client, check_mode=False, diff_mode=False, entries=None):
    """The runner: validate, read, plan, apply, report. Raises the collection's errors.

    ``ApplyError`` carries the writes applied before a failed one; every other error is raised
    before any write.
    """
    resource.check_mode = check_mode
    if entries is None:
        entries = validate(resource)
    if getattr(resource, "info", False):
        result = resource.report(client, entries)
        result["changed"] = False
        if resource.warnings:
            result["warnings"] = list(resource.warnings)
        return result
    outcome = prepare(resource, client, entries, check_mode)
    return finish(resource, client, outcome, check_mode, diff_mode)


def prepare(resource, client, entries, check_mode=False):
    """Read and plan (no write): the ``Outcome`` that ``finish`` applies. Raises before any write."""
    resource.check_mode = check_mode
    current = resource.read(client, entries)
    context = resource.read_links(client, entries, current)
    return plan(resource, entries, current, context)


def finish(resource, client, outcome, check_mode=False, diff_mode=False):
    """Apply ``outcome``'s plan (nothing in check mode), read back, report. ``ApplyError`` carries the
    writes applied before a failed one."""
    entries = outcome.entries
    execute = resource.execute(client)

    def send(write):
        # every write under its object's lock; a whole-object write's fresh read under it too
        with object_lock(lock_name(client, write)):
            execute(refreshed(write, client))
        if write.refresh is not None:
            outcome.resent.add(write.key)

    present = dict((e["key"], e) for e in entries if e.get("state", "present") != "absent")

    def recover(write, error):
        entry = present.get(write.key)
        if entry is None and write.phase == "remove" and resource.removed_meanwhile(client, write):
            return []  # another writer removed it first: nothing left to do
        if entry is None or not resource.exists_error(write, error):
            return None
        fresh = resource.read_one(client, entry)
        if fresh is None:
            return None
        return reconcile(resource, outcome, entry, fresh)

    applied = apply(outcome.plan, send, check_mode, recover)
    if applied:
        try:
            resource.read_back(client, outcome)
        except Exception as exc:  # the writes stand: the task reports them, never changed=false
            raise ApplyError(exc, applied)
    result = resource.result(outcome)
    if not diff_mode:
        result.pop("diff", None)
    # check mode reports what would be written; a real run what was (a reconciled create may write nothing)
    changes = outcome.plan.descriptions() if check_mode else applied
    result["changed"] = bool(changes)
    if changes:
        result["changes"] = changes
    warnings = resource.warnings + outcome.warnings
    if warnings:
        result["warnings"] = warnings
    return result
