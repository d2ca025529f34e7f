# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One resource for the small object families of svcServerAdmin: the security lists (senders,
IP lists, abuse rules) and the server's objects (hostnames, ports, gateways, administrators, ...).

A family is a table and a SOAP adapter beside a subclass of ``ListResource``:

- its ``ListTable`` of ``Row`` s (the option, its documentation, argument-spec type, comparison
  rule, value on create, input check and normalization, secret / write-only / read-only, and the
  SOAP parameter it is sent as) and top-level ``Option`` s (``entry=False``), then ``state``: the
  module's argument spec, its documented options and the comparison fields all come from it;
- from the table the resource also takes its list option (and result key), ``key_options`` (the
  options that name one object, ``key()`` joins their normalized values: the table's key unless
  the resource says otherwise) and ``ip_target`` (the object is named by an IP address or range:
  ``ip_address``, or ``ip_range_start`` and ``ip_range_end``; a CIDR ``ip_address`` stands for
  its range);
- its ``SoapList`` adapter: ``read_list(client)``, every object shaped like the options (by
  default ``read(client)``, the ``server.info`` reader); ``add(obj)``, ``update(current, desired,
  changed)``, ``remove(obj)``: the SOAP operation and its parameters. ``update`` returning None
  replaces the object (remove, then add, in one step); ``remove`` returning None means the server
  cannot delete it (found before any write). A family whose calls send the table's SOAP columns
  names its operations only (``soap_calls``).

The engine does the rest: single object or whole list (``purge`` false by default, ``keep``),
check mode, diff, idempotence. Removals are applied first, so a unique value a removal frees can
be taken by a replacement or a new object.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import ArgumentSpec, bulk_spec
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    Adapter,
    PlanError,
    Resource,
    apply_fields,
    same,
    secret_note,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    collect,
    control_error,
    domain_key,
    domain_name_error,
    email_error,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option, Table
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_adapter import (
    SYSADMIN,
    JsonAdapter,
    add_write,
)

SERVER = "svcServerAdmin"


class Row(Option):
    """One option of a family: a table row (``_engine.table.Option``) and what the family's
    validation and planning need.

    ``rule``: the engine's comparison rule (compared by default); ``created``: what the server
    stores when an object is added without it (a read-only row: what a new object shows until it
    is read back); ``check(value, what)``: an input check (an error
    text or None), run on the value as given; ``normalize(value)``: the one form compared, sent and
    shown. ``secret``: never shown (compared when the server returns it); ``write_only``: never read
    back, so never compared (sent on create; a write-only secret also on update when
    ``update_password=always``); ``read_only``: read and shown, ignored on input (so that the info
    module's output feeds back unchanged). The other arguments are ``Option`` s (``soap`` is the
    parameter the option is sent as).
    """

    def __init__(self, name, doc="", type="str", rule="exact", created=None, normalize=None, write_only=False,
                 **option):
        super(Row, self).__init__(name, doc, type=type, rule=rule, **option)
        self.created = created
        self.normalize = normalize
        self.write_only = write_only


def state_row(doc="Whether the object should exist."):
    """The ``state`` of an entry."""
    return Row("state", doc, rule=None, choices=["present", "absent"], default="present")


STATE = state_row()
# what the list form's documentation says after its first paragraph
LIST_DOC = [
    "Objects not listed are left alone unless O(purge) is set; an empty list manages nothing (with O(purge) it "
    "removes every object not in O(keep)).",
    "Mutually exclusive with the options of the single form.",
]
DESCRIPTION = Row("description", "A description for display (empty when added without it).", created="",
                  soap="description")
ID_DOC = ("Read only - the server's identifier, ignored on input (so that the output of "
          "M(mailops.smartermail.smartermail_info) feeds back unchanged).")


def id_row(name="guid", soap=None, created=None):
    """The server's identifier of an object: read and shown, ignored on input."""
    return Row(name, ID_DOC, read_only=True, created=created, soap=soap)


def entry_spec(rows, state=STATE):
    """The argument spec of one entry: ``rows`` and ``state`` (None: the entry has none)."""
    entry = {}
    for row in rows:
        option = row.spec()
        if not row.secret and row.type == "str" and ("pass" in row.name or "key" in row.name):
            option["no_log"] = False
        entry[row.name] = option
    if state is not None:
        entry["state"] = state.spec()
    return entry


