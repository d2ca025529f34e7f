# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A resource as one table: per option its type, documentation, comparison rule, secrecy, and one
column per backend (``soap``, ``json``) holding what that backend calls the option, or
``NotServed`` with the reason it cannot.

From the table come the module's argument spec (single and list forms), the comparison fields the
engine plans with, each backend's wire names and refusals, and the ``options`` of the module's
DOCUMENTATION (``scripts/generate.py``, ``make generate``, writes them into the module file; ``make test`` fails
when a module file is stale). Nothing here calls a server.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import (
    ArgumentSpec,
    bulk_spec,
    entry_forms,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import Field

BACKENDS = ("soap", "json")  # the SmarterMail columns; ``columns`` adds others (``plesk``)
# the keys of an argument spec entry an Option carries, in DOCUMENTATION order
_SPEC_KEYS = ("type", "elements", "required", "choices", "default", "no_log", "aliases")


class NotServed:
    """A backend column's value for an option that backend cannot serve; ``why`` is the text of
    the refusal (an input error, before any call).

    The option is in use when it is set to anything but its default (at the top level or in any
    entry of the list form); ``when(resource, entries)`` decides instead where a value alone does
    not tell, and ``label`` then names what is refused (``server_defaults: false``).
    """

    def __init__(self, why, when=None, label=None):
        self.why = why
        self.when = when
        self.label = label


class Wire:
    """A JSON column's value: the field's name on the wire and its converters (identity by default)."""

    def __init__(self, field, to_wire=None, from_wire=None):
        self.field = field
        self.to_wire = to_wire or (lambda value: value)
        self.from_wire = from_wire or (lambda value: value)


class Option:
    """One row of a table.

    ``doc`` is the option's description (a text or a list of paragraphs); ``rule`` a comparison
    rule of the engine (None: the option is not compared as a field, for example the key or a
    write-time switch); ``secret`` means no_log and never shown; ``read_only`` is read and shown,
    never written. ``soap`` and ``json`` are the backend columns. ``entry`` and ``top`` say whether
    the option is one of a list entry's suboptions and whether it stands at the top level.
    ``options`` are the suboptions of a ``dict`` (or list of dicts) option, as Options.
    ``columns`` holds the columns of other backends ({"plesk": the packet element}). ``inherit``:
    an entry of the list form that leaves the option unset takes the top level's value, so the
    entry's spec has no default (a per-entry ``purge`` that overrides the task's).
    """

    def __init__(self, name, doc, type="str", rule=None, secret=False, read_only=False, elements=None,
                 required=False, choices=None, default=None, aliases=None, options=None, check=None,
                 soap=None, json=None, entry=True, top=True, version_added=None, no_log=None, entry_doc=None,
                 columns=None, inherit=False):
        self.name = name
        self.doc = [doc] if isinstance(doc, str) else list(doc)
        self.type = type
        self.rule = rule
        self.secret = secret
        self.read_only = read_only
        self.elements = elements
        self.required = required
        self.choices = list(choices) if choices is not None else None
        self.default = default
        self.aliases = list(aliases) if aliases else None
        self.options = list(options) if options else None
        self.check = check
        self.columns = {"soap": soap, "json": json}
        self.columns.update(columns or {})
        self.inherit = inherit
        self.entry = entry
        self.top = top
        self.version_added = version_added
        # None: not said (true for a secret); False is said where the name looks secret ("..._keys")
        self.no_log = (True if secret else None) if no_log is None else no_log
        self.entry_doc = [entry_doc] if isinstance(entry_doc, str) else entry_doc

    def column(self, backend):
        return self.columns.get(backend)

    def spec(self, required=None, entry=False):
        out = dict(type=self.type)
        if self.elements:
            out["elements"] = self.elements
        if self.required if required is None else required:
            out["required"] = True
        if self.choices is not None:
            out["choices"] = list(self.choices)
        if self.default is not None and not (entry and self.inherit):
            out["default"] = self.default
        if self.no_log is not None:
            out["no_log"] = self.no_log
        if self.aliases:
            out["aliases"] = list(self.aliases)
        if self.options:
            out["options"] = dict((o.name, o.spec()) for o in self.options)
        return out

    def field(self, backend="soap"):
        if self.rule is None:
            return None
        wire = self.columns.get(backend)
        return Field(self.name, wire if isinstance(wire, str) else None, rule=self.rule, secret=self.secret,
                     read_only=self.read_only)

    def docs(self, doc=None, required=None, entry=False):
        out = {"description": list(doc or self.doc)}
        spec = self.spec(required, entry)
        for key in _SPEC_KEYS:
            if key in spec and key != "no_log":
                out[key] = spec[key]
        if self.options:
            # in the list form's entries a suboption says ``entry_doc`` when it has one
            out["suboptions"] = dict((o.name, o.docs(doc=o.entry_doc if entry else None, entry=entry))
                                     for o in self.options)
        if self.version_added:
            out["version_added"] = self.version_added
        return out


class Table:
    """The rows of one resource, and what the module's form looks like.

    ``list_option`` names the list form's option (None: single form only). Its entries are dicts
    of the entry options (``list_elements="dict"``, the default), or the key values themselves
    (``list_elements="str"``, a list of names). ``list_doc`` documents it. ``strict`` refuses an
    entry option given beside the list (see ``entry_forms``); ``rules`` are further argument spec
    rules (``mutually_exclusive`` ...) between top-level options.
    """

    def __init__(self, options, list_option=None, list_doc=None, list_elements="dict", key="name", strict=True,
                 bulk=None, **rules):
        self.options = list(options)
        self.by_name = dict((o.name, o) for o in self.options)
        if len(self.by_name) != len(self.options):
            raise ValueError("an option is in the table twice")
        self.list_option = list_option
        self.list_doc = list_doc
        self.list_elements = list_elements
        self.key = key
        self.strict = strict
        self.bulk = bool(list_option) if bulk is None else bulk
        self.rules = rules

    def __getitem__(self, name):
        return self.by_name[name]

    # -- what the engine uses -------------------------------------------------------------------
    def fields(self, names=None, backend="soap"):
        """The comparison fields (rows with a rule), optionally only ``names``, in table order; their
        wire names are ``backend``'s column."""
        rows = self.options if names is None else [self.by_name[n] for n in names]
        return tuple(f for f in (o.field(backend) for o in rows) if f is not None)

    def entry_options(self):
        return tuple(o.name for o in self.options if o.entry)

    def column(self, backend, served=True):
        """{option: column value} of ``backend``: what it serves (``served``) or every non-empty cell."""
        out = {}
        for option in self.options:
            value = option.column(backend)
            if value is not None and (not served or not isinstance(value, NotServed)):
                out[option.name] = value
        return out

    def refusals(self, backend):
        """[(option name, NotServed)] of ``backend``."""
        return [(o.name, o.column(backend)) for o in self.options if isinstance(o.column(backend), NotServed)]

    def secrets(self):
        return tuple(o.name for o in self.options if o.secret)

    # -- the argument spec --------------------------------------------------------------------
    def argument_spec(self):
        dict_entries = self.list_option and self.list_elements == "dict"
        top = dict((o.name, o.spec()) for o in self.options if o.top and not (dict_entries and o.entry))
        if self.list_option and self.list_elements == "dict":
            entry = dict((o.name, o.spec(entry=True)) for o in self.options if o.entry)
            exclude = tuple(o.name for o in self.options if o.entry and not o.top)
            inherited = tuple(o.name for o in self.options if o.entry and o.top and o.inherit)
            spec = entry_forms(self.list_option, entry, exclude=exclude, strict=self.strict, key=self.key,
                               inherited=inherited, bulk=self.bulk)
            return ArgumentSpec(top, **self.rules).merge(spec)
        if self.list_option:
            key = self.by_name[self.key]
            top[self.key] = key.spec(required=False)
            top[self.list_option] = dict(type="list", elements=self.list_elements)
            rules = dict(self.rules)
            rules["mutually_exclusive"] = list(rules.get("mutually_exclusive") or []) + [(self.key, self.list_option)]
            rules["required_one_of"] = list(rules.get("required_one_of") or []) + [(self.key, self.list_option)]
            spec = ArgumentSpec(top, **rules)
            return spec.merge(bulk_spec()) if self.bulk else spec
        spec = ArgumentSpec(top, **self.rules)
        return spec.merge(bulk_spec()) if self.bulk else spec

    # -- DOCUMENTATION ------------------------------------------------------------------------
    def documentation(self):
        """The ``options`` of the module's DOCUMENTATION (connection options, ``purge`` and ``keep``
        come from doc fragments)."""
        out = {}
        dict_entries = self.list_option and self.list_elements == "dict"
        for option in self.options:
            if not option.top:
                continue
            required = False if dict_entries and option.name == self.key else None
            if self.list_option and not dict_entries and option.name == self.key:
                required = False
            out[option.name] = option.docs(required=required)
        if self.list_option:
            doc = {"description": list(self.list_doc or []), "type": "list", "elements": self.list_elements}
            if dict_entries:
                doc["suboptions"] = dict(
                    (o.name, o.docs(doc=o.entry_doc or ([u"As O(%s), for this entry." % o.name] if o.top else None),
                                    entry=True))
                    for o in self.options if o.entry)
            # the list form right after the key it lists
            ordered = {}
            for name, value in out.items():
                ordered[name] = value
                if name == self.key:
                    ordered[self.list_option] = doc
            ordered.setdefault(self.list_option, doc)
            out = ordered
        return out
