# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Sub-collections: the members of one object that one option of a task manages (the subscribers
of a mailing list, the members of a user group, the default subscriber fields of a domain), with
their own ``purge`` and ``keep``.

- ``MemberSet``: a set of names or addresses. What the task lists is added; with ``purge`` what it
  does not list is removed, except what ``keep`` names; without ``purge`` nothing is removed. An
  exact set (a group's members) is a purge with an empty ``keep``.
- ``NamedValues``: members named without case that carry a value (a field and its default), each
  listed with ``state: present`` (added, or updated when its value differs) or ``absent`` (removed).
  The server's spelling of a name is kept for the writes to it.

Both validate and normalise a member and a ``keep`` entry with one function (``check``), so a
``keep`` entry that could not name a member is an input error found before any call, never a key
that matches nothing while a purge removes the rest; and a purge never removes a member ``keep``
names. Nothing here calls a server: the resource turns the difference into its writes.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections import namedtuple


class Difference(namedtuple("Difference", "after add remove")):
    """A member set's change: the set after the task, the members to add and those to remove (sorted)."""


class SubCollection:
    """The members of one object. ``check(value, what) -> (key, error)`` validates and normalises
    one member (or ``keep`` entry): its key, or an error text naming ``what``; a None value is not set."""

    def __init__(self, check):
        self.check = check

    def keys(self, values, what):
        """(sorted distinct keys, errors) of ``values`` (None: not managed -> (None, []))."""
        if values is None:
            return None, []
        keys, errors = set(), []
        for value in values:
            if value is None:
                continue
            key, error = self.check(value, what)
            if error:
                errors.append(error)
            elif key:
                keys.add(key)
        return sorted(keys), errors

    def keep(self, values, what):
        """The ``keep`` entries as keys, validated and normalised by the same ``check`` as the members."""
        return self.keys(values or [], what)


class MemberSet(SubCollection):
    """A set of members (addresses, user names): added, and with ``purge`` removed except ``keep``."""

    @staticmethod
    def after(now, wanted, purge=False, keep=()):
        """The set after the task: ``wanted`` and, with ``purge``, the members of ``keep`` that ``now``
        holds; without ``purge`` all of ``now``."""
        now = set(now or [])
        return sorted(set(wanted) | (now & set(keep) if purge else now))

    def difference(self, now, wanted, purge=False, keep=()):
        """The ``Difference`` of the set read (``now``) and the one the task asks for."""
        after = self.after(now, wanted, purge, keep)
        now = set(now or [])
        return Difference(after, sorted(set(after) - now), sorted(now - set(after)))


class NamedValues(SubCollection):
    """Members named without case, each with a value; listed with a ``state``.

    ``key(name)`` is how names compare (lower case by default); ``check`` validates a name (and a
    ``keep`` entry).
    """

    def __init__(self, check, key=None):
        super(NamedValues, self).__init__(check)
        self.key = key or (lambda name: name.lower())

    def changes(self, now, listed, purge=False, keep=()):
        """The writes that bring ``now`` ({name as the server spells it: value}) to ``listed``.

        ``listed`` holds (name, value, state) in the task's order. Returns ([(action, name, value)],
        after): actions ``add`` (the name as listed), ``update`` and ``remove`` (the name as the server
        spells it), in the order listed, then with ``purge`` the removals of the members not listed
        and not named by ``keep`` (a list of keys), sorted by key; ``after`` is {name: value}.
        """
        after = dict(now or {})
        spelled = dict((self.key(name), name) for name in after)
        actions, named = [], set()
        for name, value, state in listed:
            key = self.key(name)
            named.add(key)
            existing = spelled.get(key)
            if state == "absent":
                if existing is not None:
                    actions.append(("remove", existing, None))
                    del after[existing]
                    del spelled[key]
            elif existing is None:
                actions.append(("add", name, value))
                after[name] = value
                spelled[key] = name
            elif after[existing] != value:
                actions.append(("update", existing, value))
                after[existing] = value
        if purge:
            kept = set(keep)
            for key in sorted(spelled):
                if key not in named and key not in kept:
                    actions.append(("remove", spelled[key], None))
                    del after[spelled[key]]
        return actions, after