def list_forms(rows, list_option, string_list=False, state=STATE, bulk=True):
    """The argument spec of a family: the entry's options at the top level (one object), or
    ``list_option`` holding entries (dicts, or the key values themselves with ``string_list``);
    ``purge`` and ``keep`` with ``bulk``."""
    entry = entry_spec(rows, state)
    top = dict(entry)
    if string_list:
        top[list_option] = dict(type="list", elements="str", no_log=False)
    else:
        top[list_option] = dict(type="list", elements="dict", options=entry)
    if "pass" in list_option:  # "bypasses" holds no secret (its entries' secrets have their own no_log)
        top[list_option]["no_log"] = False
    exclusive = [(list_option, name) for name in sorted(entry) if name != "state"]
    spec = ArgumentSpec(top, mutually_exclusive=exclusive)
    return spec.merge(bulk_spec()) if bulk else spec


class ListTable(Table):
    """The table of a family: its options (the entry's ``Row`` s; an ``Option`` with ``entry=False``
    stands at the top level only), then ``state`` (None: entries have none).

    The list form ``list_option`` holds entries as dicts, or as bare key values with
    ``string_list``; it is documented by ``list_doc``, by default "Many ``what`` in one task ..."
    and ``LIST_DOC``. ``key`` is the option that names an object (the first row by default);
    ``bulk`` false leaves out ``purge`` and ``keep``; ``rules`` are argument spec rules.
    """

    def __init__(self, options, list_option, what=None, string_list=False, key=None, state=STATE, list_doc=None,
                 bulk=True, **rules):
        options = tuple(options)
        self.rows = tuple(row for row in options if row.entry)
        self.state = state
        self.string_list = string_list
        if list_doc is None:
            list_doc = ["Many %s in one task, read with one call; only the differences are written." % what] + LIST_DOC
        super(ListTable, self).__init__(options + ((state,) if state is not None else ()), list_option=list_option,
                                        list_doc=list_doc, list_elements="str" if string_list else "dict",
                                        key=key or self.rows[0].name, bulk=bulk, **rules)

    def argument_spec(self):
        top = dict((o.name, o.spec()) for o in self.options if not o.entry)
        return list_forms(self.rows, self.list_option, self.string_list, self.state, self.bulk).merge(
            ArgumentSpec(top, **self.rules))

    def fields(self, names=None):
        """The comparison fields: the rows that are read back (not write-only)."""
        return tuple(row.field() for row in self.rows
                     if row.rule and not row.write_only and (names is None or row.name in names))

    def wire(self, obj, names=None):
        """{SOAP parameter: value} of ``obj``'s options ``names`` (by default every row with a SOAP
        column that is not read-only), as sent: a flag as a bool, a missing number as 0 and a
        missing text as empty."""
        if names is None:
            names = [row.name for row in self.rows if row.column("soap") and not row.read_only]
        out = {}
        for name in names:
            row, value = self.by_name[name], obj.get(name)
            if row.type == "bool":
                value = bool(value)
            elif value is None:
                value = 0 if row.type == "int" else ([] if row.type == "list" else "")
            out[row.column("soap")] = value
        return out


# ------------------------------------------------------------------------- shared checks
def text(value):
    return ("%s" % (value if value is not None else "")).strip()


def ip_text(value):
    """An IP address in its canonical form (the form the server answers); blank stays blank."""
    value = text(value)
    if not value:
        return ""
    try:
        return "%s" % ipaddress.ip_address(u"%s" % value)
    except ValueError:
        return value


def ip_check(value, what):
    value = text(value)
    if not value:
        return None
    error = control_error(value, what)
    if error:
        return error
    try:
        ipaddress.ip_address(u"%s" % value)
    except ValueError:
        return "%s %r is not a valid IPv4 or IPv6 address" % (what, value)
    return None


def ip_or_network_check(value, what):
    """An address or a CIDR network (``10.0.0.0/24``, stands for its first to last address)."""
    value = text(value)
    if "/" not in value:
        return ip_check(value, what)
    try:
        ipaddress.ip_network(u"%s" % value, strict=True)
    except ValueError as exc:
        return "%s %r is not a valid IP address or CIDR network (%s)" % (what, value, exc)
    return None


def range_errors(start, end, where):
    """Both ends of a range, same IP version, start not after end (ends already canonical)."""
    if not start and not end:
        return []
    if not start or not end:
        return ["%s: an IP range needs both ip_range_start and ip_range_end" % where]
    errors = collect([(ip_check, start, "%s: ip_range_start" % where), (ip_check, end, "%s: ip_range_end" % where)])
    if errors:
        return errors
    first, last = ipaddress.ip_address(u"%s" % start), ipaddress.ip_address(u"%s" % end)
    if first.version != last.version:
        return ["%s: the range %s-%s mixes IPv4 and IPv6" % (where, start, end)]
    if first > last:
        return ["%s: the range start %s is after its end %s" % (where, start, end)]
    return []


def host_check(value, what):
    return domain_name_error(text(value), what) if text(value) else "%s must be a non-empty string" % what


def sender_check(value, what):
    """An e-mail address or a domain name."""
    value = text(value)
    if "@" in value:
        return email_error(value, what)
    return domain_name_error(value, what)


def sender_key(value):
    value = text(value).lower()
    if "@" in value:
        local, dummy, domain = value.rpartition("@")
        return "%s@%s" % (local, domain_key(domain) or "")
    return domain_key(value) or ""


def int_check(low, high=2 ** 31 - 1):
    def check(value, what):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return "%s must be an integer from %d to %d, got %r" % (what, low, high, value)
        return None
    return check


def choice_normalize(choices):
    """The server's spelling of a choice written in any case."""
    def normalize(value):
        value = text(value)
        for choice in choices:
            if choice.lower() == value.lower():
                return choice
        return value
    return normalize


def missing_to_add(entry, names, what):
    """The error of an entry that lacks options ``names`` it needs to add ``what``."""
    missing = [name for name in names if entry.get(name) in (None, "")]
    if not missing:
        return []
    return ["%s %s required to add %s" % (", ".join(missing), "are" if len(missing) > 1 else "is", what)]


# ------------------------------------------------------------------------- IP targets
TARGET_OPTIONS = ("ip_address", "ip_range_start", "ip_range_end")
TARGET_REQUIRED = "ip_address or ip_range_start and ip_range_end"


def target_options(soap=("ipAddress", "ipRangeStart", "ipRangeEnd"), json=(None, None, None)):
    """``ip_address`` (an address, or a CIDR network standing for its range) or a range; ``soap``
    names the three on the wire, ``json`` gives their JSON API cells."""
    return (
        Row("ip_address", "One IP address (IPv4 or IPv6), or a CIDR network such as C(10.0.0.0/24), which stands for "
            "the range from its first to its last address. Give either this or O(ip_range_start) and O(ip_range_end).",
            check=ip_or_network_check, normalize=text, soap=soap[0], json=json[0]),
        Row("ip_range_start", "First address of an IP range (with O(ip_range_end)).", check=ip_check, normalize=ip_text,
            soap=soap[1], json=json[1]),
        Row("ip_range_end", "Last address of an IP range (with O(ip_range_start)).", check=ip_check, normalize=ip_text,
            soap=soap[2], json=json[2]),
    )


def expand_target(entry, where):
    """``entry`` with a CIDR ``ip_address`` as its range, and the errors of its target."""
    ip = entry.get("ip_address") or ""
    start, end = entry.get("ip_range_start") or "", entry.get("ip_range_end") or ""
    if ip and (start or end):
        return entry, ["%s: give ip_address or ip_range_start/ip_range_end, not both" % where]
    if "/" in ip:
        if ip_or_network_check(ip, "ip_address"):
            return entry, []  # reported by the option's check
        network = ipaddress.ip_network(u"%s" % ip, strict=True)
        if network.num_addresses == 1:
            return dict(entry, ip_address="%s" % network.network_address), []
        return dict(entry, ip_address="", ip_range_start="%s" % network.network_address,
                    ip_range_end="%s" % network.broadcast_address), []
    if ip:
        return dict(entry, ip_address=ip_text(ip), ip_range_start="", ip_range_end=""), []
    if not start and not end:
        return entry, ["%s: %s is required" % (where, TARGET_REQUIRED)]
    return dict(entry, ip_address=""), range_errors(start, end, where)


def target_key(obj):
    """The key of an IP target: the address, or ``start-end``."""
    ip = text(obj.get("ip_address"))
    if ip:
        return ip_text(ip).lower()
    return ("%s-%s" % (ip_text(obj.get("ip_range_start")), ip_text(obj.get("ip_range_end")))).lower()


def target_keep_entry(value):
    """A ``keep`` text as the entry naming an IP target: ``10.0.0.1``, ``10.0.0.1-10.0.0.9`` or
    ``10.0.0.0/24`` (validated and expanded by the family's own checks, like a listed entry)."""
    start, sep, end = text(value).partition("-")
    if sep:
        return {"ip_range_start": start, "ip_range_end": end, "state": "absent"}
    return {"ip_address": value, "state": "absent"}


def target_params(obj, names=("ipAddress", "ipRangeStart", "ipRangeEnd")):
    return dict(zip(names, (obj.get("ip_address") or "", obj.get("ip_range_start") or "",
                            obj.get("ip_range_end") or "")))


# ------------------------------------------------------------------------- the resource
class ListResource(Resource):
    """A family of svcServerAdmin objects: see the module docstring."""

    backend = "smartermail"
    service = SERVER
    key_options = ()
    key_option = None  # objects hold their key options themselves
    phases = ("remove", "update", "create")
    # what the key is called in messages (``ip_address``, ``name``, ...)
    key_label = None
    # a description of the key for the error when an entry has none
    key_required = None
    # the result key of one object (single form)
    single_key = "object"
    lists_every_object = True

    # the object is named by an IP target (``target_options``): an address, or ``start-end``
    ip_target = False

    def __init_subclass__(cls, **kwargs):
        # a family on a ``ListTable`` takes from it what it does not declare itself: its list
        # option (also the result key of the list), the option that names an object, and whether
        # that is an IP target (the table has ``ip_address`` and a range)
        super().__init_subclass__(**kwargs)
        table = cls.__dict__.get("table")
        if not isinstance(table, ListTable):
            return
        own = cls.__dict__
        if "list_option" not in own:
            cls.list_option = table.list_option
        if "items" not in own:
            cls.items = table.list_option
        if "key_options" not in own:
            cls.key_options = (table.key,)
        if "ip_target" not in own:
            cls.ip_target = table.key == "ip_address" and "ip_range_start" in table.by_name

    @property
    def rows(self):
        """The family's options: its table's rows."""
        return self.table.rows

    @property
    def bare_names(self):
        """Whether the list form is a list of bare key values."""
        return self.table.string_list

    @property
    def fields(self):
        return self.table.fields()

    @property
    def entry_options(self):
        return tuple(o.name for o in self.rows) + ("state",)

    # -- input ----------------------------------------------------------------------------
    def raw_entries(self):
        if self.collection and self.bare_names:
            return [{self.key_options[0]: value, "state": "present"} for value in self.params[self.list_option]]
        return super(ListResource, self).raw_entries()

    def key(self, obj):
        """The key of an object (or an entry): its key options' values, joined and lower-case (an IP
        target's address or ``start-end``)."""
        if self.ip_target:
            return target_key(obj) if obj.get("ip_address") or obj.get("ip_range_start") else None
        return "|".join(text(obj.get(name)).lower() for name in self.key_options) or None

    def keep_entry(self, value):
        """A ``keep`` text as the entry naming that object: the value of its one key option (an IP
        target's address, range or CIDR network)."""
        if self.ip_target:
            return target_keep_entry(value)
        if self.bare_names:
            return value
        return {self.key_options[0]: value, "state": "absent"}

    def label(self, obj):
        return self.key(obj)

    def entry_errors(self, entry, where):
        """Checks of one entry after normalization (beyond each option's own check)."""
        return []

    def object_errors(self, obj):
        """Why ``obj``, an object as the task would leave it, cannot be (checked before it is added
        or changed, before any write)."""
        return []

    def create_errors(self, entry, desired):
        return self.object_errors(desired)

    def prepare(self, entry, where):
        """A family's rewrite of a normalized entry (IP targets expand CIDR): (entry, errors)."""
        if self.ip_target:
            return expand_target(entry, where)
        return entry, []

    def validate(self):
        entries, errors, seen = [], [], set()
        for index, raw in enumerate(self.raw_entries()):
            if self.keep_probe is not None:
                where = "keep entry %r" % (self.keep_probe,)
            elif self.collection:
                where = "%s[%d]" % (self.list_option, index)
            else:
                where = self.item
            entry, checks = {"state": raw.get("state") or "present"}, []
            for opt in self.rows:
                value = raw.get(opt.name)
                if value is not None and opt.check is not None and not opt.read_only:
                    checks.append((opt.check, value, "%s: %s" % (where, opt.name)))
                if opt.read_only:
                    value = None
                elif value is not None and opt.normalize is not None:
                    value = opt.normalize(value)
                if value is not None and opt.choices and value not in opt.choices:
                    # the argument spec checks the choices of listed entries; a ``keep`` text is checked here
                    checks.append((lambda v, w, c=opt.choices: "%s must be one of %s, got %r" % (
                        w, ", ".join(repr(x) for x in c if x), v), value, "%s: %s" % (where, opt.name)))
                entry[opt.name] = value
            problems = collect(checks)
            entry, found = self.prepare(entry, where)
            problems += found
            if not found:
                problems += self.entry_errors(entry, where)
            errors.extend(problems)
            key = None if problems else self.key(entry)
            if not problems and not key:
                errors.append("%s: %s is required" % (where, self.key_required or (
                    TARGET_REQUIRED if self.ip_target else " and ".join(self.key_options))))
            if key and key in seen:
                errors.append("%s %s is listed more than once" % (self.item, self.label(entry)))
            seen.add(key)
            entry["key"] = key
            entries.append(entry)
        return entries, errors

    def read(self, client, entries):
        return self.read_all(client, entries)

    # -- planning -------------------------------------------------------------------------
    def defaults(self):
        return dict((o.name, o.created) for o in self.rows if o.created is not None and not o.write_only)

    def desired(self, entry, current):
        given = dict((o.name, entry[o.name]) for o in self.rows
                     if not o.read_only and not o.write_only and entry.get(o.name) is not None)
        base = current if current is not None else self.defaults()
        obj = apply_fields(self.fields, base, given)
        if current is None:
            for opt in self.rows:
                if not opt.read_only and not opt.write_only and opt.name not in obj:
                    obj[opt.name] = "" if opt.type == "str" else ([] if opt.type == "list" else opt.created)
        return obj

    def changes(self, entry, current, desired):
        managed = [o for o in self.rows if not o.read_only and not o.write_only]
        changed = [o.name for o in managed if not same(o.rule, current.get(o.name), entry.get(o.name))]
        if self.params.get("update_password", "always") == "always":
            changed += [o.name for o in self.rows if o.write_only and o.secret and entry.get(o.name) is not None]
        return changed

    def secrets(self, entry):
        """The write-only values of ``entry`` (sent, never compared nor kept in the object shown)."""
        return dict((o.name, entry.get(o.name)) for o in self.rows if o.write_only)

    def describe(self, verb, obj, changed=None):
        text_ = "%s %s %s" % (verb, self.item, self.label(obj))
        if changed:
            text_ += " (%s)" % ", ".join(sorted(changed))
        return text_

    def sort_key(self, key):
        return key

    def removed_meanwhile(self, client, write):
        """A failed removal is done when the object is gone from a fresh read of the list (another
        task purging the same list removed it first)."""
        return write.phase == "remove" and write.key not in self.read_all(client, [])

    def read_back(self, client, outcome):
        """After writes: the objects the task names (and the list, in list form) as the server holds
        them now, with one more read: server-assigned values (identifiers, defaults) are shown as they are."""
        fresh = self.read_all(client, outcome.entries)
        for entry in outcome.entries:
            key = entry["key"]
            if key in outcome.after and key in fresh:
                outcome.after[key] = fresh[key]

    # -- output ---------------------------------------------------------------------------
    def result(self, outcome):
        result = super(ListResource, self).result(outcome)
        self.note_secrets(result["diff"], outcome)
        if not self.collection:
            result[self.single_key] = result.pop(self.item)
        return result

    def note_secrets(self, changes, outcome):
        """The diff shows a compared secret as ``********`` when an object is added with it, and as
        ``********`` before and ``******** (changed)`` after when the task changes it (never its value).
        A write-only secret (never read back) is noted where the task sends it: on create, and on
        update with ``update_password=always``."""
        secrets = [o.name for o in self.rows if o.secret and not o.write_only]
        sent_secrets = [o.name for o in self.rows if o.secret and o.write_only]
        if not secrets and not sent_secrets:
            return
        single = None if self.collection else outcome.entries[0]["key"]
        if single is None:
            sides = (changes["before"][self.items], changes["after"][self.items])
        else:
            sides = ({single: changes["before"]} if changes["before"] else {},
                     {single: changes["after"]} if changes["after"] else {})
        for key, obj in outcome.after.items():
            old = outcome.before.get(key)
            for option in secrets:
                if not obj.get(option) and not (old or {}).get(option):
                    continue  # no secret on either side (a plain gateway)
                for side, note in zip(sides, secret_note(old, obj, option) or ()):
                    if note and key in side:
                        side[key] = dict(side[key], **{option: note})
        again = self.params.get("update_password", "always") == "always"
        for entry in outcome.entries:
            key = entry["key"]
            if entry.get("state", "present") == "absent" or key not in outcome.after:
                continue
            for option in sent_secrets:
                if entry.get(option) is None:
                    continue
                note = secret_note(outcome.before.get(key), outcome.after[key], option, sent=again)
                for side, text_ in zip(sides, note or ()):
                    if text_ and key in side:
                        side[key] = dict(side[key], **{option: text_})
        if single is not None:
            changes["before"] = sides[0].get(single, changes["before"])
            changes["after"] = sides[1].get(single, changes["after"])

    def key_names(self):
        """The options that name an object (an IP target's three, or ``key_options``)."""
        return TARGET_OPTIONS if self.ip_target else self.key_options

    def shape(self, key, obj, context):
        if self.bare_names:
            return obj[self.key_options[0]]
        out = dict(obj)
        for opt in self.rows:
            if opt.secret or opt.write_only:
                out.pop(opt.name, None)
        return out


class ListAdapter(Adapter):
    """What the adapters of a family share (``SoapList``, ``JsonList``): the list read into keyed
    objects, and a family's calls turned into the plan's writes.

    A family's adapter says ``read_list(client)`` (every object, shaped like the options) and
    ``add(obj, secrets)``, ``update(current, desired, changed, secrets)``, ``remove(obj)``: one call
    or a list of them, each ``(operation or path, params or body[, refresh[, description]])``.
    ``update`` returning None replaces the object (remove, then add, in one step); ``remove``
    returning None means the server cannot delete it (found before any write).
    """

    def read_list(self, client):
        raise NotImplementedError

    def add(self, obj, secrets):
        raise NotImplementedError

    def update(self, current, desired, changed, secrets):
        """The call(s) of an update; None: the object is replaced."""
        return None

    def remove(self, obj):
        """The call(s) of a removal; None: the server has no way to remove it."""
        return None

    def write(self, plan, phase, call, description, key):
        """Add one call (``(operation, params, refresh)``) to the plan."""
        raise NotImplementedError

    def read_all(self, client, entries):
        key, current = self.resource.key, {}
        for obj in self.read_list(client):
            name, number = key(obj), 1
            while name in current:  # the server holds the same object twice: each can be removed
                number += 1
                name = "%s#%d" % (key(obj), number)
            current[name] = obj
        return current

    def _add_writes(self, plan, phase, calls, description, key):
        for call in calls if isinstance(calls, list) else [calls]:
            # (operation, params[, refresh[, description of this one call]])
            refresh = call[2] if len(call) > 2 else None
            text_ = call[3] if len(call) > 3 else description
            self.write(plan, phase, (call[0], call[1], refresh), text_, key)

    def plan_create(self, plan, entry, desired):
        self._add_writes(plan, "create", self.add(desired, self.resource.secrets(entry)),
                         self.resource.describe("add", desired), entry["key"])

    def plan_update(self, plan, entry, current, desired, changed):
        resource = self.resource
        problems = resource.object_errors(desired)
        if problems:
            raise PlanError("; ".join(problems))
        secrets = resource.secrets(entry)
        calls = self.update(current, desired, changed, secrets)
        if calls is None:
            removal = self.remove(current)
            if removal is None:
                raise PlanError("%s %s cannot be changed (%s): the server has no operation to change or remove it"
                                % (resource.item, resource.label(current), ", ".join(sorted(changed))))
            why = " to replace it (%s)" % ", ".join(sorted(changed))
            self._add_writes(plan, "update", removal, resource.describe("remove", current) + why, entry["key"])
            self._add_writes(plan, "update", self.add(desired, secrets), resource.describe("add", desired),
                             entry["key"])
            return
        self._add_writes(plan, "update", calls, resource.describe("update", desired, changed), entry["key"])

    def plan_remove(self, plan, key, current):
        removal = self.remove(current)
        if removal is None:
            raise PlanError("%s %s cannot be removed: the server has no operation to remove it"
                            % (self.resource.item, self.resource.label(current)))
        self._add_writes(plan, "remove", removal, self.resource.describe("remove", current), key)


class SoapList(ListAdapter):
    """The SOAP adapter of a family (svcServerAdmin): what it reads and the calls it writes with.

    A family's adapter says ``read_list``, ``add`` and, where the server has them, ``update`` and
    ``remove`` (``ListAdapter``); reading the list into keyed objects and turning the calls into the
    plan's writes is done there, once.
    """

    api = "soap"
    service = SERVER
    # the operations of a family whose calls send the table's SOAP columns: adding sends every
    # option that is not read-only, removing the options that name the object (None: no such call)
    add_operation = None
    remove_operation = None
    # the options a removal sends (None: the options that name the object)
    remove_by = None
    # the list of the family: ``read(client)``, objects shaped like the options or the bare key values
    read = None

    def read_list(self, client):
        """Every object of the family, shaped like the options."""
        key = self.resource.key_options[0]
        return [obj if isinstance(obj, dict) else {key: obj} for obj in self.read(client)]

    def sent(self, obj, names=None):
        """{SOAP parameter: value} of ``obj``: ``names``, or every option that is not read-only."""
        return self.resource.table.wire(obj, names)

    def add(self, obj, secrets):
        """(operation, params) of adding ``obj`` (or a list of them)."""
        if self.add_operation is None:
            raise NotImplementedError
        return self.add_operation, self.sent(obj)

    def remove(self, obj):
        """(operation, params) of a removal; None: the server has no operation to remove it."""
        if self.remove_operation is None:
            return None
        return self.remove_operation, self.sent(obj, self.remove_by or self.resource.key_names())

    def write(self, plan, phase, call, description, key):
        plan.add(phase, call[0], description, call[1], key=key, service=self.service, refresh=call[2])


class JsonList(JsonAdapter, ListAdapter):
    """The JSON API adapter of a family, with the system administrator's token: a family says
    ``read_list``, ``add`` and, where the API has them, ``update`` and ``remove`` (``ListAdapter``),
    each call a ``(path, body[, refresh[, description]])`` sent as ``POST path``."""

    scope = SYSADMIN

    def write(self, plan, phase, call, description, key):
        add_write(plan, phase, call[0], description, key, self.scope, call[1], refresh=call[2])


def soap_calls(read, add=None, remove=None, remove_by=None):
    """The adapters of a family whose SOAP calls are the table's: ``read(client)`` lists the
    objects (or their bare key values); ``add`` and ``remove`` name the operations, which send the
    table's SOAP columns (``remove_by``: the options a removal sends, by default those naming the
    object)."""
    calls = dict(read=staticmethod(read), add_operation=add, remove_operation=remove, remove_by=remove_by)
    return {"soap": type("SoapCalls", (SoapList,), calls)}
